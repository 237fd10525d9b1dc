package io.jwsp.layer.transparency;

import io.jwsp.provider.irda.IrdaProviderFactory;
import io.jwsp.provider.irda.IrdaSockAddr;
import io.jwsp.testkit.tck.PeerEnd;
import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.testkit.tck.ProviderUnderTest;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;

/** The TCK over IrDA through a layer that overrides nothing, configured as IrDA's own TCK run is. */
class IrdaPassThroughTckTest extends PassThroughTck {
    private static final AtomicInteger SOCKETS = new AtomicInteger();

    @Override
    protected ProviderUnderTest provider() {
        return ProviderUnderTest.builder(new IrdaProviderFactory(), IrdaSockAddr.local(""))
                .setting("irda.baud", "0")
                .hardCloseSeenByPeer(PeerEnd.END_OF_STREAM)
                .gracefulEndSeenByPeer(PeerEnd.END_OF_STREAM)
                .fdCloseAfterUnreadData(true) // TinyTP's disconnect-wait, as IrdaTckTest declares
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
