/** JMH benchmarks of jwsp and its anchors, and the quick ratio table behind {@code jwsp bench}. */
module io.jwsp.bench {
    requires io.jwsp.spi;
    requires io.jwsp.runtime;
    requires io.jwsp.provider.loopback;
    requires io.jwsp.provider.tcp;
    requires io.jwsp.provider.irda;
    requires io.jwsp.provider.atm;
    requires jmh.core;
    requires io.netty.transport;
    requires io.netty.buffer;
    requires io.netty.common;
    requires java.management;
    requires org.slf4j;

    exports io.jwsp.bench;
    exports io.jwsp.bench.scale;
    exports io.jwsp.bench.jmh_generated to jmh.core;
    opens io.jwsp.bench to jmh.core;
    opens io.jwsp.bench.jmh_generated to jmh.core;
}
