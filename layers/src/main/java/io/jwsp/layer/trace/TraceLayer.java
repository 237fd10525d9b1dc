package io.jwsp.layer.trace;

import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.WspProvider;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trace layer: every call and its result through SLF4J at DEBUG, one line each. Settings (prefix
 * {@code trace.}): {@code payload=true} adds the payload bytes in hex, at most {@code payloadLimit} (64) per call;
 * {@code logger} names the logger (default {@value #DEFAULT_LOGGER}).
 */
public final class TraceLayer implements LayeredProviderFactory {
    public static final String NAME = "trace";
    public static final UUID PROVIDER_ID = UUID.fromString("6a1f4c2e-7b1d-4e55-9c0a-7d1e0b7a7001");
    public static final String DEFAULT_LOGGER = "io.jwsp.layer.trace";

    private final Logger logger;

    /** For ServiceLoader: the logger comes from the settings. */
    public TraceLayer() {
        this(null);
    }

    /** Traces to {@code logger} (an application's own, or a test's). */
    public TraceLayer(Logger logger) {
        this.logger = logger;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public UUID providerId() {
        return PROVIDER_ID;
    }

    @Override
    public WspProvider create(ProviderContext context, WspProvider lower) {
        TraceSettings settings = TraceSettings.from(context);
        Logger log = logger != null ? logger : LoggerFactory.getLogger(settings.loggerName());
        return new TraceProvider(lower, log, context.timeSource(), settings);
    }
}
