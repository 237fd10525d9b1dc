package io.jwsp.provider.tcp;

import static io.jwsp.provider.tcp.support.TcpHarness.acceptSmall;
import static io.jwsp.provider.tcp.support.TcpHarness.drain;
import static io.jwsp.provider.tcp.support.TcpHarness.fill;
import static io.jwsp.provider.tcp.support.TcpHarness.local;
import static io.jwsp.provider.tcp.support.TcpHarness.peer;
import static io.jwsp.provider.tcp.support.TcpHarness.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.tcp.kernel.TcpState;
import io.jwsp.provider.tcp.support.TcpHarness;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.close.CloseOutcome;
import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.close.CloseType;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * linger(1,N) on a blocking socket with the deadline on a virtual clock and the drain observed in the kernel
 * (SIOCOUTQ) in real time: a 30-second linger passes in microseconds, and a drain needs no clock at all.
 */
class VirtualClockLingerTest {
    private final VirtualClock clock = new VirtualClock();
    private final TcpHarness h = new TcpHarness(clock);

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void required_closesocket_lingerTimeout_waitsNSecondsOnTheClock_thenResets_peerGetsPartialData()
            throws Exception {
        try (ServerSocket server = TcpHarness.smallListener4()) {
            WspSocket s = h.connectTo(server);
            try (Socket peerSocket = acceptSmall(server)) {
                long sent = fill(s);
                assertTrue(((TcpSocket) s).unacknowledgedBytes() > 0, "SIOCOUTQ sees the stuck bytes");
                InetSocketAddress l = local(s);
                InetSocketAddress p = peer(s);
                s.setSockOpt(SocketOptions.SO_LINGER, Linger.of(30)).value();

                CompletableFuture<WspResult<Void>> close = TcpHarness.async(s::closeSocket);
                clock.awaitWaiters(1, Duration.ofSeconds(10));
                assertFalse(close.isDone(), "close waits for the unacknowledged bytes");
                clock.advance(Duration.ofSeconds(29));
                assertFalse(close.isDone(), "still within l_linger");
                clock.advance(Duration.ofSeconds(1));
                assertTrue(close.get(10, TimeUnit.SECONDS).isOk(), "returns 0 after the time-out");

                long read = CloseQuirksTest.readUntilReset(peerSocket); // partial data, then the reset
                assertTrue(read < sent, read + " of " + sent);
                assertFalse(states(l, p).contains(TcpState.TIME_WAIT), "a reset leaves no TIME_WAIT");
            }
            CloseRecord r = h.tap.lastClose();
            assertEquals(CloseOutcome.LINGER_WAIT, r.outcome());
            assertEquals(CloseType.HARD_AFTER_LINGER_TIMEOUT, r.type());
            assertEquals(Duration.ofSeconds(30).toNanos(), r.waitedNanos(), "waited exactly l_linger on the clock");
            assertEquals(java.util.List.of("RST"), h.tap.kinds());
        }
    }

    @Test
    void required_closesocket_lingerDrainsBeforeTimeout_isGraceful_withoutTheClockMoving() throws Exception {
        try (ServerSocket server = TcpHarness.smallListener4()) {
            WspSocket s = h.connectTo(server);
            try (Socket peerSocket = acceptSmall(server)) {
                long sent = fill(s);
                InetSocketAddress l = local(s);
                InetSocketAddress p = peer(s);
                s.setSockOpt(SocketOptions.SO_LINGER, Linger.of(30)).value();
                CompletableFuture<WspResult<Void>> close = TcpHarness.async(s::closeSocket);
                clock.awaitWaiters(1, Duration.ofSeconds(10));
                assertFalse(close.isDone());
                CompletableFuture<Long> reader = TcpHarness.async(() -> {
                    try {
                        return drain(peerSocket);
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                });
                assertTrue(close.get(10, TimeUnit.SECONDS).isOk(), "the kernel drained: close returns");
                assertEquals(sent, reader.get(10, TimeUnit.SECONDS), "every byte, then EOF");
                peerSocket.close();
                TcpHarness.awaitKernel("TIME_WAIT after the drained linger",
                        () -> states(l, p).contains(TcpState.TIME_WAIT));
            }
            CloseRecord r = h.tap.lastClose();
            assertEquals(CloseOutcome.LINGER_WAIT, r.outcome());
            assertEquals(CloseType.GRACEFUL, r.type());
            assertEquals(0, r.waitedNanos(), "the virtual clock never moved");
            assertEquals(java.util.List.of("FIN"), h.tap.kinds());
        }
    }
}
