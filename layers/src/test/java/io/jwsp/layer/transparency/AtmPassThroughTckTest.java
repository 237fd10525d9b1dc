package io.jwsp.layer.transparency;

import io.jwsp.provider.atm.AtmProviderFactory;
import io.jwsp.provider.atm.addr.AtmAddress;
import io.jwsp.provider.atm.addr.AtmSockAddr;
import io.jwsp.provider.atm.sw.AtmSwitch;
import io.jwsp.testkit.tck.PeerEnd;
import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.testkit.tck.ProviderUnderTest;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;

/** The TCK over ATM through a layer that overrides nothing, configured as ATM's own TCK run is. */
class AtmPassThroughTckTest extends PassThroughTck {
    private static final AtomicInteger SOCKETS = new AtomicInteger();

    @Override
    protected ProviderUnderTest provider() {
        AtmSockAddr listen = AtmSockAddr.of(AtmAddress.aesa(AtmSwitch.defaultPrefix(1), AtmSwitch.esi(1), 0));
        return ProviderUnderTest.builder(new AtmProviderFactory(), listen)
                .setting("atm.timing", "immediate")
                .gracefulEndSeenByPeer(PeerEnd.DISCONNECT)
                .hardCloseSeenByPeer(PeerEnd.DISCONNECT)
                .peerFlowControl(false)
                .closeMayOvertakeData(true)
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
