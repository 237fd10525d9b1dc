/**
 * The loopback base provider: in-memory stream and datagram sockets over an address space owned by one runtime,
 * with bounded buffers so "queued data" is real and every row of the close/linger table observable without a
 * network and deterministic under a virtual clock.
 */
module io.jwsp.provider.loopback {
    requires transitive io.jwsp.spi;
    requires org.slf4j;

    exports io.jwsp.provider.loopback;

    provides io.jwsp.spi.WspProviderFactory with io.jwsp.provider.loopback.LoopbackProviderFactory;
}
