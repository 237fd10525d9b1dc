/**
 * Ready-made layered providers: trace (SLF4J) and fault injection. The metrics layer, which needs Micrometer, is
 * the module io.jwsp.layers.metrics (artifact layers-metrics), so these two never bring Micrometer along.
 */
module io.jwsp.layers {
    requires transitive io.jwsp.spi;
    requires transitive org.slf4j;

    exports io.jwsp.layer.trace;
    exports io.jwsp.layer.faults;
    exports io.jwsp.layer.pcap;

    provides io.jwsp.spi.LayeredProviderFactory with
            io.jwsp.layer.trace.TraceLayer,
            io.jwsp.layer.faults.FaultLayer;
}
