package io.jwsp.provider.loopback;

import static io.jwsp.provider.loopback.Loop.fails;
import static io.jwsp.provider.loopback.Loop.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.IpProtocol;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ProviderFlags;
import io.jwsp.spi.catalog.ServiceFlags;
import io.jwsp.spi.close.TimeWaitQuery;
import io.jwsp.spi.result.WsaError;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The factory, its catalog entries, ServiceLoader registration, startup/cleanup counting and WSPSocket's checks. */
class ProviderTest {

    @Test
    void required_factory_isFoundByServiceLoader() {
        List<WspProviderFactory> found = ServiceLoader.load(WspProviderFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f instanceof LoopbackProviderFactory)
                .toList();
        assertEquals(1, found.size());
        assertEquals("loopback", found.getFirst().name());
        assertEquals(200, found.getFirst().priority(), "after a real TCP in catalog order");
    }

    @Test
    void required_entries_streamAndDatagramForBothFamilies() {
        List<ProtocolInfo> entries = new LoopbackProviderFactory().protocolEntries();
        assertEquals(4, entries.size());
        for (ProtocolInfo e : entries) {
            assertEquals(LoopbackProviderFactory.PROVIDER_ID, e.providerId());
            assertTrue(e.hasProviderFlag(ProviderFlags.PFL_MATCHES_PROTOCOL_ZERO));
            assertTrue(e.addressFamily() == AddressFamily.AF_INET || e.addressFamily() == AddressFamily.AF_INET6);
            if (e.socketType() == SocketType.SOCK_STREAM) {
                assertEquals(IpProtocol.IPPROTO_TCP, e.protocol());
                assertTrue(e.hasService(ServiceFlags.XP1_GRACEFUL_CLOSE | ServiceFlags.XP1_GUARANTEED_DELIVERY
                        | ServiceFlags.XP1_GUARANTEED_ORDER));
                assertTrue(!e.hasService(ServiceFlags.XP1_EXPEDITED_DATA), "MSG_OOB is not offered");
                assertEquals(0, e.maxMessageSize());
            } else {
                assertEquals(IpProtocol.IPPROTO_UDP, e.protocol());
                assertTrue(e.hasService(ServiceFlags.XP1_CONNECTIONLESS | ServiceFlags.XP1_MESSAGE_ORIENTED));
                assertEquals(65507, e.maxMessageSize());
            }
        }
    }

    @Test
    void required_startupCleanup_countsAndNegotiates() {
        Loop loop = new Loop(); // one startup
        ok(loop.provider.startup(WsaVersion.V2_0, loop.upcalls));
        assertEquals(WsaVersion.V2_0, ok(loop.provider.startup(WsaVersion.V2_0, loop.upcalls)).version());
        fails(WsaError.WSAVERNOTSUPPORTED, loop.provider.startup(new WsaVersion(1, 0), loop.upcalls));
        WspSocket s = loop.stream();
        ok(loop.provider.cleanup());
        ok(loop.provider.cleanup());
        ok(s.getSockOpt(io.jwsp.spi.option.SocketOptions.SO_TYPE)); // still one startup left
        ok(loop.provider.cleanup());
        fails(WsaError.WSAENOTSOCK, s.getSockOpt(io.jwsp.spi.option.SocketOptions.SO_TYPE),
                "the last cleanup closed every socket");
        fails(WsaError.WSANOTINITIALISED, loop.provider.cleanup());
        fails(WsaError.WSANOTINITIALISED, loop.provider.socket(Loop.entry(AddressFamily.AF_INET,
                SocketType.SOCK_STREAM), AddressFamily.AF_INET, SocketType.SOCK_STREAM, 0, 0));
        ok(loop.provider.startup(WsaVersion.V2_2, loop.upcalls));
        ok(loop.stream().bind(InetSockAddr.loopback4(0)), "a fresh startup works at once");
    }

    @Test
    void required_socket_checksTheTripleAgainstTheEntry() {
        Loop loop = new Loop();
        ProtocolInfo tcp = Loop.entry(AddressFamily.AF_INET, SocketType.SOCK_STREAM);
        fails(WsaError.WSAEAFNOSUPPORT, loop.provider.socket(tcp, AddressFamily.AF_IRDA, SocketType.SOCK_STREAM, 0, 0));
        fails(WsaError.WSAESOCKTNOSUPPORT, loop.provider.socket(tcp, AddressFamily.AF_INET, SocketType.SOCK_RAW, 0, 0));
        fails(WsaError.WSAEPROTONOSUPPORT, loop.provider.socket(tcp, AddressFamily.AF_INET, SocketType.SOCK_STREAM,
                IpProtocol.IPPROTO_UDP, 0));
        fails(WsaError.WSAEINVAL, loop.provider.socket(null, AddressFamily.AF_INET, SocketType.SOCK_STREAM, 0, 0));
        ok(loop.provider.socket(tcp, -1, -1, -1, 0));
    }

    @Test
    void required_unwrap_offersTheTimeWaitQuery_andAddressStrings() {
        Loop loop = new Loop();
        assertTrue(loop.provider.unwrap(TimeWaitQuery.class).isPresent());
        assertTrue(loop.provider.unwrap(String.class).isEmpty());
        assertEquals(InetSockAddr.loopback4(80), ok(loop.provider.stringToAddress("127.0.0.1:80",
                AddressFamily.AF_INET, null)));
        fails(WsaError.WSAEINVAL, loop.provider.stringToAddress("nonsense", AddressFamily.AF_INET, null));
        fails(WsaError.WSAEFAULT, loop.provider.stringToAddress(null, AddressFamily.AF_INET, null));
        assertEquals("127.0.0.1:80", ok(loop.provider.addressToString(InetSockAddr.loopback4(80), null)));
    }
}
