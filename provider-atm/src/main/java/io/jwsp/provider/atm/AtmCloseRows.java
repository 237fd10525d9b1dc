package io.jwsp.provider.atm;

import io.jwsp.provider.atm.q2931.Cause;
import io.jwsp.spi.close.CloseOutcome;
import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.close.CloseType;
import io.jwsp.spi.kit.SocketCore;
import io.jwsp.spi.kit.closing.CloseFacts;
import io.jwsp.spi.kit.closing.CloseRows;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.kit.state.SocketState;
import io.jwsp.spi.result.WsaError;

/**
 * ATM's rows of the close table, run by the kit's close sequence. Every row sends the same RELEASE (cause 16): it
 * goes on the signalling path at once and may overtake cells still on their way; the rows differ only in what they
 * do with the adapter's local transmit queue. A socket without a live call (listening, still connecting, released)
 * has no row to run.
 */
final class AtmCloseRows implements CloseRows {
    private final AtmSocket socket;
    private final SocketCore core;
    private final AtmVc vc;
    /** The state closesocket (or the cleanup close) found. */
    private SocketState stateAtClose;
    private boolean lingerCancelled;

    AtmCloseRows(AtmSocket socket, SocketCore core, AtmVc vc) {
        this.socket = socket;
        this.core = core;
        this.vc = vc;
    }

    /** The cleanup close: a graceful row that never waits. Lock held; completions go to {@code done}. */
    void release(DeferredCompletions done) {
        if (!core.status().isClosing()) {
            stateAtClose = core.status().state();
            core.release(this, CloseOutcome.GRACEFUL_IN_BACKGROUND, done);
        }
    }

    @Override
    public CloseFacts closeFacts() {
        stateAtClose = core.status().state();
        boolean dataQueued = stateAtClose == SocketState.CONNECTED && vc.cellsQueued() > 0;
        return new CloseFacts(socket.settings().linger, socket.isNonBlocking(), dataQueued, core.status().sendShut());
    }

    /** Frees the SAP, clears the backlog's calls, abandons a call still being set up, drops unread PDUs. */
    @Override
    public void stopMedium(DeferredCompletions done) {
        socket.stopMedium(stateAtClose, done);
        if (stateAtClose == SocketState.CONNECTING) {
            vc.adapter().release(vc.call(), Cause.NORMAL);
        }
    }

    /** Row l_onoff = 0 (and linger(1,N) with nothing queued): RELEASE now; the local queue keeps flowing. */
    @Override
    public CloseType closeGracefullyInBackground() {
        if (!hasCall()) {
            return withoutCall();
        }
        vc.release(Cause.NORMAL);
        return CloseType.GRACEFUL;
    }

    /** Row linger(1,0): the local transmit queue is dropped; the RELEASE is the very same message. */
    @Override
    public CloseType closeAbortively() {
        if (!hasCall()) {
            return withoutCall();
        }
        vc.purge();
        vc.release(Cause.NORMAL);
        return CloseType.HARD;
    }

    /**
     * Row linger(1,N), blocking, data queued: wait until the local transmit queue has left the adapter or N seconds
     * pass (then drop what is left); RELEASE either way. Delivery can never be confirmed on AAL5.
     * WSPCancelBlockingCall ends the wait as a timeout would, and closesocket then answers WSAEINTR.
     */
    @Override
    public CloseType closeAfterLinger(long deadlineNanos) {
        if (!hasCall()) {
            return withoutCall();
        }
        WsaError stop = core.blocking().lingerUntil(deadlineNanos, () -> vc.cellsQueued() == 0);
        lingerCancelled = stop == WsaError.WSAEINTR;
        if (stop != null) {
            vc.purge();
        }
        vc.release(Cause.NORMAL);
        return stop == null ? CloseType.GRACEFUL : CloseType.HARD_AFTER_LINGER_TIMEOUT;
    }

    @Override
    public WsaError closeAnswer() {
        return lingerCancelled ? WsaError.WSAEINTR : null;
    }

    @Override
    public CloseRecord closeRecord(CloseOutcome outcome, CloseType type, long waitedNanos) {
        return new CloseRecord("atm", socket.boundName(), socket.peerName(), outcome, type, waitedNanos, false);
    }

    /** Whether the close has a call to clear: a live VC, or cells of a released one still queued. */
    private boolean hasCall() {
        return stateAtClose == SocketState.CONNECTED && vc.call() != null && (!vc.released() || vc.cellsQueued() > 0);
    }

    private CloseType withoutCall() {
        return stateAtClose == SocketState.CONNECTED && core.status().sendShut()
                ? CloseType.GRACEFUL : CloseType.NO_CONNECTION;
    }
}
