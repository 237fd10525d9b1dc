package io.jwsp.provider.tcp.tck;

import io.jwsp.provider.tcp.TcpProviderFactory;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.testkit.tck.ProviderTck;
import io.jwsp.testkit.tck.ProviderUnderTest;

/**
 * The suite again on the real clock over IPv6 (::1, the AF_INET6 entry): blocking calls take the direct path (the
 * JDK's own blocking channel calls) and lingers last 1 s of real time.
 */
class TcpRealClockTckTest extends ProviderTck {
    @Override
    protected ProviderUnderTest provider() {
        TcpProviderFactory factory = new TcpProviderFactory();
        return new ProviderUnderTest() {
            @Override
            public WspProviderFactory factory() {
                return factory;
            }

            @Override
            public SockAddr listenAddress() {
                return InetSockAddr.parse("[::1]:0");
            }

            @Override
            public ProtocolInfo streamEntry() {
                return factory.protocolEntries().stream()
                        .filter(e -> e.addressFamily() == AddressFamily.AF_INET6).findFirst().orElseThrow();
            }

            @Override
            public boolean virtualTime() {
                return false;
            }

            @Override
            public java.util.Map<String, String> settings() {
                return java.util.Map.of("tcp.rcvbuf", "65536"); // see TcpTckTest
            }
        };
    }
}
