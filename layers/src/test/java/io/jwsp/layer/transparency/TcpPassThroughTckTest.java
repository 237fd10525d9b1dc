package io.jwsp.layer.transparency;

import io.jwsp.provider.tcp.TcpProviderFactory;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.testkit.tck.ProviderUnderTest;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;

/** The TCK over tcp through a layer that overrides nothing, configured as tcp's own TCK run is. */
class TcpPassThroughTckTest extends PassThroughTck {
    private static final AtomicInteger SOCKETS = new AtomicInteger();

    @Override
    protected ProviderUnderTest provider() {
        // tcp's own TCK setting: a fixed receive buffer (no auto-tuning), so a stalled peer's window stays closed
        return ProviderUnderTest.builder(new TcpProviderFactory(), InetSockAddr.loopback4(0))
                .setting("tcp.rcvbuf", "65536")
                .build();
    }

    @Override
    protected List<LayeredProviderFactory> layers() {
        return List.of(new PassThroughLayer(SOCKETS));
    }

    @AfterAll
    static void theChainWasUsed() {
        assertChainUsed(SOCKETS.get());
    }
}
