package io.jwsp.provider.tcp;

import static io.jwsp.provider.tcp.support.TcpHarness.acceptSmall;
import static io.jwsp.provider.tcp.support.TcpHarness.awaitKernel;
import static io.jwsp.provider.tcp.support.TcpHarness.drain;
import static io.jwsp.provider.tcp.support.TcpHarness.fill;
import static io.jwsp.provider.tcp.support.TcpHarness.local;
import static io.jwsp.provider.tcp.support.TcpHarness.peer;
import static io.jwsp.provider.tcp.support.TcpHarness.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.tcp.kernel.TcpState;
import io.jwsp.provider.tcp.support.TcpHarness;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.close.CloseOutcome;
import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.close.CloseType;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The close/linger table on the kernel's TCP, observed where it matters: at a peer jwsp did not make (a plain
 * java.net.Socket) and in the kernel's own connection table (/proc/net/tcp).
 */
class CloseQuirksTest {
    private final TcpHarness h = TcpHarness.realClock();

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void required_closesocket_default_peerReadsEveryByteThenEof_closerPassesThroughTimeWait() throws Exception {
        try (ServerSocket server = TcpHarness.listener4()) {
            WspSocket s = h.connectTo(server);
            try (Socket peerSocket = server.accept()) {
                byte[] data = new byte[3 * 1024 * 1024];
                new Random(1).nextBytes(data);
                assertEquals(data.length, TcpHarness.send(s, data));
                InetSocketAddress l = local(s);
                InetSocketAddress p = peer(s);

                assertTrue(s.closeSocket().isOk(), "close returns at once");

                byte[] got = peerSocket.getInputStream().readAllBytes(); // every byte, then EOF (a FIN)
                assertEquals(data.length, got.length);
                assertEquals(java.util.Arrays.hashCode(data), java.util.Arrays.hashCode(got));
                peerSocket.close();
                awaitKernel("TIME_WAIT for " + l, () -> states(l, p).contains(TcpState.TIME_WAIT));
                assertTrue(h.provider.unwrap(io.jwsp.spi.close.TimeWaitQuery.class).orElseThrow()
                        .inTimeWait(io.jwsp.spi.addr.InetSockAddr.of(l), io.jwsp.spi.addr.InetSockAddr.of(p)));
            }
            CloseRecord r = h.tap.lastClose();
            assertEquals(CloseOutcome.GRACEFUL_IN_BACKGROUND, r.outcome());
            assertEquals(CloseType.GRACEFUL, r.type());
            assertEquals(java.util.List.of("FIN"), h.tap.kinds());
        }
    }

    @Test
    void required_closesocket_lingerZero_isHardClose_peerSeesReset_unsentDataLost_noTimeWait() throws Exception {
        try (ServerSocket server = TcpHarness.smallListener4()) {
            WspSocket s = h.connectTo(server);
            try (Socket peerSocket = acceptSmall(server)) {
                long sent = fill(s); // the peer does not read: the kernel holds what it could not deliver
                InetSocketAddress l = local(s);
                InetSocketAddress p = peer(s);
                s.setSockOpt(SocketOptions.SO_LINGER, Linger.of(0)).value();

                assertTrue(s.closeSocket().isOk());

                long[] read = {0};
                SocketException e = assertThrows(SocketException.class, () -> {
                    byte[] buf = new byte[8192];
                    while (true) {
                        int k = peerSocket.getInputStream().read(buf);
                        assertTrue(k >= 0, "a FIN reached the peer before the reset");
                        read[0] += k;
                    }
                });
                assertTrue(e.getMessage().contains("reset"), e.getMessage());
                assertTrue(read[0] < sent, "unsent data lost: peer read " + read[0] + " of " + sent);
                assertFalse(states(l, p).contains(TcpState.TIME_WAIT), "no TIME_WAIT after a reset");
            }
            assertEquals(CloseType.HARD, h.tap.lastClose().type());
            assertEquals(java.util.List.of("RST"), h.tap.kinds(), "an RST and never a FIN before it");
        }
    }

    @Test
    void required_closesocket_lingerNonzero_drained_isGraceful_peerGetsAllThenEof() throws Exception {
        try (ServerSocket server = TcpHarness.listener4()) {
            WspSocket s = h.connectTo(server);
            try (Socket peerSocket = server.accept()) {
                byte[] data = new byte[2 * 1024 * 1024];
                s.setSockOpt(SocketOptions.SO_LINGER, Linger.of(30)).value();
                assertEquals(data.length, TcpHarness.send(s, data));
                Thread reader = Thread.ofVirtual().start(() -> {
                    try {
                        assertEquals(data.length, drain(peerSocket));
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                });
                assertTrue(s.closeSocket().isOk());
                reader.join();
            }
            CloseRecord r = h.tap.lastClose();
            assertTrue(r.outcome() == CloseOutcome.LINGER_WAIT || r.outcome() == CloseOutcome.GRACEFUL_NOW);
            assertEquals(CloseType.GRACEFUL, r.type());
            assertTrue(r.waitedNanos() < 30_000_000_000L);
        }
    }

    @Test
    void required_closesocket_lingerNonzero_realTimeout_waitsAboutNSeconds_thenResets() throws Exception {
        try (ServerSocket server = TcpHarness.smallListener4()) {
            WspSocket s = h.connectTo(server);
            try (Socket peerSocket = acceptSmall(server)) {
                long sent = fill(s);
                InetSocketAddress l = local(s);
                InetSocketAddress p = peer(s);
                s.setSockOpt(SocketOptions.SO_LINGER, Linger.of(1)).value();

                long t0 = System.nanoTime();
                assertTrue(s.closeSocket().isOk(), "returns 0 after the time-out too");
                long waited = System.nanoTime() - t0;
                assertTrue(waited >= 950_000_000L && waited < 5_000_000_000L, "waited " + waited / 1e9 + " s");

                long read = readUntilReset(peerSocket);
                assertTrue(read < sent, "partial data: " + read + " of " + sent);
                assertFalse(states(l, p).contains(TcpState.TIME_WAIT));
            }
            assertEquals(CloseType.HARD_AFTER_LINGER_TIMEOUT, h.tap.lastClose().type());
        }
    }

    @Test
    void required_closesocket_lingerTimeout_underABlockedSend_sendGetsWsaeintr_peerGetsPartialDataThenReset()
            throws Exception {
        try (ServerSocket server = TcpHarness.smallListener4()) {
            WspSocket s = h.connectTo(server);
            try (Socket peerSocket = server.accept()) {
                byte[] big = new byte[64 << 20]; // far more than both buffers hold: the send blocks in the kernel
                var send = TcpHarness.async(() -> s.send(new java.nio.ByteBuffer[] {java.nio.ByteBuffer.wrap(big)}, 0,
                        null));
                awaitKernel("a send blocked on the full queue",
                        () -> ((TcpSocket) s).directCallers() == 1 && ((TcpSocket) s).unacknowledgedBytes() > 0);
                s.setSockOpt(SocketOptions.SO_LINGER, Linger.of(1)).value();
                long t0 = System.nanoTime();
                assertTrue(s.closeSocket().isOk());
                assertTrue(System.nanoTime() - t0 >= 950_000_000L, "waited l_linger");
                assertEquals(io.jwsp.spi.result.WsaError.WSAEINTR,
                        send.get(10, java.util.concurrent.TimeUnit.SECONDS).error());
                assertTrue(readUntilReset(peerSocket) < big.length, "partial data, then the reset");
            }
            assertEquals(CloseType.HARD_AFTER_LINGER_TIMEOUT, h.tap.lastClose().type());
        }
    }

    static long readUntilReset(Socket peerSocket) {
        long[] read = {0};
        SocketException e = assertThrows(SocketException.class, () -> {
            byte[] buf = new byte[8192];
            while (true) {
                int k = peerSocket.getInputStream().read(buf);
                assertTrue(k >= 0, "a FIN reached the peer instead of a reset");
                read[0] += k;
            }
        });
        assertTrue(e.getMessage().contains("reset"), e.getMessage());
        return read[0];
    }
}
