package io.jwsp.runtime.provider;

import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.trace.WireTap;
import java.util.LinkedHashMap;
import java.util.Map;

/** What one provider gets from its runtime: the (APC-aware) clock, the wire tap and its own settings. */
public record RuntimeProviderContext(TimeSource timeSource, WireTap wireTap, Map<String, String> settings)
        implements ProviderContext {

    public RuntimeProviderContext {
        settings = Map.copyOf(settings);
    }

    /**
     * The settings of provider {@code name}: keys written {@code <name>.<key>} or {@code jwsp.<name>.<key>}, with
     * the prefix removed. The longer form wins when both name the same key.
     */
    public static Map<String, String> settingsFor(String name, Map<String, String> all) {
        Map<String, String> out = new LinkedHashMap<>();
        String shortPrefix = name + ".";
        String longPrefix = "jwsp." + name + ".";
        all.forEach((k, v) -> {
            if (k.startsWith(shortPrefix) && k.length() > shortPrefix.length()) {
                out.putIfAbsent(k.substring(shortPrefix.length()), v);
            }
        });
        all.forEach((k, v) -> {
            if (k.startsWith(longPrefix) && k.length() > longPrefix.length()) {
                out.put(k.substring(longPrefix.length()), v);
            }
        });
        return out;
    }
}
