package io.jwsp.provider.loopback.stream;

import io.jwsp.spi.kit.ext.ExtensionTable;
import io.jwsp.provider.loopback.core.CountedCondition;
import io.jwsp.provider.loopback.core.LoopbackStack;
import io.jwsp.provider.loopback.net.Transport;
import io.jwsp.spi.addr.IpProtocol;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.close.CloseOutcome;
import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.close.CloseTable;
import io.jwsp.spi.close.CloseType;
import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.kit.closing.CloseFacts;
import io.jwsp.spi.kit.closing.CloseRows;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A loopback stream socket (the TCP role), from socket() through listen/accept or connect to close. Its layers:
 * {@link StreamDataPath} (send, recv, the rings, FIN and RST), {@link StreamHandshake} (listen, the backlog, connect,
 * accept); this class adds shutdown, readiness, names, options and close.
 *
 * <p>Close: {@link #closeSocket} runs the socket kit's close sequence, which asks {@link CloseTable#decide} for the
 * row; this class performs each row in the method named after it ({@link #closeGracefullyInBackground},
 * {@link #closeAbortively}, {@link #closeAfterLinger}). Decisions where Winsock leaves room:
 * a hard close discards the peer's queued-but-unread data too, so the peer's next recv answers WSAECONNRESET (as
 * Windows does on an RST); the closer's own unread data is dropped without turning a graceful close into a reset;
 * a send to a peer that has closed resets the connection and answers WSAECONNRESET at once; TIME_WAIT is entered
 * by the active closer when its socket is closed and its FIN has reached the peer.
 */
public final class StreamSocket extends StreamHandshake implements CloseRows {
    // close (set by stopMedium for the row that follows)
    private boolean connectedAtClose;
    private DeferredCompletions closing;
    private WsaError closeAnswer;
    private List<StreamSocket> orphans;

    public StreamSocket(LoopbackStack stack, ProtocolInfo info, int family) {
        super(stack, info, family);
        this.sendBuffer = stack.settings().sendBuffer();
        this.receiveBuffer = stack.settings().receiveBuffer();
    }

    StreamSocket(LoopbackStack stack, ProtocolInfo info, int family, ReentrantLock lock, CountedCondition cond) {
        super(stack, info, family, lock, cond);
        this.sendBuffer = stack.settings().sendBuffer();
        this.receiveBuffer = stack.settings().receiveBuffer();
    }

    @Override
    protected Transport transport() {
        return Transport.STREAM;
    }

    // ================================================================== events (event select's current conditions)

    @Override
    protected void postCurrentConditions() {
        if (state == State.LISTENING) {
            if (!backlog.isEmpty()) {
                acceptSignalled = true;
                post(FdEvents.FD_ACCEPT, null);
            }
            return;
        }
        if (state != State.CONNECTED || !conn.established) {
            return;
        }
        if (conn.reset) {
            post(FdEvents.FD_CLOSE, WsaError.WSAECONNRESET);
            return;
        }
        if (inbound.size() > 0) {
            readSignalled = true;
            post(FdEvents.FD_READ, null);
        }
        if (!sendShutdown && !peer.isClosing() && room() > 0) {
            post(FdEvents.FD_WRITE, null);
        }
        if (finArrived) {
            post(FdEvents.FD_CLOSE, null);
        }
    }

    // ================================================================== readiness (select)

    @Override
    public boolean readyToRead() {
        lock.lock();
        try {
            if (isClosing()) {
                return true;
            }
            if (state == State.LISTENING) {
                return !backlog.isEmpty();
            }
            if (state != State.CONNECTED || !conn.established) {
                return false;
            }
            return conn.reset || receiveShutdown || inbound.size() > 0 || finIn;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean readyToWrite() {
        lock.lock();
        try {
            if (isClosing() || state != State.CONNECTED || !conn.established) {
                return false;
            }
            return conn.reset || sendShutdown || peer.isClosing() || room() > 0;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean readyExcept() {
        lock.lock();
        try {
            return !isClosing() && connectFailed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected int readableBytes() {
        return state == State.CONNECTED && conn.established && !conn.reset ? available() : 0;
    }

    // ================================================================== names

    @Override
    protected SockAddr reportedLocalName() {
        return state == State.CONNECTED && connectedLocal != null ? connectedLocal : localName;
    }

    @Override
    public WspResult<SockAddr> getPeerName() {
        lock.lock();
        try {
            if (isClosing()) {
                return fail(WsaError.WSAENOTSOCK);
            }
            if (state != State.CONNECTED || !conn.established || conn.reset) {
                return fail(WsaError.WSAENOTCONN);
            }
            return WspResult.ok(peerName);
        } finally {
            lock.unlock();
        }
    }

    // ================================================================== shutdown

    @Override
    public WspResult<Void> shutdown(int how) {
        DeferredCompletions done = new DeferredCompletions();
        lock.lock();
        try {
            if (isClosing()) {
                return fail(WsaError.WSAENOTSOCK);
            }
            if (!ShutdownHow.isValid(how)) {
                return fail(WsaError.WSAEINVAL);
            }
            if (state != State.CONNECTED || !conn.established) {
                return fail(WsaError.WSAENOTCONN);
            }
            if (ShutdownHow.stopsReceiving(how)) {
                receiveShutdown = true;
            }
            if (ShutdownHow.stopsSending(how) && !sendShutdown) {
                sendShutdown = true;
                core.sends().abortAll(WsaError.WSAESHUTDOWN, done);
                if (!conn.reset) {
                    sendFin(done);
                }
            }
            changed.signalAll();
            return WspResult.ok();
        } finally {
            lock.unlock();
            done.fire(stack::complete);
            stack.readiness().changed();
        }
    }

    @Override
    public WspResult<Void> sendDisconnect(ByteBuffer disconnectData) {
        if (disconnectData != null && disconnectData.hasRemaining()) {
            return whenOpen(WsaError.WSAENOPROTOOPT);
        }
        return shutdown(ShutdownHow.SD_SEND);
    }

    @Override
    public WspResult<Integer> recvDisconnect(ByteBuffer disconnectData) {
        return shutdown(ShutdownHow.SD_RECEIVE).map(v -> 0);
    }

    // ================================================================== options

    @Override
    protected WsaError setSpecific(SockOpt<?> o, Object value) {
        return options.set(o, value);
    }

    @Override
    protected Object getSpecific(SockOpt<?> o) {
        if (o.level() != IpProtocol.IPPROTO_TCP && o.name() == 0x2) { // SO_ACCEPTCONN
            return state == State.LISTENING;
        }
        return options.get(o);
    }

    @Override
    protected void bufferSizesChanged() {
        // Room may have appeared or gone: blocked senders and the FIN's arrival are re-evaluated. Pending
        // overlapped sends move on with the next transfer (completions never run under the lock).
        if (state == State.CONNECTED && !isClosing()) {
            settle();
            peer.settle();
            stack.readiness().changed();
        }
    }

    // ================================================================== close

    /** closesocket: the kit's close sequence with this transport's rows; then orphans refused, selects woken. */
    @Override
    public WspResult<Void> closeSocket() {
        WspResult<Void> result = core.close(this);
        refuseOrphans();
        stack.readiness().changed();
        return result;
    }

    @Override
    public CloseFacts closeFacts() {
        return new CloseFacts(options.linger, nonBlocking, dataQueued(), sendShutdown);
    }

    /**
     * What every close does first, after the kit's part (WSAENOTSOCK from now on, events off, pending operations
     * aborted): connections nobody accepted are set aside to be refused, unread data is dropped, the name freed.
     */
    @Override
    public void stopMedium(DeferredCompletions done) {
        closing = done;
        closeAnswer = null;
        if (state == State.LISTENING) {
            orphans = new ArrayList<>(backlog);
            backlog.clear();
            listening = false;
        }
        connectedAtClose = state == State.CONNECTED && !conn.reset;
        if (!connectedAtClose && state == State.CONNECTING && conn != null) {
            conn.reset = true;
            peer.inbound.clear();
        }
        if (connectedAtClose) {
            inbound.clear();
        }
        release();
        if (connectedAtClose) {
            peer.settle();
        }
    }

    /**
     * Row "l_onoff = 0" (the default): returns at once; the queued data is still delivered as the peer reads, then
     * the FIN, in the background. The closer's own unread data is dropped.
     */
    @Override
    public CloseType closeGracefullyInBackground() {
        if (!connectedAtClose) {
            return CloseType.NO_CONNECTION;
        }
        if (!sendShutdown) {
            sendFin(closing);
        }
        maybeEnterTimeWait();
        return CloseType.GRACEFUL;
    }

    /**
     * Row "l_onoff != 0, l_linger = 0": returns at once; RST, never a FIN first; unsent data lost; the peer's
     * unread data discarded and its recv answers WSAECONNRESET; no TIME_WAIT.
     */
    @Override
    public CloseType closeAbortively() {
        if (!connectedAtClose) {
            return CloseType.NO_CONNECTION;
        }
        resetConnection(closing, "linger 0");
        return CloseType.HARD;
    }

    /**
     * Row "l_onoff != 0, l_linger != 0, blocking, data queued": waits on the time source until the peer has taken
     * the queued data (then FIN: graceful, TIME_WAIT) or l_linger seconds pass (then RST); WSPCancelBlockingCall
     * ends the wait with a reset too, and closesocket then answers WSAEINTR.
     */
    @Override
    public CloseType closeAfterLinger(long deadlineNanos) {
        WsaError ended = core.blocking().lingerUntil(deadlineNanos, () -> !dataQueued());
        if (conn.reset) {
            return CloseType.NO_CONNECTION;
        }
        if (ended == null) {
            return closeGracefullyInBackground();
        }
        closeAnswer = ended == WsaError.WSAEINTR ? ended : null;
        resetConnection(closing, "linger time-out");
        return CloseType.HARD_AFTER_LINGER_TIMEOUT;
    }

    @Override
    public WsaError closeAnswer() {
        return closeAnswer;
    }

    @Override
    public CloseRecord closeRecord(CloseOutcome outcome, CloseType type, long waitedNanos) {
        LOG.debug("closed {} -> {}: {} {} after {} ns{}", reportedLocalName(), peerName, outcome, type, waitedNanos,
                timeWaitEntered ? ", TIME_WAIT" : "");
        return new CloseRecord(stack.providerName(), reportedLocalName(),
                state == State.CONNECTED ? peerName : null, outcome, type, waitedNanos, timeWaitEntered);
    }

    /** The last WSPCleanup: the kit's cleanup close; unsent data of a graceful close still goes; it never waits. */
    @Override
    public void forceClose() {
        DeferredCompletions done = new DeferredCompletions();
        core.release(this, options.linger.isAbortive() ? CloseOutcome.ABORTIVE : CloseOutcome.GRACEFUL_IN_BACKGROUND, done);
        done.fire(stack::complete);
        refuseOrphans();
    }

    /** A closed listener's connections nobody accepted are refused, each under its own lock. */
    private void refuseOrphans() {
        List<StreamSocket> refused = orphans;
        orphans = null;
        if (refused != null) {
            for (StreamSocket s : refused) {
                s.refuse();
            }
        }
    }

    @Override
    public String toString() {
        return "loopback stream " + reportedLocalName() + (peerName != null ? " -> " + peerName : "");
    }

    @Override
    protected ExtensionTable extensions() {
        return stack.extensions();
    }
}
