package io.jwsp.spi.kit.closing;

import io.jwsp.spi.close.CloseOutcome;
import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.close.CloseTable;
import io.jwsp.spi.close.CloseType;
import io.jwsp.spi.kit.SocketCore;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.kit.state.SocketState;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.trace.WireTap;

/**
 * WSPCloseSocket, the same for every provider:
 *
 * <ol>
 *   <li>under the lock, decide the row with {@link CloseTable#decide}; WSAEWOULDBLOCK leaves the socket untouched;</li>
 *   <li>under the lock, the common duties: the state becomes {@link SocketState#CLOSING} (every call answers
 *       WSAENOTSOCK from here on), events stop (FD_CLOSE never reaches the closing side), pending overlapped
 *       operations are aborted with WSA_OPERATION_ABORTED, then the medium's own first duties
 *       ({@link CloseRows#stopMedium});</li>
 *   <li>a row that decides at once (graceful in the background, graceful now, abortive): its row method and
 *       {@link SocketState#CLOSED}, still in the same lock hold, so the peer-visible end (FIN after the queued
 *       data, or RST) is visible no later than the handle answers WSAENOTSOCK: no other thread ever sees the
 *       closer closing and the peer not yet told;</li>
 *   <li>without the lock, the aborted completions fire, blocked callers wake (they answer WSAEINTR) and selects
 *       wake;</li>
 *   <li>the linger row only: under the lock, {@link CloseRows#closeAfterLinger} (which waits, releasing the lock;
 *       the peer sees nothing until it decides, so a FIN never precedes its RST), then {@link SocketState#CLOSED};</li>
 *   <li>without the lock, the completions the row added fire and the {@link CloseRecord} goes to the wire tap.</li>
 * </ol>
 *
 * {@link #release} is the one cleanup close (WSPCleanup's leftovers, a connection the accept condition refused):
 * the same duties and a row that never waits, and no record.
 */
public final class CloseSequence {
    private CloseSequence() {
    }

    /** closesocket on {@code core}'s socket, whose medium is {@code rows}. */
    public static WspResult<Void> close(SocketCore core, CloseRows rows) {
        DeferredCompletions done = new DeferredCompletions();
        CloseOutcome outcome;
        CloseFacts facts;
        CloseType type;
        core.lock().lock();
        try {
            WsaError notOpen = core.status().ensureOpen();
            if (notOpen != null) {
                return WspResult.fail(notOpen);
            }
            facts = rows.closeFacts();
            outcome = CloseTable.decide(facts.linger(), facts.nonBlocking(), facts.dataQueued(), facts.sendShutDown());
            if (outcome == CloseOutcome.WOULD_BLOCK) {
                return WspResult.fail(WsaError.WSAEWOULDBLOCK); // decided before anything was touched
            }
            stopLocalActivity(core, rows, done);
            if (outcome != CloseOutcome.LINGER_WAIT) {
                // the same hold as CLOSING: the peer sees the end no later than the handle answers WSAENOTSOCK
                type = runRowAtOnce(core, rows, outcome);
            } else {
                type = null;
            }
        } finally {
            core.lock().unlock();
        }
        wakeEveryone(core, done);
        long waited = 0;
        if (outcome == CloseOutcome.LINGER_WAIT) {
            long start = core.services().clock().nanoTime();
            core.lock().lock();
            try {
                type = rows.closeAfterLinger(start + facts.linger().seconds() * 1_000_000_000L);
                markClosed(core);
            } finally {
                core.lock().unlock();
            }
            waited = core.services().clock().nanoTime() - start;
        }
        core.fire(done);
        CloseRecord record = rows.closeRecord(outcome, type, waited);
        WireTap tap = core.services().wireTap();
        if (record != null && tap.enabled()) {
            tap.closed(record);
        }
        WsaError answer = rows.closeAnswer();
        return answer == null ? WspResult.ok() : WspResult.fail(answer);
    }

    /**
     * The cleanup close: the common duties, then {@code row} (only {@link CloseOutcome#ABORTIVE} or
     * {@link CloseOutcome#GRACEFUL_IN_BACKGROUND}: it never waits), no record. May run with the socket's lock held
     * (WSPCleanup under a provider lock): completions go to {@code done}, which the caller fires once its locks are
     * released. Answers false when the socket was already closing.
     */
    public static boolean release(SocketCore core, CloseRows rows, CloseOutcome row, DeferredCompletions done) {
        if (row != CloseOutcome.ABORTIVE && row != CloseOutcome.GRACEFUL_IN_BACKGROUND) {
            throw new IllegalArgumentException("a cleanup close never waits: " + row);
        }
        core.lock().lock();
        try {
            if (core.status().isClosing()) {
                return false;
            }
            stopLocalActivity(core, rows, done);
            runRowAtOnce(core, rows, row);
        } finally {
            core.lock().unlock();
        }
        core.services().blockingCalls().interruptAll(core);
        core.services().wakeSelects().run();
        return true;
    }

    /** The common duties, under the lock. */
    private static void stopLocalActivity(SocketCore core, CloseRows rows, DeferredCompletions done) {
        core.status().moveTo(SocketState.CLOSING);
        core.events().closeLocally();
        core.receives().abortAll(WsaError.WSA_OPERATION_ABORTED, done);
        core.sends().abortAll(WsaError.WSA_OPERATION_ABORTED, done);
        core.abortExtensionCalls(null, WsaError.WSA_OPERATION_ABORTED, done);
        rows.stopMedium(done);
        core.changed().signalAll(); // blocked callers on this condition re-check and see CLOSING
    }

    /** Under the lock, in the hold that made the socket CLOSING: a row that never waits, then CLOSED. */
    private static CloseType runRowAtOnce(SocketCore core, CloseRows rows, CloseOutcome row) {
        CloseType type = switch (row) {
            case GRACEFUL_IN_BACKGROUND -> rows.closeGracefullyInBackground();
            case GRACEFUL_NOW -> rows.closeGracefullyNow();
            case ABORTIVE -> rows.closeAbortively();
            case LINGER_WAIT, WOULD_BLOCK -> throw new IllegalStateException("not a row that decides at once: " + row);
        };
        markClosed(core);
        return type;
    }

    private static void markClosed(SocketCore core) {
        core.status().moveTo(SocketState.CLOSED);
        core.changed().signalAll(); // the row changed the medium: waiters sharing the lock (the peer) re-check
    }

    /** Without the lock: completions, blocked callers on any condition, selects. */
    private static void wakeEveryone(SocketCore core, DeferredCompletions done) {
        core.fire(done);
        core.services().blockingCalls().interruptAll(core);
        core.services().wakeSelects().run();
    }
}
