package io.jwsp.provider.tcp.tck;

import io.jwsp.provider.tcp.TcpProviderFactory;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.testkit.tck.ProviderTck;
import io.jwsp.testkit.tck.ProviderUnderTest;

/** The whole conformance suite against the kernel's TCP on 127.0.0.1, on the TCK's virtual clock. */
class TcpTckTest extends ProviderTck {
    @Override
    protected ProviderUnderTest provider() {
        return ProviderUnderTest.builder(new TcpProviderFactory(), InetSockAddr.loopback4(0)).build();
    }
}
