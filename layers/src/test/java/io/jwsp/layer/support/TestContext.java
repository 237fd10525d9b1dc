package io.jwsp.layer.support;

import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.trace.WireTap;
import java.util.Map;

/** A provider context for tests that build chains by hand. */
public record TestContext(TimeSource timeSource, WireTap wireTap, Map<String, String> settings)
        implements ProviderContext {
    public static TestContext of(TimeSource clock) {
        return new TestContext(clock, WireTap.NONE, Map.of());
    }

    public static TestContext of(TimeSource clock, Map<String, String> settings) {
        return new TestContext(clock, WireTap.NONE, settings);
    }
}
