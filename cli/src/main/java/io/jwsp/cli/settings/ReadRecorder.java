package io.jwsp.cli.settings;

import java.util.AbstractMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A provider's settings map that remembers which keys the provider asked for. Whatever a settings record reads is
 * a key it knows; so a setting added to a record is known here without a list kept anywhere else.
 */
final class ReadRecorder extends AbstractMap<String, String> {
    private final Map<String, String> values;
    private final Set<String> read = new LinkedHashSet<>();
    private String lastAnswered;

    ReadRecorder(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    @Override
    public String get(Object key) {
        if (key instanceof String k) {
            read.add(k);
            String v = values.get(k);
            if (v != null) {
                lastAnswered = k;
            }
            return v;
        }
        return null;
    }

    @Override
    public String getOrDefault(Object key, String fallback) {
        String v = get(key);
        return v == null ? fallback : v;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return values.entrySet();
    }

    /** Every key asked for, in the order first asked. */
    Set<String> keysRead() {
        return read;
    }

    /** The last key asked for that had a value: the one a parse error right after it is about. */
    String lastAnswered() {
        return lastAnswered;
    }
}
