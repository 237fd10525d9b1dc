package io.jwsp.provider.loopback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.Winsock;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import io.jwsp.testkit.JwspTest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's two ways of testing a 30 s linger on the virtual clock (closesocket: a blocking close with
 * l_onoff != 0 and l_linger = N waits until the data is sent or N seconds pass, then resets the connection): by hand
 * (awaitWaiters, advance), and with a clock that advances by itself.
 */
@JwspTest(providers = LoopbackProviderFactory.class)
class LingerOnTheVirtualClockTest {
    private static final Duration REAL_BOUND = Duration.ofSeconds(20);

    /** A connected pair whose client has data queued that the server never reads, set to linger 30 s, blocking. */
    private static long[] stalledPairLingering30s(Winsock ws) {
        long listener = ws.socket(2, 1, 0).orElseThrow();
        ws.setSockOpt(listener, SocketOptions.SO_RCVBUF, 4096).orElseThrow();
        ws.bind(listener, InetSockAddr.loopback4(0)).orElseThrow();
        ws.listen(listener, 1).orElseThrow();
        long client = ws.socket(2, 1, 0).orElseThrow();
        ws.setSockOpt(client, SocketOptions.SO_SNDBUF, 4096).orElseThrow();
        ws.connect(client, ws.getSockName(listener).orElseThrow()).orElseThrow();
        long server = ws.accept(listener).orElseThrow();
        ws.ioctl(client, IoControls.FIONBIO, Boolean.TRUE).orElseThrow();
        while (ws.send(client, ByteBuffer.allocate(1024), 0).isOk()) {
            // fill the peer's receive buffer and our send buffer: the rest can never be delivered
        }
        ws.ioctl(client, IoControls.FIONBIO, Boolean.FALSE).orElseThrow();
        ws.setSockOpt(client, SocketOptions.SO_LINGER, Linger.of(30)).orElseThrow();
        return new long[] {listener, client, server};
    }

    private static void closeRest(Winsock ws, long[] pair) {
        assertTrue(ws.closeSocket(pair[2]).isOk());
        assertTrue(ws.closeSocket(pair[0]).isOk());
    }

    @Test
    void byHand_theCloseWaitsUntilTheTestAdvancesThirtySeconds(Winsock ws, VirtualClock clock) throws Exception {
        long[] pair = stalledPairLingering30s(ws);
        CompletableFuture<WspResult<Void>> closing = CompletableFuture.supplyAsync(() -> ws.closeSocket(pair[1]));
        clock.awaitWaiters(1, REAL_BOUND);                    // the close is parked in its linger wait
        clock.advance(Duration.ofSeconds(29));
        assertFalse(closing.isDone(), "29 s are not enough");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(closing.get(REAL_BOUND.toSeconds(), TimeUnit.SECONDS).isOk());
        assertEquals(WsaError.WSAECONNRESET, drain(ws, pair[2]), "the linger ran out: the connection is reset");
        closeRest(ws, pair);
    }

    @Test
    @JwspTest(providers = LoopbackProviderFactory.class, autoAdvance = true)
    void autoAdvancing_theCloseJustReturnsThirtyVirtualSecondsLater(Winsock ws, VirtualClock clock) {
        long[] pair = stalledPairLingering30s(ws);
        long start = clock.nanoTime();
        assertTrue(ws.closeSocket(pair[1]).isOk());         // the clock jumps to the linger deadline by itself
        assertEquals(Duration.ofSeconds(30).toNanos(), clock.nanoTime() - start);
        assertEquals(WsaError.WSAECONNRESET, drain(ws, pair[2]));
        closeRest(ws, pair);
    }

    /** Reads until an error and answers it. */
    private static WsaError drain(Winsock ws, long s) {
        ws.ioctl(s, IoControls.FIONBIO, Boolean.TRUE).orElseThrow();
        WspResult<Integer> r;
        while ((r = ws.recv(s, ByteBuffer.allocate(65536), 0)).isOk() && r.value() > 0) {
            // the bytes that did arrive before the reset
        }
        return r.isOk() ? null : r.error();
    }
}
