package io.jwsp.provider.tcp.tck;

import io.jwsp.provider.tcp.TcpProviderFactory;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.testkit.tck.ProviderTck;
import io.jwsp.testkit.tck.ProviderUnderTest;

/** The whole conformance suite against the kernel's TCP on 127.0.0.1, on the TCK's virtual clock. */
class TcpTckTest extends ProviderTck {
    @Override
    protected ProviderUnderTest provider() {
        // a fixed 64 KiB receive buffer: a peer that stops reading closes its window at once, so the sender keeps
        // unacknowledged bytes (with auto-tuning the kernel may absorb a whole fill and the race is lost)
        return ProviderUnderTest.builder(new TcpProviderFactory(), InetSockAddr.loopback4(0))
                .setting("tcp.rcvbuf", "65536")
                .build();
    }
}
