package io.jwsp.bench.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.loopback.LoopbackProvider;
import io.jwsp.provider.loopback.LoopbackProviderFactory;
import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.Winsock;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.close.CloseType;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.time.VirtualClock;
import io.jwsp.spi.trace.WireFrame;
import io.jwsp.spi.trace.WireTap;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scale run's linger-read row on a virtual clock. closesocket, linger(1,N), blocking socket, data queued:
 * "blocks until queued data is delivered (graceful) or the time-out expires (then abortive); returns 0 either way".
 * A million connections on two processors can keep the peer's reader from running for longer than l_linger: the
 * time-out then expires first and the peer sees WSAECONNRESET, which is as the table says.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class LingerReadRowTest {
    private final VirtualClock clock = new VirtualClock();
    /** Counted down when a close ends abortively because its linger ran out. */
    private final CountDownLatch lingerTimedOut = new CountDownLatch(1);
    private final WireTap tap = new WireTap() {
        @Override
        public void frame(WireFrame frame) {
        }

        @Override
        public void closed(CloseRecord record) {
            if (record.type() == CloseType.HARD_AFTER_LINGER_TIMEOUT) {
                lingerTimedOut.countDown();
            }
        }

        @Override
        public boolean enabled() {
            return true;
        }
    };
    private JwspRuntime rt;
    private Winsock ws;
    private long client;
    private long server;

    @BeforeEach
    void connect() {
        rt = JwspRuntime.builder().provider(new LoopbackProviderFactory()).timeSource(clock).wireTap(tap).build();
        ws = rt.winsock();
        ws.startup(WsaVersion.V2_2).orElseThrow();
        long listener = ws.socket(2, 1, 0).orElseThrow();
        ws.bind(listener, InetSockAddr.loopback4(0)).orElseThrow();
        ws.listen(listener, 1).orElseThrow();
        InetSockAddr where = (InetSockAddr) ws.getSockName(listener).orElseThrow();
        client = ws.socket(2, 1, 0).orElseThrow();
        ws.connect(client, where).orElseThrow();
        server = ws.accept(listener).orElseThrow();
        ws.closeSocket(listener).orElseThrow();
    }

    @AfterEach
    void close() {
        rt.close();
    }

    @Test
    void aPeerThatReadsOnlyAfterTheLingerRanOut_seesTheResetTheTimeOutMade_asTheTableSays() throws Exception {
        CountDownLatch readerMayRun = new CountDownLatch(1);
        ThreadFactory heldBack = task -> Thread.ofPlatform().unstarted(() -> {
            awaitBounded(readerMayRun); // a reader its scheduler did not get to, as under a million connections
            task.run();
        });
        int timeWaitBefore = timeWait();

        CompletableFuture<CloseEnding> row = onItsOwnThread(heldBack);
        clock.awaitWaiters(1, Duration.ofSeconds(30)); // the close lingers on the clock, the peer not reading
        clock.advance(Duration.ofSeconds(ScaleClose.LINGER_READ_SECONDS)); // the time-out expires: abortive
        assertTrue(lingerTimedOut.await(30, TimeUnit.SECONDS), "the close reset the connection at the time-out");
        readerMayRun.countDown();
        CloseEnding ending = row.get(30, TimeUnit.SECONDS);

        assertNull(ending.mismatch(), "the peer's WSAECONNRESET after the time-out is as the table says");
        assertTrue(ending.lingerRanOut(), "the close was abortive");
        assertEquals(timeWaitBefore, timeWait(), "an abortive close leaves no TIME_WAIT");
    }

    @Test
    void aPeerThatReadsWithinTheLinger_getsTheDataThenTheEnd_andTheCloserHoldsTimeWait() throws Exception {
        int timeWaitBefore = timeWait();

        CloseEnding ending = onItsOwnThread(Thread.ofPlatform().factory()).get(30, TimeUnit.SECONDS);

        assertNull(ending.mismatch(), "close 0, the peer read the 32 bytes, then the end");
        assertFalse(ending.lingerRanOut(), "the clock never moved: no time-out");
        assertEquals(timeWaitBefore + 1, timeWait(), "a graceful close's closer holds TIME_WAIT");
    }

    @Test
    void aResetBeforeTheLingerCouldRunOut_isNotAsTheTableSays() {
        PeerRead reset = new PeerRead(0, WsaError.WSAECONNRESET);

        CloseEnding early = ScaleClose.lingerReadEnding(null, reset, false);
        CloseEnding late = ScaleClose.lingerReadEnding(null, reset, true);

        assertNotNull(early.mismatch(), "the peer took the data before the deadline: the close must be graceful");
        assertTrue(early.mismatch().contains("WSAECONNRESET"), early.mismatch());
        assertNull(late.mismatch());
        assertTrue(late.lingerRanOut());
        assertFalse(ScaleClose.lingerReadEnding(null, new PeerRead(ScaleClose.PAYLOAD, null), true).lingerRanOut(),
                "delivered although late: graceful, whenever the peer read");
        assertNotNull(ScaleClose.lingerReadEnding("close answered WSAEINTR", reset, true).mismatch(),
                "closesocket returns 0 either way");
    }

    private CompletableFuture<CloseEnding> onItsOwnThread(ThreadFactory readers) {
        return CompletableFuture.supplyAsync(() -> ScaleClose.LINGER_READ.run(ws, client, server, readers, clock),
                task -> Thread.ofPlatform().start(task));
    }

    private int timeWait() {
        return rt.providerExtension(LoopbackProviderFactory.NAME, LoopbackProvider.class).orElseThrow()
                .timeWaitCount();
    }

    private static void awaitBounded(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS); // bounded; the test's own waits fail first
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
