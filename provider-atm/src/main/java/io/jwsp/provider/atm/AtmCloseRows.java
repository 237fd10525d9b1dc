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
    private boolean nonBlockingAtClose;
    private boolean lingerCancelled;
    private CloseConfirmation.Row row = CloseConfirmation.Row.NO_CALL;
    /** Where a linger row's wait ends on the provider's clock; the default row has none. */
    private long lingerDeadlineNanos = Long.MAX_VALUE;
    private final CloseConfirmation confirmation;

    AtmCloseRows(AtmSocket socket, SocketCore core, AtmVc vc) {
        this.socket = socket;
        this.core = core;
        this.vc = vc;
        this.confirmation = new CloseConfirmation(core, vc);
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
        nonBlockingAtClose = socket.isNonBlocking();
        // a VC handed to another process left nothing here to wait for: the switch had it all before PARKED
        boolean dataQueued = stateAtClose == SocketState.CONNECTED && !vc.handedOver()
                && (vc.cellsQueued() > 0 || vc.transmitted() && vc.adapter().network().holdsUnconfirmed());
        return new CloseFacts(socket.settings().linger, nonBlockingAtClose, dataQueued, core.status().sendShut());
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
        row = CloseConfirmation.Row.GRACEFUL;
        return CloseType.GRACEFUL;
    }

    /** Row linger(1,N) with nothing queued: the default row's RELEASE, confirmed within the linger time. */
    @Override
    public CloseType closeGracefullyNow() {
        lingerDeadlineNanos = core.services().clock().nanoTime() + socket.settings().linger.seconds() * 1_000_000_000L;
        return closeGracefullyInBackground();
    }

    /** Row linger(1,0): the local transmit queue is dropped; the RELEASE is the very same message. */
    @Override
    public CloseType closeAbortively() {
        if (!hasCall()) {
            return withoutCall();
        }
        vc.purge();
        vc.release(Cause.NORMAL);
        row = CloseConfirmation.Row.DROPPED;
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
        row = stop == null ? CloseConfirmation.Row.GRACEFUL : CloseConfirmation.Row.DROPPED;
        lingerDeadlineNanos = deadlineNanos;
        return stop == null ? CloseType.GRACEFUL : CloseType.HARD_AFTER_LINGER_TIMEOUT;
    }

    /**
     * 0 as the table says, WSAEINTR after a cancelled linger wait, and, for a call whose switch runs in another
     * process, WSAENETDOWN when the switch is gone with data it never acknowledged ({@link CloseConfirmation}).
     */
    @Override
    public WsaError closeAnswer() {
        return lingerCancelled ? WsaError.WSAEINTR : confirmation.answer(row, nonBlockingAtClose, lingerDeadlineNanos);
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
