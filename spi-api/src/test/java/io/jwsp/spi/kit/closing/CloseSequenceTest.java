package io.jwsp.spi.kit.closing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.close.CloseOutcome;
import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.close.CloseType;
import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.kit.SocketCore;
import io.jwsp.spi.kit.SocketServices;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.kit.pending.PendingTransfer;
import io.jwsp.spi.kit.state.SocketState;
import io.jwsp.spi.kit.wait.BlockingCalls;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import io.jwsp.spi.trace.WireFrame;
import io.jwsp.spi.trace.WireTap;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The one close sequence: its order, WSAEWOULDBLOCK without side effects, and what it wakes. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CloseSequenceTest {
    private final VirtualClock clock = new VirtualClock();
    private final ReentrantLock lock = new ReentrantLock();
    private final List<String> log = new ArrayList<>();
    private final List<CloseRecord> records = new ArrayList<>();
    private final AtomicInteger selectWakes = new AtomicInteger();
    private final SocketServices services = new SocketServices(clock, new BlockingCalls(),
            (o, e, n, f, from) -> {
                log.add("complete " + (e == null ? "ok" : e.name()) + (lock.isHeldByCurrentThread() ? " UNDER THE LOCK" : ""));
            },
            new WireTap() {
                @Override public void frame(WireFrame frame) { }
                @Override public void closed(CloseRecord record) { records.add(record); }
            },
            selectWakes::incrementAndGet, null);
    private final SocketCore core = new SocketCore(services, lock, lock.newCondition());

    /** A medium that logs each step; its facts are set by the test. */
    private final class Rows implements CloseRows {
        CloseFacts facts = new CloseFacts(Linger.DONT_LINGER, false, false, false);
        boolean delivered;
        boolean abortsAtStop;

        @Override public CloseFacts closeFacts() { return facts; }

        @Override public void stopMedium(DeferredCompletions done) {
            if (abortsAtStop) { // a pending operation of the medium's own, aborted
                done.add(Overlapped.polled(), WsaError.WSA_OPERATION_ABORTED, 0, 0, null);
                return;
            }
            log.add("stopMedium " + core.status().state());
        }

        @Override public CloseType closeGracefullyInBackground() {
            log.add("graceful in background");
            return CloseType.GRACEFUL;
        }

        @Override public CloseType closeAbortively() {
            log.add("abortive");
            return CloseType.HARD;
        }

        @Override public CloseType closeAfterLinger(long deadlineNanos) {
            boolean ok = core.blocking().awaitUntil(deadlineNanos, () -> delivered);
            log.add("linger " + ok);
            return ok ? CloseType.GRACEFUL : CloseType.HARD_AFTER_LINGER_TIMEOUT;
        }

        @Override public CloseRecord closeRecord(CloseOutcome outcome, CloseType type, long waitedNanos) {
            return new CloseRecord("test", null, null, outcome, type, waitedNanos, false);
        }
    }

    private void pendReceive() {
        lock.lock();
        try {
            core.receives().add(new PendingTransfer(Overlapped.polled(), new ByteBuffer[] {ByteBuffer.allocate(1)},
                    0, 0));
        } finally {
            lock.unlock();
        }
    }

    @Test
    void wouldBlock_touchesNothing_andARetryBehavesLikeAFirstCall() {
        Rows rows = new Rows();
        rows.facts = new CloseFacts(Linger.of(5), true, true, false);
        core.events().select(new Flag(), FdEvents.FD_READ);
        pendReceive();
        assertEquals(WsaError.WSAEWOULDBLOCK, core.close(rows).error());
        assertEquals(SocketState.OPEN, core.status().state());
        assertTrue(core.events().isActive(), "events still selected");
        assertEquals(1, core.receives().size(), "the pending receive is still pending");
        assertTrue(log.isEmpty(), log.toString());
        assertEquals(0, selectWakes.get());
        rows.facts = new CloseFacts(Linger.of(5), true, true, true); // shutdown(SD_SEND) first: now it closes
        assertTrue(core.close(rows).isOk());
    }

    @Test
    void theCommonDutiesComeFirst_thenTheRow_completionsFireOutsideTheLock_thenTheRecord() {
        Rows rows = new Rows();
        core.events().select(new Flag(), FdEvents.FD_READ);
        pendReceive();
        assertTrue(core.close(rows).isOk());
        assertEquals(List.of("stopMedium CLOSING", "graceful in background", "complete WSA_OPERATION_ABORTED"), log);
        assertEquals(SocketState.CLOSED, core.status().state());
        assertFalse(core.events().isActive());
        assertTrue(selectWakes.get() >= 1, "selects are woken");
        assertEquals(1, records.size());
        assertEquals(CloseOutcome.GRACEFUL_IN_BACKGROUND, records.getFirst().outcome());
        assertEquals(WsaError.WSAENOTSOCK, core.close(rows).error(), "a second close");
        assertEquals(1, records.size());
    }

    /**
     * WSPCloseSocket: once the handle answers WSAENOTSOCK the close has happened, so for a row that decides at once
     * the peer-visible end (FIN, RST) is already announced the first moment another thread can see CLOSING. The
     * aborted receive's completion is that first moment: it runs right after the lock is first released.
     */
    @Test
    void aRowThatDecidesAtOnce_hasRunWhenAnyoneOutsideTheLockSeesClosing() {
        List<CloseFacts> rowsDecidingAtOnce = List.of(
                new CloseFacts(Linger.DONT_LINGER, false, true, false), // graceful in the background
                new CloseFacts(Linger.of(0), false, true, false), // abortive
                new CloseFacts(Linger.of(5), false, false, false)); // graceful now
        for (CloseFacts facts : rowsDecidingAtOnce) {
            log.clear();
            SocketCore socket = new SocketCore(services, lock, lock.newCondition());
            Rows rows = new Rows();
            rows.facts = facts;
            rows.abortsAtStop = true;
            assertTrue(socket.close(rows).isOk());
            assertEquals(2, log.size(), log.toString());
            assertTrue(log.getFirst().equals("graceful in background") || log.getFirst().equals("abortive"),
                    facts + ": the row ran before the lock was first released, " + log);
            assertEquals("complete WSA_OPERATION_ABORTED", log.get(1), "completions still fire outside the lock");
        }
    }

    /** The linger row waits: the peer sees nothing until it decides (never a FIN before its RST); callers wake first. */
    @Test
    void theLingerRow_decidesOnlyAfterTheLockWasReleased() {
        Rows rows = new Rows();
        rows.facts = new CloseFacts(Linger.of(5), false, true, false);
        rows.delivered = true;
        pendReceive();
        assertTrue(core.close(rows).isOk());
        assertEquals(List.of("stopMedium CLOSING", "complete WSA_OPERATION_ABORTED", "linger true"), log);
    }

    @Test
    void aBlockedCallerWakesWithWSAEINTR_beforeTheLingerWaitEnds() throws Exception {
        Rows rows = new Rows();
        rows.facts = new CloseFacts(Linger.of(30), false, true, false);
        CompletableFuture<WspResult<Integer>> recv = CompletableFuture.supplyAsync(() -> {
            lock.lock();
            try {
                return core.block(false, 0, () -> null);
            } finally {
                lock.unlock();
            }
        });
        clock.awaitWaiters(1, Duration.ofSeconds(10));
        CompletableFuture<WspResult<Void>> close = CompletableFuture.supplyAsync(() -> core.close(rows));
        assertEquals(WsaError.WSAEINTR, recv.get(10, TimeUnit.SECONDS).error());
        clock.awaitWaiters(1, Duration.ofSeconds(10)); // the linger wait
        assertFalse(close.isDone());
        clock.advance(Duration.ofSeconds(30));
        assertTrue(close.get(10, TimeUnit.SECONDS).isOk(), "closesocket returns 0 after the linger time-out");
        assertEquals(CloseType.HARD_AFTER_LINGER_TIMEOUT, records.getFirst().type());
        assertEquals(Duration.ofSeconds(30).toNanos(), records.getFirst().waitedNanos());
    }

    @Test
    void release_isTheCleanupClose_noRecord_andOnlyOnce() {
        Rows rows = new Rows();
        pendReceive();
        DeferredCompletions done = new DeferredCompletions();
        assertTrue(core.release(rows, CloseOutcome.ABORTIVE, done));
        assertFalse(core.release(rows, CloseOutcome.ABORTIVE, new DeferredCompletions()));
        core.fire(done);
        assertEquals(List.of("stopMedium CLOSING", "abortive", "complete WSA_OPERATION_ABORTED"), log);
        assertTrue(records.isEmpty());
        assertEquals(WsaError.WSAENOTSOCK, core.status().ensureOpen());
    }

    /** A minimal manual-reset event. */
    private static final class Flag implements WspEvent {
        private boolean set;

        @Override public void set() { set = true; }
        @Override public void reset() { set = false; }
        @Override public boolean isSet() { return set; }
    }
}
