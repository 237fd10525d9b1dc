package io.jwsp.provider.loopback;

import static io.jwsp.provider.loopback.Loop.fill;
import static io.jwsp.provider.loopback.Loop.join;
import static io.jwsp.provider.loopback.Loop.linger;
import static io.jwsp.provider.loopback.Loop.nonBlocking;
import static io.jwsp.provider.loopback.Loop.ok;
import static io.jwsp.provider.loopback.Loop.readToEnd;
import static io.jwsp.provider.loopback.Loop.room;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.close.CloseType;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.SystemTimeSource;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The same provider on the real clock (SystemTimeSource): lingers and time-outs take real time, data flows. */
class RealClockTest {
    private final SystemTimeSource clock = new SystemTimeSource();
    private final Loop loop = new Loop(clock, Map.of());

    @AfterEach
    void closeClock() {
        clock.close();
    }

    @Test
    void required_realClock_lingerOneSecond_stalledPeer_waitsThenHardClose() throws Exception {
        Loop.Pair p = loop.smallPair();
        fill(p.client());
        nonBlocking(p.client(), false);
        linger(p.client(), 1);
        long t0 = System.nanoTime();
        ok(p.client().closeSocket());
        long waited = System.nanoTime() - t0;
        assertTrue(waited >= Duration.ofMillis(990).toNanos(), "waited " + waited / 1_000_000 + " ms");
        assertEquals(CloseType.HARD_AFTER_LINGER_TIMEOUT, loop.tap.lastClose().type());
        assertEquals(WsaError.WSAECONNRESET, readToEnd(p.server())[1]);
    }

    @Test
    void required_realClock_lingerReadingPeer_graceful() throws Exception {
        Loop.Pair p = loop.smallPair();
        int sent = fill(p.client());
        nonBlocking(p.client(), false);
        linger(p.client(), 10);
        CompletableFuture<Object[]> reader = Loop.inBackground(() -> readToEnd(p.server()));
        ok(p.client().closeSocket());
        Object[] end = join(reader);
        assertEquals((long) sent, end[0]);
        assertNull(end[1]);
        assertEquals(CloseType.GRACEFUL, loop.tap.lastClose().type());
    }

    @Test
    void required_realClock_recvTimeout() {
        Loop.Pair p = loop.pair();
        ok(p.client().setSockOpt(io.jwsp.spi.option.SocketOptions.SO_RCVTIMEO, 50));
        Loop.fails(WsaError.WSAETIMEDOUT, p.client().recv(room(1), 0, null));
    }

    @Test
    void required_realClock_bulkTransfer_8MiBIn64KiBSends_arrivesWhole() throws Exception {
        Loop.Pair p = loop.pair();
        int total = 8 << 20;
        CompletableFuture<Long> reader = Loop.inBackground(() -> {
            long got = 0;
            ByteBuffer b = ByteBuffer.allocate(64 * 1024);
            while (true) {
                b.clear();
                WspResult<Integer> r = p.server().recv(new ByteBuffer[] {b}, 0, null);
                if (ok(r) == 0) {
                    return got;
                }
                got += r.value();
            }
        });
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        for (int sent = 0; sent < total; sent += chunk.capacity()) {
            chunk.clear();
            assertEquals(chunk.capacity(), ok(p.client().send(new ByteBuffer[] {chunk}, 0, null)));
        }
        ok(p.client().closeSocket());
        assertEquals((long) total, join(reader));
    }
}
