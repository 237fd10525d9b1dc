package io.jwsp.provider.irda;

import io.jwsp.testkit.tck.PeerEnd;
import io.jwsp.testkit.tck.ProviderTck;
import io.jwsp.testkit.tck.ProviderUnderTest;

/**
 * The conformance suite on IrDA. Listeners bind the wildcard name (the "port 0" of IrDA: a free selector, reached
 * as {@code LSAP-SELn}). The medium runs untimed ({@code irda.baud=0}) because the TCK expects connect and data to
 * move without anyone advancing the virtual clock; the timed medium has its own tests. IrDA declares: no reset
 * (a hard close is a truncated stream, then 0), no graceful close flag (so no half-close, no TIME_WAIT), and
 * TinyTP's disconnect-wait: the peer's FD_CLOSE only once every byte was read.
 */
class IrdaTckTest extends ProviderTck {
    @Override
    protected ProviderUnderTest provider() {
        return ProviderUnderTest.builder(new IrdaProviderFactory(), IrdaSockAddr.local(""))
                .setting("irda.baud", "0")
                .hardCloseSeenByPeer(PeerEnd.END_OF_STREAM)
                .gracefulEndSeenByPeer(PeerEnd.END_OF_STREAM)
                .fdCloseAfterUnreadData(true)
                .build();
    }
}
