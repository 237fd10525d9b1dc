package io.jwsp.provider.sample;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.close.CloseOutcome;
import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.close.CloseTable;
import io.jwsp.spi.close.CloseType;
import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.AcceptCondition;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.io.MsgFlags;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.kit.NetworkEventRecorder;
import io.jwsp.spi.option.IoControl;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.Linger;
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
 * One socket of the sample transport, and the whole of its behaviour. A connection is two of these pointing at each
 * other; each keeps, in its {@link ByteQueue}, what the other sent and it has not read. Every call runs under the
 * provider's lock ({@link #locked}); a blocking call waits on the runtime's clock and re-checks after every change.
 *
 * <p>Order of checks in each call: closed (WSAENOTSOCK, in {@link #locked}), bad arguments (WSAEFAULT ...), wrong
 * state, then the work.
 */
final class SampleSocket implements WspSocket {
    private static final Logger LOG = LoggerFactory.getLogger(SampleSocket.class);
    private static final int SOMAXCONN = 200;

    /** The state machine. The two shutdown directions are flags beside it, as they only narrow CONNECTED. */
    enum State { OPEN, BOUND, LISTENING, CONNECTED, CLOSED }

    /** An overlapped send or recv waiting for room or data; its buffers' positions record the progress. */
    private static final class PendingIo {
        final Overlapped overlapped;
        final ByteBuffer[] buffers;
        int transferred;

        PendingIo(Overlapped overlapped, ByteBuffer[] buffers) {
            this.overlapped = overlapped;
            this.buffers = buffers;
        }
    }

    private final SampleProvider provider;
    private final ProtocolInfo info;
    private State state = State.OPEN;
    private SampleSockAddr local;
    private SampleSockAddr remote;
    private SampleSocket peer;
    private final ByteQueue inbound = new ByteQueue();
    private final ArrayDeque<SampleSocket> backlog = new ArrayDeque<>();
    private int backlogLimit;
    private boolean sendShut;
    private boolean recvShut;
    private boolean nonBlocking;
    private Linger linger = Linger.DONT_LINGER;
    private int sendBuffer;
    private int receiveBuffer;
    private WsaError pendingError;
    private final NetworkEventRecorder events = new NetworkEventRecorder();
    private final ArrayDeque<PendingIo> pendingRecvs = new ArrayDeque<>();
    private final ArrayDeque<PendingIo> pendingSends = new ArrayDeque<>();

    SampleSocket(SampleProvider provider, ProtocolInfo info) {
        this.provider = provider;
        this.info = info;
        this.sendBuffer = provider.bufferBytes;
        this.receiveBuffer = provider.bufferBytes;
    }

    SampleProvider provider() {
        return provider;
    }

    @Override
    public ProtocolInfo protocolInfo() {
        return info;
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
            if (state != State.OPEN) {
                return WspResult.fail(WsaError.WSAEINVAL); // bound already
            }
            SampleSockAddr got = provider.claimName(wanted, this);
            if (got == null) {
                return WspResult.fail(WsaError.WSAEADDRINUSE);
            }
            local = got;
            state = State.BOUND;
            return WspResult.ok();
        });
    }

    /** WSPListen: a bound socket starts taking connections; the backlog is clamped to 1..SOMAXCONN. */
    @Override
    public WspResult<Void> listen(int requestedBacklog) {
        return locked(() -> {
            if (state == State.OPEN) {
                return WspResult.fail(WsaError.WSAEINVAL); // listen needs a bound socket
            }
            if (state == State.CONNECTED) {
                return WspResult.fail(WsaError.WSAEISCONN);
            }
            state = State.LISTENING; // listening again only changes the backlog
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
            if (state == State.CONNECTED) {
                return WspResult.fail(WsaError.WSAEISCONN);
            }
            if (state == State.LISTENING) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            if (to.isAny()) {
                return WspResult.fail(WsaError.WSAEADDRNOTAVAIL);
            }
            SampleSocket listener = provider.boundTo(to);
            if (listener == null || listener.state != State.LISTENING
                    || listener.backlog.size() >= listener.backlogLimit) {
                return WspResult.fail(WsaError.WSAECONNREFUSED);
            }
            if (local == null) {
                local = provider.claimName(SampleSockAddr.ANY, this); // connect binds an unbound socket implicitly
            }
            SampleSocket server = new SampleSocket(provider, listener.info);
            server.linger = listener.linger; // DESIGN: accepted sockets inherit the listener's linger
            server.sendBuffer = listener.sendBuffer;
            server.receiveBuffer = listener.receiveBuffer;
            server.local = listener.local;
            server.remote = local;
            server.peer = this;
            server.state = State.CONNECTED;
            remote = to;
            peer = server;
            state = State.CONNECTED;
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
            if (state != State.LISTENING) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            while (backlog.isEmpty()) {
                WsaError stop = block();
                if (stop != null) {
                    return WspResult.fail(stop);
                }
            }
            SampleSocket next = backlog.peekFirst();
            int decision = condition == null ? AcceptCondition.CF_ACCEPT : condition.decide(next.remote);
            if (decision == AcceptCondition.CF_DEFER) {
                return WspResult.fail(WsaError.WSATRY_AGAIN); // stays queued for a later accept
            }
            backlog.removeFirst();
            if (decision != AcceptCondition.CF_ACCEPT) {
                next.release(); // the caller's connection is reset
                return WspResult.fail(WsaError.WSAECONNREFUSED);
            }
            return WspResult.ok(new Accepted(next, next.remote));
        });
    }

    /** WSPGetSockName: WSAEINVAL until bound (connect binds implicitly). */
    @Override
    public WspResult<SockAddr> getSockName() {
        return locked(() -> local == null ? WspResult.fail(WsaError.WSAEINVAL) : WspResult.ok(local));
    }

    /** WSPGetPeerName: WSAENOTCONN unless connected. */
    @Override
    public WspResult<SockAddr> getPeerName() {
        return locked(() -> state == State.CONNECTED ? WspResult.ok(remote) : WspResult.fail(WsaError.WSAENOTCONN));
    }

    // ---- data

    /** WSPSend: blocking, nonblocking (FIONBIO or event select) or overlapped, by the call and the socket's mode. */
    @Override
    public WspResult<Integer> send(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        return locked(() -> {
            WsaError refused = checkTransfer(buffers, flags);
            if (refused != null) {
                return WspResult.fail(refused);
            }
            if (sendShut) {
                return WspResult.fail(WsaError.WSAESHUTDOWN);
            }
            return overlapped != null ? sendOverlapped(buffers, overlapped) : sendBlockingOrNot(buffers);
        });
    }

    /** WSPRecv: what has arrived; 0 after the peer's graceful end; WSAECONNRESET after its hard close. */
    @Override
    public WspResult<Integer> recv(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        return locked(() -> {
            WsaError refused = checkTransfer(buffers, flags);
            if (refused != null) {
                return WspResult.fail(refused);
            }
            if (recvShut) {
                return WspResult.fail(WsaError.WSAESHUTDOWN);
            }
            return overlapped != null ? recvOverlapped(buffers, overlapped) : recvBlockingOrNot(buffers);
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
        return state == State.CONNECTED ? null : WsaError.WSAENOTCONN;
    }

    /** A blocking send returns once every byte is queued; a nonblocking one takes what fits. */
    private WspResult<Integer> sendBlockingOrNot(ByteBuffer[] buffers) {
        int sent = 0;
        while (true) {
            if (sendShut) {
                return WspResult.fail(WsaError.WSAESHUTDOWN); // shut by another thread while we waited
            }
            WsaError broken = sendError();
            if (broken != null) {
                return WspResult.fail(broken);
            }
            sent += pushToPeer(buffers);
            if (remaining(buffers) == 0 || (sent > 0 && nonBlocking)) {
                return WspResult.ok(sent);
            }
            WsaError stop = block();
            if (stop != null) {
                return WspResult.fail(stop);
            }
        }
    }

    private WspResult<Integer> recvBlockingOrNot(ByteBuffer[] buffers) {
        while (true) {
            if (recvShut) {
                return WspResult.fail(WsaError.WSAESHUTDOWN);
            }
            if (inbound.readable()) {
                return takeInbound(buffers);
            }
            WsaError stop = block();
            if (stop != null) {
                return WspResult.fail(stop);
            }
        }
    }

    /**
     * WspSocket: an overlapped call that completes at once still performs its completion action; otherwise it is
     * pending and {@link #serviceOverlapped} finishes it through the upcall when room appears.
     */
    private WspResult<Integer> sendOverlapped(ByteBuffer[] buffers, Overlapped overlapped) {
        PendingIo op = new PendingIo(overlapped, buffers);
        if (pendingSends.isEmpty()) { // only when nothing is queued ahead, so bytes stay in order
            WsaError broken = sendError();
            if (broken != null) {
                return WspResult.fail(broken);
            }
            op.transferred = pushToPeer(buffers);
            if (remaining(buffers) == 0) {
                complete(overlapped, null, op.transferred);
                return WspResult.ok(op.transferred);
            }
        }
        pendingSends.addLast(op);
        return WspResult.pending();
    }

    private WspResult<Integer> recvOverlapped(ByteBuffer[] buffers, Overlapped overlapped) {
        if (pendingRecvs.isEmpty() && inbound.readable()) {
            WspResult<Integer> now = takeInbound(buffers);
            if (now.isOk()) {
                complete(overlapped, null, now.value());
            }
            return now; // a failure started nothing: the runtime releases the record itself
        }
        pendingRecvs.addLast(new PendingIo(overlapped, buffers));
        return WspResult.pending();
    }

    /** Moves what fits into the peer's queue: at most SO_SNDBUF + the peer's SO_RCVBUF bytes wait there. */
    private int pushToPeer(ByteBuffer[] buffers) {
        int capacity = Math.max(1, sendBuffer + peer.receiveBuffer);
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
            if (!inbound.isEmpty()) {
                events.post(FdEvents.FD_READ, null); // re-enabled: more is waiting
            }
            return WspResult.ok(n);
        }
        return inbound.isReset() ? WspResult.fail(WsaError.WSAECONNRESET) : WspResult.ok(0);
    }

    /** Why data can no longer reach the peer: it reset us, or it closed and will never read (TCP answers RST). */
    private WsaError sendError() {
        return inbound.isReset() || peer.state == State.CLOSED ? WsaError.WSAECONNRESET : null;
    }

    /** Completes what can progress of the pending overlapped operations; answers whether anything moved. */
    private boolean serviceOverlapped() {
        boolean moved = false;
        while (!pendingRecvs.isEmpty() && (inbound.readable() || recvShut)) {
            PendingIo op = pendingRecvs.removeFirst();
            WspResult<Integer> r = recvShut ? WspResult.fail(WsaError.WSAESHUTDOWN) : takeInbound(op.buffers);
            complete(op.overlapped, r.error(), r.isOk() ? r.value() : 0);
            moved = true;
        }
        while (!pendingSends.isEmpty()) {
            PendingIo op = pendingSends.peekFirst();
            WsaError broken = sendError();
            if (broken == null) {
                int n = pushToPeer(op.buffers);
                op.transferred += n;
                moved |= n > 0;
                if (remaining(op.buffers) > 0) {
                    break;
                }
            }
            pendingSends.removeFirst();
            complete(op.overlapped, broken, op.transferred);
            moved = true;
        }
        return moved;
    }

    /** Upcalls: the runtime records the result and sets the event, queues the routine or posts to the port. */
    private void complete(Overlapped overlapped, WsaError error, int bytes) {
        if (overlapped != null) {
            provider.upcalls().completeOverlapped(overlapped, error, bytes, 0, null);
        }
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
            if (state != State.CONNECTED) {
                return WspResult.fail(WsaError.WSAENOTCONN);
            }
            if (ShutdownHow.stopsSending(how) && !sendShut) {
                sendShut = true;
                sendFin();
            }
            if (ShutdownHow.stopsReceiving(how)) {
                recvShut = true;
            }
            return WspResult.ok();
        });
    }

    /**
     * WSPCloseSocket: {@link CloseTable#decide} picks the row before anything is touched (so WSAEWOULDBLOCK leaves
     * the socket as it was), then one method per row performs it.
     */
    @Override
    public WspResult<Void> closeSocket() {
        return locked(() -> {
            boolean dataQueued = hasLivePeer() && !peer.inbound.isEmpty();
            return switch (CloseTable.decide(linger, nonBlocking, dataQueued, sendShut)) {
                case WOULD_BLOCK -> closeWouldBlock();
                case GRACEFUL_IN_BACKGROUND -> closeGracefullyInBackground();
                case GRACEFUL_NOW -> closeGracefullyNow();
                case ABORTIVE -> closeAbortively();
                case LINGER_WAIT -> closeAfterLinger();
            };
        });
    }

    /** Row l_onoff != 0, l_linger != 0, nonblocking, data queued: refuse; nothing is initiated. */
    private WspResult<Void> closeWouldBlock() {
        return WspResult.fail(WsaError.WSAEWOULDBLOCK);
    }

    /**
     * Row l_onoff = 0: return at once. The queued bytes already sit at the receiver, so "sent in the background"
     * needs no thread: the FIN goes behind them and the peer reads them before its 0.
     */
    private WspResult<Void> closeGracefullyInBackground() {
        boolean connected = stopLocalActivity();
        if (connected) {
            sendFin();
        }
        return reported(CloseOutcome.GRACEFUL_IN_BACKGROUND, connected ? CloseType.GRACEFUL : CloseType.NO_CONNECTION, 0);
    }

    /** Row linger(1,N) with nothing queued: the graceful close completes at once. */
    private WspResult<Void> closeGracefullyNow() {
        boolean connected = stopLocalActivity();
        if (connected) {
            sendFin();
        }
        return reported(CloseOutcome.GRACEFUL_NOW, connected ? CloseType.GRACEFUL : CloseType.NO_CONNECTION, 0);
    }

    /** Row linger(1,0): hard close at once; unsent data lost; the peer's recv fails WSAECONNRESET. */
    private WspResult<Void> closeAbortively() {
        boolean connected = stopLocalActivity();
        if (connected) {
            sendReset();
        }
        return reported(CloseOutcome.ABORTIVE, connected ? CloseType.HARD : CloseType.NO_CONNECTION, 0);
    }

    /**
     * Row linger(1,N), blocking, data queued: wait until the peer has read everything (graceful) or N seconds pass
     * on the runtime's clock (then abortive). Returns 0 either way. The table picks this row only when a live
     * connection has data queued, so {@code peer} is there.
     */
    private WspResult<Void> closeAfterLinger() {
        long start = provider.clock().nanoTime();
        long deadline = start + linger.seconds() * 1_000_000_000L;
        stopLocalActivity(); // blocked callers leave with WSAEINTR now, not after the linger
        while (peer.state != State.CLOSED && !peer.inbound.isEmpty()) {
            long left = deadline - provider.clock().nanoTime();
            if (left <= 0 || !provider.awaitChange(left)) {
                break;
            }
        }
        boolean delivered = peer.inbound.isEmpty(); // read by the peer (or dropped by its own close)
        if (delivered) {
            sendFin();
        } else {
            sendReset();
        }
        long waited = provider.clock().nanoTime() - start;
        return reported(CloseOutcome.LINGER_WAIT,
                delivered ? CloseType.GRACEFUL : CloseType.HARD_AFTER_LINGER_TIMEOUT, waited);
    }

    /**
     * What every close does first: the socket leaves the state machine, FD_* events stop (FD_CLOSE never reaches the
     * closing side), pending overlapped operations complete with WSA_OPERATION_ABORTED, unread data is dropped, the
     * name is freed, connections nobody accepted are reset, and blocked callers wake to return WSAEINTR. Answers
     * whether a live connection is left for the row to end.
     */
    private boolean stopLocalActivity() {
        boolean connected = hasLivePeer();
        state = State.CLOSED;
        events.closeLocally();
        for (PendingIo op : pendingRecvs) {
            complete(op.overlapped, WsaError.WSA_OPERATION_ABORTED, op.transferred);
        }
        for (PendingIo op : pendingSends) {
            complete(op.overlapped, WsaError.WSA_OPERATION_ABORTED, op.transferred);
        }
        pendingRecvs.clear();
        pendingSends.clear();
        inbound.discard();
        provider.releaseName(local, this);
        for (SampleSocket unaccepted : backlog) {
            unaccepted.release();
        }
        backlog.clear();
        provider.forget(this);
        provider.signalChange();
        return connected;
    }

    /** Closes without a row and without a report: an unaccepted connection, or WSPCleanup's leftovers. */
    void release() {
        if (state != State.CLOSED && stopLocalActivity()) {
            sendReset();
        }
    }

    private boolean hasLivePeer() {
        return state == State.CONNECTED && peer.state != State.CLOSED && !inbound.isReset();
    }

    /** The graceful end: after the bytes already queued, the peer's recv answers 0; the peer gets FD_CLOSE. */
    private void sendFin() {
        if (peer.state == State.CLOSED) {
            return;
        }
        peer.inbound.finish();
        peer.events.post(FdEvents.FD_CLOSE, null);
        frame("FIN", 0);
    }

    /** The hard end: the peer's queue is emptied, its recv fails WSAECONNRESET, its FD_CLOSE carries the error. */
    private void sendReset() {
        if (peer.state == State.CLOSED) {
            return;
        }
        peer.inbound.reset();
        peer.pendingError = WsaError.WSAECONNRESET;
        peer.events.post(FdEvents.FD_CLOSE, WsaError.WSAECONNRESET);
        frame("RST", 0);
    }

    /** Tells the runtime's wire tap how the close went (no TIME_WAIT in this transport), then answers 0. */
    private WspResult<Void> reported(CloseOutcome outcome, CloseType type, long waitedNanos) {
        LOG.debug("closed {} -> {}: {} ({})", local, remote, outcome, type);
        WireTap tap = provider.context().wireTap();
        if (tap.enabled()) {
            tap.closed(new CloseRecord(SampleProviderFactory.NAME, local, remote, outcome, type, waitedNanos, false));
        }
        return WspResult.ok();
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
            if (option.equals(SocketOptions.SO_LINGER) && value instanceof Linger l) {
                linger = l;
            } else if (option.equals(SocketOptions.SO_DONTLINGER) && value instanceof Boolean dont) {
                linger = linger.withDontLinger(dont); // flips l_onoff only; l_linger comes back later
            } else if (option.equals(SocketOptions.SO_SNDBUF) && value instanceof Integer n) {
                if (n < 0) {
                    return WspResult.fail(WsaError.WSAEINVAL);
                }
                sendBuffer = n;
            } else if (option.equals(SocketOptions.SO_RCVBUF) && value instanceof Integer n) {
                if (n < 0) {
                    return WspResult.fail(WsaError.WSAEINVAL);
                }
                receiveBuffer = n;
            } else {
                return WspResult.fail(WsaError.WSAENOPROTOOPT); // unknown here, or read-only (SO_TYPE, SO_ERROR)
            }
            return WspResult.ok();
        });
    }

    /** WSPGetSockOpt: SO_DONTLINGER reads as !l_onoff; SO_TYPE, SO_ACCEPTCONN and SO_ERROR are read-only. */
    @Override
    public <T> WspResult<T> getSockOpt(SockOpt<T> option) {
        return locked(() -> {
            if (option == null) {
                return WspResult.fail(WsaError.WSAEFAULT);
            }
            Object value;
            if (option.equals(SocketOptions.SO_LINGER)) {
                value = linger;
            } else if (option.equals(SocketOptions.SO_DONTLINGER)) {
                value = !linger.onOff();
            } else if (option.equals(SocketOptions.SO_SNDBUF)) {
                value = sendBuffer;
            } else if (option.equals(SocketOptions.SO_RCVBUF)) {
                value = receiveBuffer;
            } else if (option.equals(SocketOptions.SO_TYPE)) {
                value = SocketType.SOCK_STREAM;
            } else if (option.equals(SocketOptions.SO_ACCEPTCONN)) {
                value = state == State.LISTENING;
            } else if (option.equals(SocketOptions.SO_ERROR)) {
                value = pendingError == null ? 0 : pendingError.code();
                pendingError = null; // reading SO_ERROR clears it
            } else {
                return WspResult.fail(WsaError.WSAENOPROTOOPT);
            }
            return WspResult.ok(cast(value));
        });
    }

    /** WSPIoctl: FIONBIO, FIONREAD and SIOCATMARK; any other code is WSAEINVAL. */
    @Override
    public <I, O> WspResult<O> ioctl(IoControl<I, O> code, I input, Overlapped overlapped) {
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
            complete(overlapped, null, 0); // every ioctl here completes at once
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
            events.select(event, networkEvents);
            if (networkEvents == 0) {
                return WspResult.ok();
            }
            nonBlocking = true;
            if (state == State.CONNECTED && inbound.readable()) {
                events.post(FdEvents.FD_READ, null);
            }
            if (readyToWrite()) {
                events.post(FdEvents.FD_WRITE, null);
            }
            if (!backlog.isEmpty()) {
                events.post(FdEvents.FD_ACCEPT, null);
            }
            if (inbound.finished() || inbound.isReset()) {
                events.post(FdEvents.FD_CLOSE, inbound.isReset() ? WsaError.WSAECONNRESET : null);
            }
            return WspResult.ok();
        });
    }

    /** WSPEnumNetworkEvents: what was recorded since the last call, then cleared. */
    @Override
    public WspResult<NetworkEvents> enumNetworkEvents(WspEvent eventToReset) {
        return locked(() -> WspResult.ok(events.enumerate(eventToReset)));
    }

    boolean isClosed() {
        return state == State.CLOSED;
    }

    /** select's read set: data, the end, or a reset to read; or a connection to accept. */
    boolean readyToRead() {
        return (state == State.CONNECTED && inbound.readable()) || (state == State.LISTENING && !backlog.isEmpty());
    }

    /** select's write set: a send would not block (it may fail at once, which is not blocking either). */
    boolean readyToWrite() {
        if (state != State.CONNECTED || sendShut) {
            return false;
        }
        return sendError() != null || peer.inbound.size() < Math.max(1, sendBuffer + peer.receiveBuffer);
    }

    // ---- locking and waiting

    /**
     * Runs one call under the provider's lock. A closed socket answers WSAENOTSOCK to every call (closesocket: "further
     * references to s fail"). After the call, pending overlapped operations of this connection make whatever progress
     * it allowed, and every waiter wakes to re-check.
     */
    private <T> WspResult<T> locked(Supplier<WspResult<T>> call) {
        provider.lock.lock();
        try {
            if (state == State.CLOSED) {
                return WspResult.fail(WsaError.WSAENOTSOCK);
            }
            WspResult<T> result = call.get();
            boolean moved;
            do {
                moved = serviceOverlapped();
                if (peer != null) {
                    moved |= peer.serviceOverlapped();
                }
            } while (moved);
            provider.signalChange();
            return result;
        } finally {
            provider.lock.unlock();
        }
    }

    /**
     * The one place a call blocks. Answers null to try again after a change; WSAEWOULDBLOCK for a nonblocking
     * socket; WSAEINTR when the socket was closed meanwhile (DESIGN: blocked callers return WSAEINTR) or the wait was
     * cancelled.
     */
    private WsaError block() {
        if (nonBlocking) {
            return WsaError.WSAEWOULDBLOCK;
        }
        if (!provider.awaitChange(Long.MAX_VALUE) || state == State.CLOSED) {
            return WsaError.WSAEINTR;
        }
        return null;
    }

    @Override
    public String toString() {
        return "SampleSocket[" + state + " " + local + " -> " + remote + "]";
    }
}
