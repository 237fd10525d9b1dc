package io.jwsp.layer.transparency;

import io.jwsp.provider.loopback.LoopbackProviderFactory;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.testkit.tck.ProviderUnderTest;

/** Loopback as its own TCK run configures it (small buffers keep the stalled-peer fills short). */
final class LoopbackPutFactory {
    private LoopbackPutFactory() {
    }

    static ProviderUnderTest loopback() {
        return ProviderUnderTest.builder(new LoopbackProviderFactory(), InetSockAddr.loopback4(0))
                .setting("loopback.sendBufferBytes", "16384")
                .setting("loopback.receiveBufferBytes", "16384")
                .virtualTime(true)
                .build();
    }
}
