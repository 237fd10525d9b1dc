package io.jwsp.layer.metrics;

import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.WspProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.UUID;

/**
 * The metrics layer: calls, bytes, errors by WSA code, close types and close (linger) durations as Micrometer
 * meters. The registry is the one given to the constructor (a Guice user binds it), or, for the ServiceLoader
 * instance, Micrometer's global registry with the setting {@code metrics.registry=global}, else a
 * {@link SimpleMeterRegistry} of this factory's own ({@link #registry()}, and {@code unwrap(MeterRegistry.class)} on
 * the chain). Meter names start with the setting {@code metrics.prefix} ({@value #DEFAULT_PREFIX}).
 */
public final class MetricsLayer implements LayeredProviderFactory {
    public static final String NAME = "metrics";
    public static final UUID PROVIDER_ID = UUID.fromString("6a1f4c2e-7b1d-4e55-9c0a-7d1e0b7a7002");
    public static final String DEFAULT_PREFIX = "jwsp";

    private final MeterRegistry given;
    private MeterRegistry own;

    /** For ServiceLoader: the registry comes from the settings. */
    public MetricsLayer() {
        this.given = null;
    }

    public MetricsLayer(MeterRegistry registry) {
        this.given = java.util.Objects.requireNonNull(registry, "registry");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public UUID providerId() {
        return PROVIDER_ID;
    }

    /** The registry the constructor was given, or this factory's own simple registry. */
    public synchronized MeterRegistry registry() {
        if (given != null) {
            return given;
        }
        if (own == null) {
            own = new SimpleMeterRegistry();
        }
        return own;
    }

    @Override
    public WspProvider create(ProviderContext context, WspProvider lower) {
        MeterRegistry registry = given != null || !"global".equals(read(context, "registry", ""))
                ? registry() : Metrics.globalRegistry;
        Meters meters = new Meters(registry, read(context, "prefix", DEFAULT_PREFIX));
        return new MetricsProvider(lower, meters, context.timeSource());
    }

    private static String read(ProviderContext context, String key, String fallback) {
        return context.setting(key, context.setting(NAME + "." + key, fallback));
    }
}
