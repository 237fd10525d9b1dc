package io.jwsp.provider.tcp;

import static io.jwsp.provider.tcp.support.TcpHarness.awaitKernel;
import static io.jwsp.provider.tcp.support.TcpHarness.local;
import static io.jwsp.provider.tcp.support.TcpHarness.peer;
import static io.jwsp.provider.tcp.support.TcpHarness.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.tcp.kernel.TcpState;
import io.jwsp.provider.tcp.support.TcpHarness;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** IPv6, the catalog entries, jwsp-to-jwsp connections, and the WSA codes for what the kernel reports. */
class AddressingAndErrorsTest {
    private final TcpHarness h = TcpHarness.realClock();

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void required_ipv6_gracefulClose_peerReadsAllThenEof_closerInTimeWait() throws Exception {
        try (ServerSocket server = TcpHarness.listener6()) {
            WspSocket s = h.connectTo(server);
            assertEquals(InetSockAddr.parse("[::1]:" + server.getLocalPort()), s.getPeerName().value());
            try (Socket peerSocket = server.accept()) {
                byte[] data = "hello over ::1".getBytes(StandardCharsets.US_ASCII);
                TcpHarness.send(s, data);
                InetSocketAddress l = local(s);
                InetSocketAddress p = peer(s);
                assertTrue(s.closeSocket().isOk());
                assertEquals(new String(data, StandardCharsets.US_ASCII),
                        new String(peerSocket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
                peerSocket.close();
                awaitKernel("TIME_WAIT in /proc/net/tcp6", () -> states(l, p).contains(TcpState.TIME_WAIT));
            }
        }
    }

    @Test
    void required_socket_entriesUseWindowsNumbers_andRejectOtherTriples() {
        assertEquals(AddressFamily.AF_INET6, h.entry(23).addressFamily());
        assertTrue(h.provider.socket(h.entry(2), 2, SocketType.SOCK_DGRAM, 0, 0).is(WsaError.WSAESOCKTNOSUPPORT));
        assertTrue(h.provider.socket(h.entry(2), 2, SocketType.SOCK_STREAM, 17, 0).is(WsaError.WSAEPROTONOSUPPORT));
        assertTrue(h.provider.socket(h.entry(2), 26, SocketType.SOCK_STREAM, 0, 0).is(WsaError.WSAEAFNOSUPPORT));
        assertTrue(h.provider.socket(h.entry(2), 2, SocketType.SOCK_STREAM, 6, 0).isOk());
    }

    @Test
    void required_connect_refused_isWsaeconnrefused_andTheSocketCanTryAgain() throws Exception {
        int port;
        try (ServerSocket gone = TcpHarness.listener4()) {
            port = gone.getLocalPort();
        }
        WspSocket s = h.socket4();
        assertEquals(WsaError.WSAECONNREFUSED, s.connect(InetSockAddr.loopback4(port)).error());
        try (ServerSocket server = TcpHarness.listener4()) {
            assertTrue(s.connect(InetSockAddr.loopback4(server.getLocalPort())).isOk());
        }
        s.closeSocket().value();
    }

    @Test
    void required_bind_addressInUse_isWsaeaddrinuse() throws Exception {
        try (ServerSocket taken = TcpHarness.listener4()) {
            WspSocket s = h.socket4();
            assertEquals(WsaError.WSAEADDRINUSE, s.bind(InetSockAddr.loopback4(taken.getLocalPort())).error());
            assertEquals(WsaError.WSAEINVAL, s.listen(5).error(), "listen on an unbound socket");
            s.closeSocket().value();
        }
    }

    @Test
    void required_recv_afterPeerReset_isWsaeconnreset_thenSendIsToo() throws Exception {
        try (ServerSocket server = TcpHarness.listener4()) {
            WspSocket s = h.connectTo(server);
            Socket peerSocket = server.accept();
            peerSocket.setSoLinger(true, 0);
            peerSocket.close(); // a java.net peer's hard close: an RST
            ByteBuffer b = ByteBuffer.allocate(8);
            assertEquals(WsaError.WSAECONNRESET, s.recv(new ByteBuffer[] {b}, 0, null).error());
            assertEquals(WsaError.WSAECONNRESET, s.send(new ByteBuffer[] {ByteBuffer.allocate(8)}, 0, null).error());
            s.closeSocket().value();
        }
    }

    @Test
    void required_jwspToJwsp_acceptedSocketInheritsListenerLinger_andShutdownSemantics() throws Exception {
        WspSocket l = h.socket4();
        l.bind(InetSockAddr.loopback4(0)).value();
        l.setSockOpt(SocketOptions.SO_LINGER, Linger.of(7)).value();
        l.listen(5).value();
        WspSocket c = h.socket4();
        c.connect(l.getSockName().value()).value();
        Accepted a = l.accept(null).value();
        assertEquals(Linger.of(7), a.socket().getSockOpt(SocketOptions.SO_LINGER).value());
        assertEquals(c.getSockName().value(), a.peer());

        assertTrue(c.send(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {1, 2, 3})}, 0, null).isOk());
        assertEquals(WsaError.WSAEINVAL, c.shutdown(7).error());
        assertTrue(c.shutdown(ShutdownHow.SD_SEND).isOk());
        assertEquals(WsaError.WSAESHUTDOWN, c.send(new ByteBuffer[] {ByteBuffer.allocate(1)}, 0, null).error());
        ByteBuffer got = ByteBuffer.allocate(8);
        while (got.position() < 3) {
            a.socket().recv(new ByteBuffer[] {got}, 0, null).value();
        }
        assertEquals(0, a.socket().recv(new ByteBuffer[] {ByteBuffer.allocate(8)}, 0, null).value(), "EOF");
        assertEquals(0, a.socket().ioctl(IoControls.FIONREAD, null, null).value());
        assertTrue(a.socket().closeSocket().isOk());
        assertTrue(c.closeSocket().isOk());
        assertTrue(l.closeSocket().isOk());
        assertEquals(WsaError.WSAENOTSOCK, l.closeSocket().error(), "after close every call is WSAENOTSOCK");
    }

    @Test
    void required_options_mapToTheKernel_andLingerStaysInTheProvider() throws Exception {
        try (ServerSocket server = TcpHarness.listener4()) {
            WspSocket s = h.connectTo(server);
            try (Socket peerSocket = server.accept()) {
                s.setSockOpt(SocketOptions.TCP_NODELAY, true).value();
                assertEquals(true, s.getSockOpt(SocketOptions.TCP_NODELAY).value());
                s.setSockOpt(SocketOptions.SO_KEEPALIVE, true).value();
                assertEquals(true, s.getSockOpt(SocketOptions.SO_KEEPALIVE).value());
                s.setSockOpt(SocketOptions.SO_LINGER, Linger.of(9)).value();
                s.setSockOpt(SocketOptions.SO_DONTLINGER, true).value();
                assertEquals(new Linger(false, 9), s.getSockOpt(SocketOptions.SO_LINGER).value());
                s.setSockOpt(SocketOptions.SO_DONTLINGER, false).value();
                assertEquals(Linger.of(9), s.getSockOpt(SocketOptions.SO_LINGER).value(), "l_linger reinstated");
                assertEquals(SocketType.SOCK_STREAM, s.getSockOpt(SocketOptions.SO_TYPE).value());
                assertEquals(0, s.getSockOpt(SocketOptions.SO_ERROR).value());
                peerSocket.getOutputStream().write(new byte[5]);
                awaitKernel("5 readable bytes", () -> s.ioctl(IoControls.FIONREAD, null, null).value() == 5);
                assertTrue(s.closeSocket().isOk());
            }
        }
    }
}
