/**
 * The metrics layer (Micrometer). Micrometer ships as an automatic module; it is required transitively because
 * MetricsLayer's constructor takes its MeterRegistry.
 */
@SuppressWarnings("requires-transitive-automatic")
module io.jwsp.layers.metrics {
    requires transitive io.jwsp.spi;
    requires transitive micrometer.core;

    exports io.jwsp.layer.metrics;

    provides io.jwsp.spi.LayeredProviderFactory with io.jwsp.layer.metrics.MetricsLayer;
}
