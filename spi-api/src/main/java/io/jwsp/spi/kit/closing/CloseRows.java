package io.jwsp.spi.kit.closing;

import io.jwsp.spi.close.CloseOutcome;
import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.close.CloseType;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.result.WsaError;

/**
 * What a provider's socket does differently when it closes: the facts the decision needs, its medium's own first
 * duties, one method per row of the close table, and its {@link CloseRecord}. {@link CloseSequence} calls them in
 * order; every method but {@link #closeAnswer} and {@link #closeRecord} runs with the socket's lock held.
 */
public interface CloseRows {
    /** The facts {@code CloseTable.decide} needs, read now. */
    CloseFacts closeFacts();

    /**
     * The medium's part of "what every close does first", after the kit's (the handle already answers WSAENOTSOCK,
     * events stopped, pending operations aborted): free the name, reset connections nobody accepted, drop unread
     * data. Never waits. Pending-operation completions the medium adds go to {@code done}; the row methods may keep
     * adding to the same instance, which the sequence fires again after the row.
     */
    default void stopMedium(DeferredCompletions done) {
    }

    /** Row l_onoff = 0: return at once; queued data still goes out; the graceful end follows in the background. */
    CloseType closeGracefullyInBackground();

    /** Row linger(1,N) with nothing queued: the graceful close completes at once. */
    default CloseType closeGracefullyNow() {
        return closeGracefullyInBackground();
    }

    /** Row linger(1,0): hard close at once; unsent data is lost; the peer sees a reset. */
    CloseType closeAbortively();

    /**
     * Row linger(1,N), blocking, data queued: wait on the provider's clock until the data is delivered (then the
     * graceful end, {@link CloseType#GRACEFUL}) or {@code deadlineNanos} passes (then a reset,
     * {@link CloseType#HARD_AFTER_LINGER_TIMEOUT}). The wait releases the lock (a condition wait).
     */
    CloseType closeAfterLinger(long deadlineNanos);

    /**
     * What closesocket answers once the row ran: {@code null} for 0 (every row's answer), or an error, as WSAEINTR
     * when WSPCancelBlockingCall ended a linger wait (the socket is closed all the same). Called after the row.
     */
    default WsaError closeAnswer() {
        return null;
    }

    /**
     * The record of the close for the runtime's wire tap, or {@code null} to publish none. Called after the lock is
     * released.
     */
    CloseRecord closeRecord(CloseOutcome outcome, CloseType type, long waitedNanos);
}
