package io.jwsp.provider.irda;

import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.time.VirtualClock;
import io.jwsp.spi.trace.WireTap;
import java.util.Map;

/** A provider context without a runtime: a virtual clock, no tap, the given settings. */
record TestContext(TimeSource timeSource, WireTap wireTap, Map<String, String> settings) implements ProviderContext {
    TestContext() {
        this(new VirtualClock(), WireTap.NONE, Map.of("baud", "0"));
    }
}
