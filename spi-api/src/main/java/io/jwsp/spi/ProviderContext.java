package io.jwsp.spi;

import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.trace.WireTap;
import java.util.Map;

/**
 * What a runtime hands a provider it creates. Everything a provider keeps (simulated media, address spaces,
 * timers) belongs to this context's runtime: two runtimes in one JVM share nothing.
 */
public interface ProviderContext {
    /** The clock every wait and timer of the provider goes through. */
    TimeSource timeSource();

    /** Where frames and closes are reported. */
    WireTap wireTap();

    /** Settings for this provider ({@code jwsp.<provider>.<key>} with the prefix removed). */
    Map<String, String> settings();

    default String setting(String key, String fallback) {
        return settings().getOrDefault(key, fallback);
    }
}
