package io.jwsp.cli.netcat;

/** The recipes {@code listen --help} and {@code send --help} show: one pair of commands per provider. */
public final class CrossProcess {
    public static final String HEADING = "%nAcross two processes (or two shells):%n";

    private static final String[] RECIPES = {
        "  tcp:",
        "    jwsp listen --provider tcp --bind 127.0.0.1:5001",
        "    jwsp send --provider tcp --to 127.0.0.1:5001 --bytes 1000000 --linger on:5",
        "  irda, over its UDP medium (a device is named 1DA0 + its UDP port in hex: 29401 = 72D9):",
        "    jwsp listen --provider irda --bind jwsp-demo \\",
        "        --set irda.udp.bind=127.0.0.1:29401 --set irda.udp.peer=127.0.0.1:29402",
        "    jwsp send --provider irda --to 1DA072D9:jwsp-demo --bytes 20000 \\",
        "        --set irda.udp.bind=127.0.0.1:29402 --set irda.udp.peer=127.0.0.1:29401",
        "    (115200 baud in real time; --set irda.baud=0 on both sides makes the medium untimed)",
        "  atm, over its UDP switch (the first process hosts it on 127.0.0.1:29310-29311; its adapter is port 0):",
        "    jwsp listen --provider atm --bind @0.1 --set atm.transport=udp --set atm.devices=1",
        "    jwsp send --provider atm --to @0.1 --bytes 100000 --set atm.transport=udp --set atm.devices=1",
        "    (add --delay-before-close 100 to send, or RELEASE overtakes the last cells)",
        "  loopback lives inside one runtime and cannot cross processes: close-matrix and trace show it.",
    };

    private CrossProcess() {
    }

    /** Adds the recipes to the help of listen and send (annotation values cannot share an array). */
    public static void addTo(picocli.CommandLine root) {
        for (String name : new String[] {"listen", "send"}) {
            picocli.CommandLine.Model.UsageMessageSpec u =
                    root.getSubcommands().get(name).getCommandSpec().usageMessage();
            u.footerHeading(HEADING);
            u.footer(RECIPES);
        }
    }

    /** A reminder when a simulated provider was started without the UDP medium another process could reach. */
    static String inProcessWarning(String provider, java.util.Map<String, String> settings) {
        boolean udp = switch (provider) {
            // --set has been checked: a key is written <provider>.<key> or jwsp.<provider>.<key>
            case "irda" -> settings.containsKey("irda.udp.bind") || settings.containsKey("jwsp.irda.udp.bind");
            case "atm" -> "udp".equals(settings.get("atm.transport"))
                    || "udp".equals(settings.get("jwsp.atm.transport"));
            default -> true;
        };
        return udp ? null : provider + " runs in-process unless its UDP medium is set: no other process can reach "
                + "this one (see --help for the settings)";
    }

    /** loopback's address space belongs to one runtime: a listener there could never be reached from outside. */
    static void refuseLoopback(String provider) {
        if (provider.equals("loopback")) {
            throw io.jwsp.cli.CliFailure.usage("loopback lives inside one runtime and cannot cross processes; "
                    + "use tcp, irda or atm (see --help)");
        }
    }
}
