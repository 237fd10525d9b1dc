package io.jwsp.cli.settings;

import io.jwsp.cli.CliFailure;
import io.jwsp.cli.setup.ProviderDirectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks {@code --set} against what each provider's settings record reads: the prefix must name a provider or
 * layer, the key must be one it reads, and the provider must accept the value. A failure is a usage error (exit 2)
 * that lists the known keys. The keys come from building each provider once with a {@link ReadRecorder}, so a
 * setting added to a settings record is checked without a change here.
 */
public final class SettingsCheck {
    private static final String LONG_PREFIX = "jwsp.";

    private final Map<String, SettingsProbe> probes = new LinkedHashMap<>();
    private final Map<String, Set<String>> known = new LinkedHashMap<>();

    private SettingsCheck(ProviderDirectory dir) {
        dir.providers().forEach(f -> probes.put(f.name(), SettingsProbe.of(f)));
        dir.layers().forEach(l -> probes.putIfAbsent(l.name(), SettingsProbe.of(l)));
    }

    /** Throws a usage failure when an assignment does not fit the providers and layers of {@code dir}. */
    public static void check(Map<String, String> assignments, ProviderDirectory dir) {
        if (!assignments.isEmpty()) {
            new SettingsCheck(dir).check(assignments);
        }
    }

    /** Every key each provider and layer of {@code dir} reads, written as {@code --set} takes it. */
    public static Map<String, Set<String>> knownKeys(ProviderDirectory dir) {
        SettingsCheck c = new SettingsCheck(dir);
        Map<String, Set<String>> out = new LinkedHashMap<>();
        c.probes.keySet().forEach(n -> out.put(n, c.knownOf(n)));
        return out;
    }

    private void check(Map<String, String> assignments) {
        Map<String, Map<String, String>> byProvider = new LinkedHashMap<>();
        Map<String, String> written = new LinkedHashMap<>();   // provider + "." + key -> as the user wrote it
        assignments.forEach((key, value) -> {
            Target t = targetOf(key);
            if (t == null) {
                throw CliFailure.usage("--set " + key + "=" + value + ": no provider or layer is named '"
                        + prefixOf(key) + "'\nknown settings: " + everyKnownKey());
            }
            String owner = t.owner();
            String bare = t.bare();
            byProvider.computeIfAbsent(owner, k -> new LinkedHashMap<>()).put(bare, value);
            written.put(owner + "." + bare, key);
        });
        byProvider.forEach((owner, values) -> {
            SettingsProbe.Outcome o = probes.get(owner).run(values);
            Set<String> readable = new LinkedHashSet<>(knownOf(owner));
            o.keysRead().forEach(k -> readable.add(owner + "." + k));
            for (String bare : values.keySet()) {
                if (!readable.contains(owner + "." + bare)) {
                    String as = written.get(owner + "." + bare);
                    throw CliFailure.usage("--set " + as + "=" + values.get(bare) + ": " + owner
                            + " has no setting '" + bare + "'\n" + owner + "'s settings: " + listOf(owner));
                }
            }
            if (o.rejection() != null) {
                throw CliFailure.usage(rejection(owner, values, written, o));
            }
        });
    }

    /**
     * A parse error is about the key read just before it, and a single setting is about itself; any other check is
     * about the settings together.
     */
    private static String rejection(String owner, Map<String, String> values, Map<String, String> written,
                                    SettingsProbe.Outcome o) {
        boolean parse = o.rejection() instanceof NumberFormatException;
        String cause = parse ? "not a number: " + String.valueOf(o.rejection().getMessage())
                .replaceFirst("^For input string: ", "") : String.valueOf(o.rejection().getMessage());
        String bare = parse && o.lastAnswered() != null ? o.lastAnswered()
                : values.size() == 1 ? values.keySet().iterator().next() : null;
        if (bare != null) {
            return "--set " + written.get(owner + "." + bare) + "=" + values.get(bare) + ": " + owner
                    + " rejects it (" + cause + ")";
        }
        String given = values.entrySet().stream()
                .map(e -> written.get(owner + "." + e.getKey()) + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        return "--set " + given + ": " + owner + " rejects these settings (" + cause + ")";
    }

    /** Which provider or layer a key is for, and the key without the prefix. */
    private record Target(String owner, String bare) {
    }

    /** {@code irda.baud} and {@code jwsp.irda.baud} are both irda's {@code baud}; {@code null} for no owner. */
    private Target targetOf(String key) {
        String rest = key.startsWith(LONG_PREFIX) ? key.substring(LONG_PREFIX.length()) : key;
        for (String candidate : List.of(key, rest)) {
            for (String name : probes.keySet()) {
                if (candidate.startsWith(name + ".") && candidate.length() > name.length() + 1) {
                    return new Target(name, candidate.substring(name.length() + 1));
                }
            }
        }
        return null;
    }

    private static String prefixOf(String key) {
        String rest = key.startsWith(LONG_PREFIX) ? key.substring(LONG_PREFIX.length()) : key;
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /**
     * What {@code owner} reads with no settings at all, written {@code owner.key}. Keys it tries under its own
     * prefix too (irda reads {@code baud}, then {@code irda.baud}) are the same setting and listed once.
     */
    private Set<String> knownOf(String owner) {
        return known.computeIfAbsent(owner, n -> {
            Set<String> out = new LinkedHashSet<>();
            for (String k : probes.get(n).run(Map.of()).keysRead()) {
                if (!k.startsWith(n + ".") && !k.startsWith(LONG_PREFIX)) {
                    out.add(n + "." + k);
                }
            }
            return out;
        });
    }

    private String listOf(String owner) {
        Set<String> keys = knownOf(owner);
        return keys.isEmpty() ? "(none)" : String.join(", ", keys);
    }

    private String everyKnownKey() {
        List<String> parts = new ArrayList<>();
        for (String n : probes.keySet()) {
            String keys = listOf(n);
            parts.add(keys.equals("(none)") ? n + ": (none)" : keys);
        }
        return String.join("; ", parts);
    }
}
