package io.jwsp.cli.setup;

import io.jwsp.cli.CliFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --set KEY=VALUE}, repeatable: provider settings handed to the runtime ({@code irda.baud=9600}). */
public final class SettingsOption {
    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A provider setting passed to the runtime, written <provider>.<name>=<value> "
                    + "(for instance irda.baud=9600). Repeatable.")
    List<String> assignments = List.of();

    public Map<String, String> settings() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw CliFailure.usage("--set expects KEY=VALUE, got '" + a + "'");
            }
            out.put(a.substring(0, eq).trim(), a.substring(eq + 1).trim());
        }
        return out;
    }
}
