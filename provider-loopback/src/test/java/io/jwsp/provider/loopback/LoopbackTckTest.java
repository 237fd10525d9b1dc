package io.jwsp.provider.loopback;

import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.testkit.tck.ProviderTck;
import io.jwsp.testkit.tck.ProviderUnderTest;

/**
 * The loopback provider against the whole TCK, on a virtual clock (a 30 s linger runs in microseconds). Small
 * buffers keep the stalled-peer fills short; every quirk hook keeps its TCP-like default.
 */
class LoopbackTckTest extends ProviderTck {
    @Override
    protected ProviderUnderTest provider() {
        return ProviderUnderTest.builder(new LoopbackProviderFactory(), InetSockAddr.loopback4(0))
                .setting("loopback.sendBufferBytes", "16384")
                .setting("loopback.receiveBufferBytes", "16384")
                .virtualTime(true)
                .build();
    }
}
