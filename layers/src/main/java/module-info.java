/**
 * Ready-made layered providers: trace (SLF4J), metrics (Micrometer) and fault injection. Micrometer ships as an
 * automatic module; it is required transitively because MetricsLayer's constructor takes its MeterRegistry.
 */
@SuppressWarnings("requires-transitive-automatic")
module io.jwsp.layers {
    requires transitive io.jwsp.spi;
    requires transitive org.slf4j;
    requires transitive micrometer.core;

    exports io.jwsp.layer.trace;
    exports io.jwsp.layer.metrics;
    exports io.jwsp.layer.faults;
    exports io.jwsp.layer.pcap;

    provides io.jwsp.spi.LayeredProviderFactory with
            io.jwsp.layer.trace.TraceLayer,
            io.jwsp.layer.metrics.MetricsLayer,
            io.jwsp.layer.faults.FaultLayer;
}
