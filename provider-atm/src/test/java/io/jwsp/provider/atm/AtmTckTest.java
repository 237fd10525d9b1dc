package io.jwsp.provider.atm;

import io.jwsp.provider.atm.addr.AtmAddress;
import io.jwsp.provider.atm.addr.AtmSockAddr;
import io.jwsp.provider.atm.sw.AtmSwitch;
import io.jwsp.testkit.tck.PeerEnd;
import io.jwsp.testkit.tck.ProviderTck;
import io.jwsp.testkit.tck.ProviderUnderTest;

/**
 * The provider conformance suite over the ATM provider, on a virtual clock with a zero-latency switch (the TCK
 * never advances the clock, so the network must move on its own). Listeners bind selector 0 of device 1, which
 * picks a free selector. Declared quirks: RELEASE ends the call with WSAEDISCON at the peer for graceful and hard
 * closes alike; no flow control (AAL5); a close may overtake data; boundaries kept.
 */
class AtmTckTest extends ProviderTck {
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
}
