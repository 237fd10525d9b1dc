package io.jwsp.cli.setup;

import io.jwsp.cli.CliFailure;
import io.jwsp.cli.settings.SettingsCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --set KEY=VALUE}, repeatable: provider settings handed to the runtime ({@code irda.baud=9600}). */
public final class SettingsOption {
    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A provider setting passed to the runtime, written <provider>.<name>=<value> "
                    + "(for instance irda.baud=9600). Repeatable. An unknown key or a value the provider rejects "
                    + "is a usage error (exit 2) that lists the known keys.")
    List<String> assignments = List.of();

    /**
     * The assignments, checked against the providers and layers of {@code dir}: an unknown provider or key, or a
     * value the provider's settings record rejects, is a usage error listing the known keys.
     */
    public Map<String, String> settings(ProviderDirectory dir) {
        Map<String, String> out = settings();
        SettingsCheck.check(out, dir);
        return out;
    }

    /** The assignments as written, unchecked. */
    private Map<String, String> settings() {
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
