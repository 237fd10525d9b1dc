package io.jwsp.cli.settings;

import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.time.VirtualClock;
import io.jwsp.spi.trace.WireTap;
import java.util.Map;

/** The context a provider is built with only to see how it reads its settings: a clock nobody moves, no tap. */
record ProbeContext(TimeSource timeSource, WireTap wireTap, Map<String, String> settings) implements ProviderContext {
    ProbeContext(Map<String, String> settings) {
        this(new VirtualClock(), WireTap.NONE, settings);
    }
}
