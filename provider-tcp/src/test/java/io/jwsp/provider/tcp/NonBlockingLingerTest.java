package io.jwsp.provider.tcp;

import static io.jwsp.provider.tcp.support.TcpHarness.acceptSmall;
import static io.jwsp.provider.tcp.support.TcpHarness.drain;
import static io.jwsp.provider.tcp.support.TcpHarness.fill;
import static io.jwsp.provider.tcp.support.TcpHarness.local;
import static io.jwsp.provider.tcp.support.TcpHarness.peer;
import static io.jwsp.provider.tcp.support.TcpHarness.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.tcp.kernel.TcpState;
import io.jwsp.provider.tcp.support.TcpHarness;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.close.CloseOutcome;
import io.jwsp.spi.close.CloseType;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.time.VirtualClock;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * linger(1,N) on a nonblocking socket: WSAEWOULDBLOCK while the kernel holds unacknowledged bytes, with the
 * socket fully usable and nothing on the wire; disabling linger, linger 0 or shutdown make the next close succeed.
 */
class NonBlockingLingerTest {
    private final TcpHarness h = new TcpHarness(new VirtualClock());

    @AfterEach
    void tearDown() {
        h.close();
    }

    private record Stuck(WspSocket s, Socket peer, long sent, InetSocketAddress l, InetSocketAddress p) {
    }

    private Stuck stuck(ServerSocket server) throws Exception {
        WspSocket s = h.connectTo(server);
        Socket peerSocket = acceptSmall(server);
        long sent = fill(s);
        s.setSockOpt(SocketOptions.SO_LINGER, Linger.of(10)).value();
        s.ioctl(IoControls.FIONBIO, true, null).value();
        return new Stuck(s, peerSocket, sent, local(s), peer(s));
    }

    @Test
    void required_closesocket_nonblockingLinger_wouldBlock_socketStaysUsable_nothingOnTheWire() throws Exception {
        try (ServerSocket server = TcpHarness.smallListener4()) {
            Stuck st = stuck(server);
            try (Socket peerSocket = st.peer()) {
                assertTrue(st.s().closeSocket().is(WsaError.WSAEWOULDBLOCK));
                assertTrue(st.s().closeSocket().is(WsaError.WSAEWOULDBLOCK), "a retry behaves like a first call");
                assertEquals(List.of(TcpState.ESTABLISHED), states(st.l(), st.p()), "no FIN, no RST: still open");
                assertTrue(h.tap.kinds().isEmpty(), "nothing initiated");
                // fully usable: options, names, and the stream itself
                assertEquals(Linger.of(10), st.s().getSockOpt(SocketOptions.SO_LINGER).value());
                assertTrue(st.s().getPeerName().isOk());
                assertTrue(peerSocket.getInputStream().available() > 0, "the peer still reads data");
                byte[] some = peerSocket.getInputStream().readNBytes(1000);
                assertEquals(1000, some.length);
                peerSocket.getOutputStream().write(new byte[] {42});
                ByteBuffer one = ByteBuffer.allocate(1);
                h.clock.getClass(); // the clock is virtual: the recv below must not wait on it
                TcpHarness.awaitKernel("the peer's byte", () -> {
                    one.clear();
                    return st.s().recv(new ByteBuffer[] {one}, 0, null).isOk();
                });
                assertEquals(42, one.get(0));
                assertEquals(List.of(TcpState.ESTABLISHED), states(st.l(), st.p()));

                // disabling linger makes the next close succeed, gracefully: the peer gets everything then EOF
                st.s().setSockOpt(SocketOptions.SO_DONTLINGER, true).value();
                assertTrue(st.s().closeSocket().isOk());
                assertEquals(st.sent() - 1000, drain(peerSocket));
            }
            assertEquals(CloseOutcome.GRACEFUL_IN_BACKGROUND, h.tap.lastClose().outcome());
        }
    }

    @Test
    void required_closesocket_nonblockingLinger_lingerZeroMakesNextCloseSucceed_asAReset() throws Exception {
        try (ServerSocket server = TcpHarness.smallListener4()) {
            Stuck st = stuck(server);
            try (Socket peerSocket = st.peer()) {
                assertTrue(st.s().closeSocket().is(WsaError.WSAEWOULDBLOCK));
                st.s().setSockOpt(SocketOptions.SO_LINGER, Linger.of(0)).value();
                assertTrue(st.s().closeSocket().isOk());
                assertTrue(CloseQuirksTest.readUntilReset(peerSocket) < st.sent());
            }
            assertEquals(CloseType.HARD, h.tap.lastClose().type());
        }
    }

    @Test
    void required_closesocket_nonblockingLinger_shutdownMakesNextCloseSucceed() throws Exception {
        try (ServerSocket server = TcpHarness.smallListener4()) {
            Stuck st = stuck(server);
            try (Socket peerSocket = st.peer()) {
                assertTrue(st.s().closeSocket().is(WsaError.WSAEWOULDBLOCK));
                assertTrue(st.s().shutdown(ShutdownHow.SD_SEND).isOk());
                assertTrue(st.s().closeSocket().isOk());
                assertEquals(st.sent(), drain(peerSocket), "all bytes, then EOF");
            }
            assertEquals(List.of("FIN", "FIN"), h.tap.kinds());
        }
    }

    @Test
    void required_closesocket_nonblockingLinger_nothingOutstanding_closesAtOnce() throws Exception {
        try (ServerSocket server = TcpHarness.listener4()) {
            WspSocket s = h.connectTo(server);
            try (Socket peerSocket = server.accept()) {
                s.setSockOpt(SocketOptions.SO_LINGER, Linger.of(10)).value();
                s.ioctl(IoControls.FIONBIO, true, null).value();
                assertTrue(s.closeSocket().isOk());
                assertEquals(-1, peerSocket.getInputStream().read(), "a FIN: EOF at the peer");
            }
            assertEquals(CloseOutcome.GRACEFUL_NOW, h.tap.lastClose().outcome());
        }
    }
}
