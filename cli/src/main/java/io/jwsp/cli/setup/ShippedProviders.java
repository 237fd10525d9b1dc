package io.jwsp.cli.setup;

import io.jwsp.spi.addr.AddressFamily;

/**
 * What the commands know about the four providers jwsp ships with: which one runs on real sockets (and so on the
 * real clock), and where a listener binds when the user names no address.
 */
public final class ShippedProviders {
    private ShippedProviders() {
    }

    /** tcp runs on the kernel's clock; the simulated providers on a virtual one. */
    public static boolean isRealTime(String provider) {
        return provider.equals("tcp");
    }

    /**
     * A listener address in the provider's own syntax: an ephemeral port on the loopback address for IP, a
     * service name for IrDA (device 0 is this machine's adapter), selector 1 on switch port 1 for ATM (the
     * client calls from port 0, so a trace shows both adapters and the switch between them).
     */
    public static String defaultListen(String provider, int addressFamily) {
        return switch (provider) {
            case "irda" -> "jwsp-listener";
            case "atm" -> "@1.1";
            default -> switch (addressFamily) {
                case AddressFamily.AF_INET6 -> "[::1]:0";
                case AddressFamily.AF_INET -> "127.0.0.1:0";
                default -> ""; // the usual "any" name of a family jwsp does not know
            };
        };
    }
}
