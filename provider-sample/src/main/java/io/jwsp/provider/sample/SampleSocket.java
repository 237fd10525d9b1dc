package io.jwsp.provider.sample;

import io.jwsp.spi.kit.KitSocket;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.close.CloseOutcome;
import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.close.CloseType;
import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.AcceptCondition;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.io.MsgFlags;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.kit.EventConditions;
import io.jwsp.spi.kit.NetworkEventRecorder;
import io.jwsp.spi.kit.SocketCore;
import io.jwsp.spi.kit.closing.CloseFacts;
import io.jwsp.spi.kit.closing.CloseRows;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.kit.pending.PendingTransfer;
import io.jwsp.spi.kit.state.SocketState;
import io.jwsp.spi.option.IoControl;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.trace.WireFrame;
import io.jwsp.spi.trace.WireTap;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One socket of the sample transport: its medium only, on the socket kit ({@link SocketCore}: state, events,
 * pending overlapped operations, blocking calls, the close sequence). A connection is two of these pointing at each
 * other; each keeps, in its {@link ByteQueue}, what the other sent and it has not read. Every socket of a provider
 * shares the provider's one lock and condition.
 *
 * <p>Order of checks in each call: closing or closed (WSAENOTSOCK, in {@link #locked}), bad arguments (WSAEFAULT
 * ...), wrong state, then the work.
 */
final class SampleSocket implements KitSocket, CloseRows {
    private static final Logger LOG = LoggerFactory.getLogger(SampleSocket.class);
    private static final int SOMAXCONN = 200;

    private final SampleProvider provider;
    private final ProtocolInfo info;
    private final SocketCore core;
    private final NetworkEventRecorder events;

    // guarded by provider.lock
    private final SampleOptions options;
    private SampleSockAddr local;
    private SampleSockAddr remote;
    private SampleSocket peer;
    private final ByteQueue inbound = new ByteQueue();
    private final ArrayDeque<SampleSocket> backlog = new ArrayDeque<>();
    private int backlogLimit;
    private boolean nonBlocking;
    private WsaError pendingError;
    private boolean connectedAtClose;

    SampleSocket(SampleProvider provider, ProtocolInfo info, SampleOptions options) {
        this.provider = provider;
        this.info = info;
        this.options = options;
        this.core = new SocketCore(provider.services(), provider.lock, provider.changed);
        this.events = core.events();
    }

    SampleProvider provider() {
        return provider;
    }

    @Override
    public ProtocolInfo protocolInfo() {
        return info;
    }

    private SocketState state() {
        return core.status().state();
    }

    // ---- naming and connection

    /** WSPBind: a free name, or ANY for a fresh one; a socket binds once (WSAEINVAL after). */
    @Override
    public WspResult<Void> bind(SockAddr name) {
        return locked(() -> {
            if (name == null) {
                return WspResult.fail(WsaError.WSAEFAULT);
            }
            if (!(name instanceof SampleSockAddr wanted)) {
                return WspResult.fail(WsaError.WSAEAFNOSUPPORT);
            }
            if (state() != SocketState.OPEN) {
                return WspResult.fail(WsaError.WSAEINVAL); // bound already
            }
            SampleSockAddr got = provider.claimName(wanted, this);
            if (got == null) {
                return WspResult.fail(WsaError.WSAEADDRINUSE);
            }
            local = got;
            core.status().moveTo(SocketState.BOUND);
            return WspResult.ok();
        });
    }

    /** WSPListen: a bound socket starts taking connections; the backlog is clamped to 1..SOMAXCONN. */
    @Override
    public WspResult<Void> listen(int requestedBacklog) {
        return locked(() -> {
            if (state() == SocketState.OPEN) {
                return WspResult.fail(WsaError.WSAEINVAL); // listen needs a bound socket
            }
            if (state() == SocketState.CONNECTED) {
                return WspResult.fail(WsaError.WSAEISCONN);
            }
            core.status().moveTo(SocketState.LISTENING); // listening again only changes the backlog
            backlogLimit = Math.clamp(requestedBacklog, 1, SOMAXCONN);
            return WspResult.ok();
        });
    }

    /**
     * WSPConnect: the connection exists at once (nothing to wait for in memory) and sits in the listener's backlog
     * until accept takes it. A full backlog or a name nobody listens on is WSAECONNREFUSED.
     */
    @Override
    public WspResult<Void> connect(SockAddr name) {
        return locked(() -> {
            if (name == null) {
                return WspResult.fail(WsaError.WSAEFAULT);
            }
            if (!(name instanceof SampleSockAddr to)) {
                return WspResult.fail(WsaError.WSAEAFNOSUPPORT);
            }
            if (state() == SocketState.CONNECTED) {
                return WspResult.fail(WsaError.WSAEISCONN);
            }
            if (state() == SocketState.LISTENING) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            if (to.isAny()) {
                return WspResult.fail(WsaError.WSAEADDRNOTAVAIL);
            }
            SampleSocket listener = provider.boundTo(to);
            if (listener == null || listener.state() != SocketState.LISTENING
                    || listener.backlog.size() >= listener.backlogLimit) {
                return WspResult.fail(WsaError.WSAECONNREFUSED);
            }
            if (local == null) {
                local = provider.claimName(SampleSockAddr.ANY, this); // connect binds an unbound socket implicitly
            }
            SampleSocket server = new SampleSocket(provider, listener.info, listener.options.copy());
            server.local = listener.local;
            server.remote = local;
            server.peer = this;
            server.core.status().moveTo(SocketState.CONNECTED);
            remote = to;
            peer = server;
            core.status().moveTo(SocketState.CONNECTED);
            provider.opened(server);
            listener.backlog.addLast(server);
            listener.events.post(FdEvents.FD_ACCEPT, null);
            events.post(FdEvents.FD_CONNECT, null);
            events.post(FdEvents.FD_WRITE, null);
            frame("SYN", 0);
            return WspResult.ok();
        });
    }

    /** WSPAccept: the oldest queued connection, after the condition function (if any) agreed. */
    @Override
    public WspResult<Accepted> accept(AcceptCondition condition) {
        return locked(() -> {
            if (state() != SocketState.LISTENING) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            return core.block(nonBlocking, 0, () -> backlog.isEmpty() ? null : acceptFirst(condition));
        });
    }

    private WspResult<Accepted> acceptFirst(AcceptCondition condition) {
        SampleSocket next = backlog.peekFirst();
        int decision = condition == null ? AcceptCondition.CF_ACCEPT : condition.decide(next.remote);
        if (decision == AcceptCondition.CF_DEFER) {
            return WspResult.fail(WsaError.WSATRY_AGAIN); // stays queued for a later accept
        }
        backlog.removeFirst();
        events.reenable(FdEvents.FD_ACCEPT, !backlog.isEmpty());
        if (decision != AcceptCondition.CF_ACCEPT) {
            next.release(); // the caller's connection is reset
            return WspResult.fail(WsaError.WSAECONNREFUSED);
        }
        return WspResult.ok(new Accepted(next, next.remote));
    }

    /** WSPGetSockName: WSAEINVAL until bound (connect binds implicitly). */
    @Override
    public WspResult<SockAddr> getSockName() {
        return locked(() -> local == null ? WspResult.fail(WsaError.WSAEINVAL) : WspResult.ok(local));
    }

    /** WSPGetPeerName: WSAENOTCONN unless connected. */
    @Override
    public WspResult<SockAddr> getPeerName() {
        return locked(() -> state() == SocketState.CONNECTED ? WspResult.ok(remote)
                : WspResult.fail(WsaError.WSAENOTCONN));
    }

    // ---- data

    /**
     * WSPSend: blocking (returns once every byte is queued), nonblocking (takes what fits) or overlapped. A send
     * blocked when another thread shuts the send direction answers WSAESHUTDOWN.
     */
    @Override
    public WspResult<Integer> send(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        return locked(() -> {
            WsaError refused = checkTransfer(buffers, flags);
            if (refused != null || (refused = core.status().ensureCanSend()) != null) {
                return WspResult.fail(refused);
            }
            if (overlapped != null) {
                return sendOverlapped(buffers, overlapped);
            }
            int[] sent = {0};
            return core.block(nonBlocking, 0, () -> {
                WsaError broken = core.status().sendShut() ? WsaError.WSAESHUTDOWN : sendError();
                if (broken != null) {
                    return WspResult.fail(broken);
                }
                sent[0] += pushToPeer(buffers);
                boolean done = remaining(buffers) == 0 || (sent[0] > 0 && nonBlocking);
                return done ? WspResult.ok(sent[0]) : null;
            });
        });
    }

    /**
     * WSPRecv: what has arrived; 0 after the peer's graceful end; WSAECONNRESET after its hard close. shutdown never
     * ends a receive already blocked (observed Windows): only data, the peer's end, or closesocket do.
     */
    @Override
    public WspResult<Integer> recv(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        return locked(() -> {
            WsaError refused = checkTransfer(buffers, flags);
            if (refused != null || (refused = core.status().ensureCanReceive()) != null) {
                return WspResult.fail(refused);
            }
            if (overlapped != null) {
                return recvOverlapped(buffers, overlapped);
            }
            return core.block(nonBlocking, 0, () -> inbound.readable() ? takeInbound(buffers) : null);
        });
    }

    /** What send and recv refuse before doing anything. No out-of-band data and no peeking here. */
    private WsaError checkTransfer(ByteBuffer[] buffers, int flags) {
        if (buffers == null) {
            return WsaError.WSAEFAULT;
        }
        for (ByteBuffer b : buffers) {
            if (b == null) {
                return WsaError.WSAEFAULT;
            }
        }
        if ((flags & (MsgFlags.MSG_OOB | MsgFlags.MSG_PEEK)) != 0) {
            return WsaError.WSAEOPNOTSUPP;
        }
        return core.status().ensureConnected();
    }

    /**
     * WspSocket: an overlapped call that completes at once still performs its completion action; otherwise it is
     * pending and {@link #serviceOverlapped} finishes it when room appears.
     */
    private WspResult<Integer> sendOverlapped(ByteBuffer[] buffers, Overlapped overlapped) {
        PendingTransfer op = new PendingTransfer(overlapped, buffers, 0, 0);
        if (core.sends().isEmpty()) { // only when nothing is queued ahead, so bytes stay in order
            WsaError broken = sendError();
            if (broken != null) {
                return WspResult.fail(broken);
            }
            op.moved(pushToPeer(buffers));
            if (remaining(buffers) == 0) {
                provider.completions().add(overlapped, null, op.transferred(), 0, null);
                return WspResult.ok(op.transferred());
            }
        }
        core.sends().add(op);
        return WspResult.pending();
    }

    private WspResult<Integer> recvOverlapped(ByteBuffer[] buffers, Overlapped overlapped) {
        if (core.receives().isEmpty() && inbound.readable()) {
            WspResult<Integer> now = takeInbound(buffers);
            if (now.isOk()) {
                provider.completions().add(overlapped, null, now.value(), 0, null);
            }
            return now; // a failure started nothing: the runtime releases the record itself
        }
        core.receives().add(new PendingTransfer(overlapped, buffers, 0, 0));
        return WspResult.pending();
    }

    /** Moves what fits into the peer's queue: at most SO_SNDBUF + the peer's SO_RCVBUF bytes wait there. */
    private int pushToPeer(ByteBuffer[] buffers) {
        int capacity = Math.max(1, options.sendBuffer + peer.options.receiveBuffer);
        int n = peer.inbound.write(buffers, Math.max(0, capacity - peer.inbound.size()));
        if (n > 0) {
            peer.events.post(FdEvents.FD_READ, null);
            frame("DATA", n);
        }
        return n;
    }

    /** Reads what has arrived; at the end of the stream 0, after a reset WSAECONNRESET. */
    private WspResult<Integer> takeInbound(ByteBuffer[] buffers) {
        if (!inbound.isEmpty()) {
            int n = inbound.read(buffers);
            peer.events.post(FdEvents.FD_WRITE, null); // room again at the sender
            events.reenable(FdEvents.FD_READ, !inbound.isEmpty());
            return WspResult.ok(n);
        }
        return inbound.isReset() ? WspResult.fail(WsaError.WSAECONNRESET) : WspResult.ok(0);
    }

    /** Why data can no longer reach the peer: it reset us, or it closed and will never read (TCP answers RST). */
    private WsaError sendError() {
        return inbound.isReset() || peer.core.status().isClosing() ? WsaError.WSAECONNRESET : null;
    }

    /**
     * Completes what can progress of the pending overlapped operations; answers whether anything moved. A pending
     * receive waits for data or the end even after shutdown(SD_RECEIVE) (observed Windows).
     */
    private boolean serviceOverlapped() {
        boolean moved = false;
        DeferredCompletions done = provider.completions();
        while (!core.receives().isEmpty() && inbound.readable()) {
            PendingTransfer op = core.receives().first();
            WspResult<Integer> r = takeInbound(op.buffers());
            op.moved(r.isOk() ? r.value() : 0);
            core.receives().completeFirst(r.error(), 0, null, done);
            moved = true;
        }
        while (!core.sends().isEmpty()) {
            PendingTransfer op = core.sends().first();
            WsaError broken = sendError();
            if (broken == null) {
                int n = pushToPeer(op.buffers());
                op.moved(n);
                moved |= n > 0;
                if (op.remaining() > 0) {
                    break;
                }
            }
            core.sends().completeFirst(broken, 0, null, done);
            moved = true;
        }
        return moved;
    }

    private static int remaining(ByteBuffer[] buffers) {
        int n = 0;
        for (ByteBuffer b : buffers) {
            n += b.remaining();
        }
        return n;
    }

    // ---- shutdown and close

    /** WSPShutdown: never takes the linger path (DESIGN); SD_SEND is the graceful end the peer reads as 0. */
    @Override
    public WspResult<Void> shutdown(int how) {
        return locked(() -> {
            if (!ShutdownHow.isValid(how)) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            if (state() != SocketState.CONNECTED) {
                return WspResult.fail(WsaError.WSAENOTCONN);
            }
            if (core.status().shutdown(how)) {
                sendFin();
            }
            return WspResult.ok();
        });
    }

    /** WSPCloseSocket: the kit's close sequence with this transport's rows; then the peer's pending operations move. */
    /** WSPCancelIo / CancelIoEx: the kit's pending queues hold this socket's overlapped operations. */
    @Override
    public WspResult<Void> cancelIo(Overlapped overlapped) {
        return core.cancelIo(overlapped);
    }

    @Override
    public WspResult<Void> closeSocket() {
        WspResult<Void> closed = core.close(this);
        DeferredCompletions done;
        provider.lock.lock();
        try {
            advance();
        } finally {
            done = provider.takeCompletions();
            provider.lock.unlock();
        }
        core.fire(done);
        return closed;
    }

    @Override
    public CloseFacts closeFacts() {
        boolean dataQueued = hasLivePeer() && !peer.inbound.isEmpty();
        return new CloseFacts(options.linger, nonBlocking, dataQueued, core.status().sendShut());
    }

    /** The transport's first duties: unread data dropped, the name freed, connections nobody accepted reset. */
    @Override
    public void stopMedium(DeferredCompletions done) {
        connectedAtClose = hasLivePeer();
        inbound.discard();
        provider.releaseName(local, this);
        for (SampleSocket unaccepted : backlog) {
            unaccepted.release();
        }
        backlog.clear();
        provider.forget(this);
    }

    /** Row l_onoff = 0: the queued bytes already sit at the receiver, so the FIN goes behind them at once. */
    @Override
    public CloseType closeGracefullyInBackground() {
        if (!connectedAtClose) {
            return CloseType.NO_CONNECTION;
        }
        sendFin();
        return CloseType.GRACEFUL;
    }

    /** Row linger(1,0): hard close at once; unsent data lost; the peer's recv fails WSAECONNRESET. */
    @Override
    public CloseType closeAbortively() {
        if (!connectedAtClose) {
            return CloseType.NO_CONNECTION;
        }
        sendReset();
        return CloseType.HARD;
    }

    /** Row linger(1,N), blocking, data queued: until the peer has read everything (graceful) or the deadline. */
    @Override
    public CloseType closeAfterLinger(long deadlineNanos) {
        boolean delivered = core.blocking().awaitUntil(deadlineNanos,
                () -> peer.core.status().isClosing() || peer.inbound.isEmpty()) && peer.inbound.isEmpty();
        if (delivered) {
            sendFin();
            return CloseType.GRACEFUL;
        }
        sendReset();
        return CloseType.HARD_AFTER_LINGER_TIMEOUT;
    }

    /** Tells the runtime's wire tap how the close went (no TIME_WAIT in this transport). */
    @Override
    public CloseRecord closeRecord(CloseOutcome outcome, CloseType type, long waitedNanos) {
        LOG.debug("closed {} -> {}: {} ({})", local, remote, outcome, type);
        return new CloseRecord(SampleProviderFactory.NAME, local, remote, outcome, type, waitedNanos, false);
    }

    /** The cleanup close (an unaccepted connection, or WSPCleanup's leftovers): reset, no row, no record. */
    void release() {
        core.release(this, CloseOutcome.ABORTIVE, provider.completions());
    }

    private boolean hasLivePeer() {
        return peer != null && !peer.core.status().isClosing() && !inbound.isReset();
    }

    /** The graceful end: after the bytes already queued, the peer's recv answers 0; the peer gets FD_CLOSE. */
    private void sendFin() {
        if (peer.core.status().isClosing()) {
            return;
        }
        peer.inbound.finish();
        peer.events.postClose(null);
        peer.serviceOverlapped();
        frame("FIN", 0);
    }

    /** The hard end: the peer's queue is emptied, its recv fails WSAECONNRESET, its FD_CLOSE carries the error. */
    private void sendReset() {
        if (peer.core.status().isClosing()) {
            return;
        }
        peer.inbound.reset();
        peer.pendingError = WsaError.WSAECONNRESET;
        peer.events.postClose(WsaError.WSAECONNRESET);
        peer.serviceOverlapped();
        frame("RST", 0);
    }

    private void frame(String kind, int bytes) {
        WireTap tap = provider.context().wireTap();
        if (tap.enabled()) {
            tap.frame(new WireFrame(provider.clock().nanoTime(), String.valueOf(local), String.valueOf(remote),
                    kind, bytes, ""));
        }
    }

    // ---- options and ioctls

    /** WSPSetSockOpt: a null value is WSAEFAULT; an option this socket lacks is WSAENOPROTOOPT. */
    @Override
    public <T> WspResult<Void> setSockOpt(SockOpt<T> option, T value) {
        return locked(() -> {
            if (option == null || value == null) {
                return WspResult.fail(WsaError.WSAEFAULT);
            }
            WsaError refused = options.set(option, value);
            return refused == null ? WspResult.ok() : WspResult.fail(refused);
        });
    }

    /** WSPGetSockOpt: SO_DONTLINGER reads as !l_onoff; SO_TYPE, SO_ACCEPTCONN and SO_ERROR are read-only. */
    @Override
    public <T> WspResult<T> getSockOpt(SockOpt<T> option) {
        return locked(() -> {
            if (option == null) {
                return WspResult.fail(WsaError.WSAEFAULT);
            }
            Object value = options.get(option);
            if (option.equals(SocketOptions.SO_ACCEPTCONN)) {
                value = state() == SocketState.LISTENING;
            } else if (option.equals(SocketOptions.SO_ERROR)) {
                value = pendingError == null ? 0 : pendingError.code();
                pendingError = null; // reading SO_ERROR clears it
            }
            return value == null ? WspResult.fail(WsaError.WSAENOPROTOOPT) : WspResult.ok(cast(value));
        });
    }

    /** WSPIoctl: FIONBIO, FIONREAD and SIOCATMARK; any other code is WSAEINVAL. */
    @Override
    public <I, O> WspResult<O> ioctl(IoControl<I, O> code, I input, Overlapped overlapped) {
        WspResult<O> extension = provider.extensions().answer(code, input);
        if (extension != null) {
            return extension; // SIO_GET_EXTENSION_FUNCTION_POINTER
        }
        return locked(() -> {
            if (code == null) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            Object out = null;
            if (code.equals(IoControls.FIONBIO)) {
                if (!(input instanceof Boolean on)) {
                    return WspResult.fail(WsaError.WSAEFAULT);
                }
                if (!on && events.isActive()) {
                    return WspResult.fail(WsaError.WSAEINVAL); // event select keeps the socket nonblocking
                }
                nonBlocking = on;
            } else if (code.equals(IoControls.FIONREAD)) {
                out = inbound.size();
            } else if (code.equals(IoControls.SIOCATMARK)) {
                out = true; // no out-of-band data, ever
            } else {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            provider.completions().add(overlapped, null, 0, 0, null); // every ioctl here completes at once
            return WspResult.ok(cast(out));
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value; // the option or ioctl key fixed the type
    }

    // ---- event select and select

    /** WSPEventSelect: makes the socket nonblocking, and records at once the events whose condition holds now. */
    @Override
    public WspResult<Void> eventSelect(WspEvent event, int networkEvents) {
        return locked(() -> {
            if (networkEvents != 0 && event == null) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            boolean connected = state() == SocketState.CONNECTED;
            events.select(event, networkEvents,
                    new EventConditions(connected && inbound.readable(), readyToWrite(), !backlog.isEmpty()));
            nonBlocking |= networkEvents != 0;
            return WspResult.ok();
        });
    }

    /** WSPEnumNetworkEvents: what was recorded since the last call, then cleared. */
    @Override
    public WspResult<NetworkEvents> enumNetworkEvents(WspEvent eventToReset) {
        return locked(() -> WspResult.ok(events.enumerate(eventToReset)));
    }

    boolean isClosing() {
        return core.status().isClosing();
    }

    /** select's read set: data, the end, or a reset to read; a connection to accept; or a close under way. */
    boolean readyToRead() {
        return switch (state()) {
            case CONNECTED -> inbound.readable();
            case LISTENING -> !backlog.isEmpty();
            case CLOSING, CLOSED -> true;
            default -> false;
        };
    }

    /** select's write set: a send would not block (it may fail at once, which is not blocking either). */
    boolean readyToWrite() {
        if (state() != SocketState.CONNECTED || core.status().sendShut()) {
            return false;
        }
        return sendError() != null
                || peer.inbound.size() < Math.max(1, options.sendBuffer + peer.options.receiveBuffer);
    }

    // ---- locking

    /**
     * Runs one call under the provider's lock. A closing or closed socket answers WSAENOTSOCK to every call
     * (closesocket: "further references to s fail"). After the call the connection moves on ({@link #advance}).
     */
    private <T> WspResult<T> locked(Supplier<WspResult<T>> call) {
        DeferredCompletions done;
        WspResult<T> result;
        provider.lock.lock();
        try {
            WsaError notOpen = core.status().ensureOpen();
            result = notOpen != null ? WspResult.fail(notOpen) : call.get();
            advance();
        } finally {
            done = provider.takeCompletions();
            provider.lock.unlock();
        }
        core.fire(done);
        return result;
    }

    /**
     * What follows every change (lock held): the pending overlapped operations of this connection make whatever
     * progress it allowed, and every waiter wakes to re-check. The completions decided here fire once the lock is
     * released.
     */
    private void advance() {
        boolean moved;
        do {
            moved = serviceOverlapped();
            if (peer != null) {
                moved |= peer.serviceOverlapped();
            }
        } while (moved);
        core.signalChange();
    }

    @Override
    public String toString() {
        return "SampleSocket[" + core.status() + " " + local + " -> " + remote + "]";
    }

    @Override
    public SocketCore core() {
        return core;
    }
}
