package io.jwsp.provider.irda;

import io.jwsp.provider.irda.stack.TtpConnection;
import io.jwsp.provider.irda.stack.TtpConnection.Ending;
import io.jwsp.provider.irda.stack.TtpConnection.State;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.close.CloseOutcome;
import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.close.CloseType;
import io.jwsp.spi.kit.closing.CloseFacts;
import io.jwsp.spi.kit.closing.CloseRows;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.result.WsaError;

/**
 * IrDA's rows of the close table, run by the kit's close sequence ({@code SocketCore.close}) for one
 * {@link IrdaSocket}, under the space's lock. What IrDA does differently: no graceful close exists on the wire, so
 * every row ends in IrLMP DISCONNECT(1); the "graceful" rows queue it behind TinyTP's data (a background drain may
 * give up after {@code stallMs} without progress), the abortive row drops the unsent queue and sends it at once,
 * and the peer never sees a reset: a truncated stream, then 0. A listener or a socket without an open connection
 * closes the same way in every row.
 */
final class IrdaCloseRows implements CloseRows {
    private final IrdaSocket s;
    private boolean lingerCancelled;

    IrdaCloseRows(IrdaSocket socket) {
        this.s = socket;
    }

    private boolean connectionOpen() {
        return s.listener == null && s.conn != null && s.conn.state() == State.OPEN;
    }

    /** Whether another process has, or is about to get, this socket's connection: the close leaves it alone. */
    private boolean handedOver() {
        return s.conn != null && (s.conn.ending() == Ending.MOVED || s.provider.exported(s.conn));
    }

    @Override
    public CloseFacts closeFacts() {
        boolean open = connectionOpen() && !handedOver();
        return new CloseFacts(s.options.linger(), s.isNonBlocking(), open && s.conn.dataQueued(),
                open && s.sendShutdown);
    }

    /** IrDA's part of what every close does first: names and IAS entries go, unread data is dropped. */
    @Override
    public void stopMedium(DeferredCompletions done) {
        s.stack.ias(s.device).removeAll(s);
        if (s.ownLsap > 0) {
            s.stack.releaseLsap(s.device, s.ownLsap); // accepted sockets hold none: they share their listener's
        }
        if (s.conn != null) {
            s.conn.onChange(null);
            if (!handedOver()) {
                s.conn.discardIncoming();
            }
        }
        s.provider.forget(s);
    }

    /**
     * Every row of a socket without an open connection: a listener's IAS entry and selector go, connections never
     * accepted are disconnected; a connection still being made (or ended) is dropped. {@code null} when a connection
     * is open.
     */
    private CloseType closeWithoutConnection() {
        if (handedOver()) {
            // WSADuplicateSocket into another process: not the last handle; an export still waiting for its
            // claim performs the graceful row if it runs out
            s.provider.exportReleased(s.conn);
            return CloseType.HANDLE_ONLY;
        }
        if (s.listener != null) {
            s.stack.unlisten(s.listener);
            return CloseType.NO_CONNECTION;
        }
        if (s.conn == null || s.conn.state() != State.OPEN) {
            if (s.conn != null && s.conn.state() != State.CLOSED) {
                s.conn.disconnectNow();
            }
            return CloseType.NO_CONNECTION;
        }
        return null;
    }

    /** l_onoff = 0: return at once; TinyTP drains in the background, then DISCONNECT(1) travels behind the data. */
    @Override
    public CloseType closeGracefullyInBackground() {
        CloseType none = closeWithoutConnection();
        if (none != null) {
            return none;
        }
        TtpConnection c = s.conn;
        c.drainThenDisconnect();
        long stall = s.provider.settings().stallNanos();
        if (stall > 0 && c.state() == State.OPEN) {
            watchForStall(c, c.progress(), stall);
        }
        return CloseType.GRACEFUL;
    }

    /**
     * The stall cut-off of a background drain (CE: a 1-second timer): when no frame left since the last look, the
     * peer has stopped granting credit, so the rest is dropped and DISCONNECT(1) goes now.
     */
    private void watchForStall(TtpConnection c, long seen, long stall) {
        s.provider.clock().schedule(() -> {
            s.lock.lock();
            try {
                if (c.state() != State.OPEN) {
                    return;
                }
                if (c.progress() == seen) {
                    c.disconnectNow();
                } else {
                    watchForStall(c, c.progress(), stall);
                }
            } finally {
                s.lock.unlock();
            }
        }, stall);
    }

    /** linger(1,0): drop the unsent queue and send DISCONNECT(1) now. No reset: the peer reads what arrived, then 0. */
    @Override
    public CloseType closeAbortively() {
        CloseType none = closeWithoutConnection();
        if (none != null) {
            return none;
        }
        s.conn.disconnectNow();
        return CloseType.HARD;
    }

    /** linger(1,N) with nothing queued: DISCONNECT(1) now, which is all IrDA's orderly end is. */
    @Override
    public CloseType closeGracefullyNow() {
        CloseType none = closeWithoutConnection();
        if (none != null) {
            return none;
        }
        s.conn.drainThenDisconnect();
        return CloseType.GRACEFUL;
    }

    /**
     * linger(1,N), blocking, data queued: wait until TinyTP's transmit queue is empty (its frames have had their
     * air time; a peer that stops reading stops the credit and keeps it full) or N seconds pass, then disconnect:
     * behind the data, or after dropping what is left. WSPCancelBlockingCall ends the wait like its deadline, and
     * closesocket then answers WSAEINTR.
     */
    @Override
    public CloseType closeAfterLinger(long deadlineNanos) {
        TtpConnection c = s.conn;
        WsaError e = s.core.blocking().lingerUntil(deadlineNanos, () -> !c.dataQueued() || c.state() != State.OPEN);
        if (e == null) {
            c.drainThenDisconnect();
            return CloseType.GRACEFUL;
        }
        lingerCancelled = e == WsaError.WSAEINTR;
        c.disconnectNow();
        return CloseType.HARD_AFTER_LINGER_TIMEOUT;
    }

    @Override
    public WsaError closeAnswer() {
        return lingerCancelled ? WsaError.WSAEINTR : null;
    }

    @Override
    public CloseRecord closeRecord(CloseOutcome outcome, CloseType type, long waitedNanos) {
        SockAddr local = s.localName != null ? s.localName
                : s.ownLsap > 0 ? IrdaSockAddr.lsapSel(s.device, s.ownLsap) : null;
        return new CloseRecord(IrdaProviderFactory.NAME, local, s.peerName, outcome, type, waitedNanos, false);
    }
}
