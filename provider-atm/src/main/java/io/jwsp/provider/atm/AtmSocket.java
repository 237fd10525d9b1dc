package io.jwsp.provider.atm;

import io.jwsp.provider.atm.aal5.Aal5;
import io.jwsp.provider.atm.addr.AtmAddress;
import io.jwsp.provider.atm.addr.AtmSockAddr;
import io.jwsp.provider.atm.addr.SapField;
import io.jwsp.provider.atm.q2931.Cause;
import io.jwsp.provider.atm.sw.Sync;
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
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An AF_ATM SOCK_RAW socket over one SVC. Message oriented: one send is one AAL5 PDU, one recv reads one PDU.
 *
 * <p>Close follows the ATM notes of closesocket: RELEASE (cause 16, normal call clearing) goes on the signalling
 * path at once and may overtake cells still on their way, which are then lost; abortive and graceful closes send
 * the same RELEASE; the linger table applies to the adapter's local transmit queue; there is no half-close.
 */
final class AtmSocket implements WspSocket {
    private static final Logger LOG = LoggerFactory.getLogger(AtmSocket.class);

    private enum State { OPEN, LISTENING, CONNECTING, CONNECTED, CLOSED }

    private record PendingRecv(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
    }

    /** One try of a blocking operation: a result, or {@code null} for "not yet". */
    @FunctionalInterface
    private interface Attempt<T> {
        WspResult<T> attempt();
    }

    private final AtmProvider provider;
    private final ProtocolInfo info;
    private final Sync sync;
    private final NetworkEventRecorder events = new NetworkEventRecorder();

    private State state = State.OPEN;
    private AtmAdapter adapter;
    private AtmSockAddr local;
    private AtmSockAddr peer;
    private Call call;

    private AtmSockAddr sap;
    private int backlogLimit;
    private final ArrayDeque<AtmSocket> backlog = new ArrayDeque<>();

    private SocketSettings settings = new SocketSettings();
    private boolean nonBlocking;
    private WsaError pendingError;
    private boolean connectFailed;

    private final ArrayDeque<byte[]> received = new ArrayDeque<>();
    private long receivedBytes;
    private final ArrayDeque<PendingRecv> pendingRecvs = new ArrayDeque<>();
    private boolean sendShutdown;
    private boolean receiveShutdown;
    /** The VC is gone: by our RELEASE (close, shutdown) or the peer's. */
    private boolean released;
    private boolean releasedByPeer;
    private Cause releaseCause;
    private boolean wantWrite;
    private boolean closing;
    private boolean closed;

    AtmSocket(AtmProvider provider, ProtocolInfo info) {
        this.provider = provider;
        this.info = info;
        this.sync = provider.sync();
    }

    @Override
    public ProtocolInfo protocolInfo() {
        return info;
    }

    // ---- naming

    @Override
    public WspResult<Void> bind(SockAddr name) {
        sync.enter();
        try {
            if (closed) {
                return fail(WsaError.WSAENOTSOCK);
            }
            if (name == null) {
                return fail(WsaError.WSAEFAULT);
            }
            if (!(name instanceof AtmSockAddr a)) {
                return fail(WsaError.WSAEAFNOSUPPORT);
            }
            if (local != null || state != State.OPEN) {
                return fail(WsaError.WSAEINVAL);
            }
            AtmAdapter target = resolveAdapter(a.number());
            if (target == null) {
                return fail(a.number().type() == SapField.ABSENT ? WsaError.WSAEINVAL : WsaError.WSAEADDRNOTAVAIL);
            }
            if (a.number().isAesa() && a.number().selector() == 0) {
                // Selector 0 asks for a free one, as port 0 does for TCP; getsockname tells which.
                int free = provider.freeSelector(target);
                if (free < 0) {
                    return fail(WsaError.WSAEADDRINUSE);
                }
                a = new AtmSockAddr(a.number().withSelector(free), a.blli(), a.bhli());
            }
            if (provider.sapInUse(a, this)) {
                return fail(WsaError.WSAEADDRINUSE);
            }
            adapter = target;
            local = a;
            return WspResult.ok();
        } finally {
            sync.exit();
        }
    }

    private AtmAdapter resolveAdapter(AtmAddress number) {
        List<AtmAdapter> all = provider.adapters();
        if (all.isEmpty()) {
            return null;
        }
        return switch (number.type()) {
            case AtmAddress.AESA, AtmAddress.E164 -> provider.adapterFor(number);
            case SapField.ANY_AESA_SEL -> provider.adapterFor(AtmAddress.aesa(number.bytes()));
            case SapField.ANY, SapField.ANY_AESA_REST -> all.getFirst();
            default -> null;
        };
    }

    AtmSockAddr sap() {
        return sap;
    }

    /** The local name given at bind, or {@code null}. */
    AtmSockAddr boundName() {
        return local;
    }

    /** Whether this listener takes calls arriving on {@code a}: its own adapter, or any for a wildcard number. */
    boolean listensOn(AtmAdapter a) {
        int t = sap.number().type();
        return a == adapter || t == SapField.ANY || t == SapField.ANY_AESA_REST;
    }

    @Override
    public WspResult<SockAddr> getSockName() {
        sync.enter();
        try {
            if (closed) {
                return fail(WsaError.WSAENOTSOCK);
            }
            return local == null ? fail(WsaError.WSAEINVAL) : WspResult.ok(local);
        } finally {
            sync.exit();
        }
    }

    @Override
    public WspResult<SockAddr> getPeerName() {
        sync.enter();
        try {
            if (closed) {
                return fail(WsaError.WSAENOTSOCK);
            }
            return state != State.CONNECTED || peer == null ? fail(WsaError.WSAENOTCONN) : WspResult.ok(peer);
        } finally {
            sync.exit();
        }
    }

    // ---- listen and accept

    @Override
    public WspResult<Void> listen(int backlogSize) {
        sync.enter();
        try {
            if (closed) {
                return fail(WsaError.WSAENOTSOCK);
            }
            if (state == State.CONNECTED || state == State.CONNECTING) {
                return fail(WsaError.WSAEISCONN);
            }
            if (local == null) {
                return fail(WsaError.WSAEINVAL);
            }
            // Two listeners whose SAPs one SETUP could match both: the second is refused (WSAEADDRINUSE).
            if (provider.sapInUse(local, this)) {
                return fail(WsaError.WSAEADDRINUSE);
            }
            backlogLimit = Math.max(1, Math.min(backlogSize <= 0 ? 1 : backlogSize, 200));
            sap = local;
            state = State.LISTENING;
            provider.addListener(this);
            return WspResult.ok();
        } finally {
            sync.exit();
        }
    }

    boolean hasBacklogRoom() {
        return backlog.size() < backlogLimit;
    }

    /** A SETUP matched this listener: the call waits in the backlog, already answered (see the adapter). */
    void incomingCall(Call c, AtmSockAddr calledSap, AtmSockAddr caller) {
        AtmSocket child = new AtmSocket(provider, info);
        child.state = State.CONNECTED;
        child.adapter = c.adapter;
        child.call = c;
        child.local = calledSap;
        child.peer = caller;
        child.settings = settings.copy(); // accepted sockets inherit the listener's linger and buffers
        child.nonBlocking = nonBlocking;
        c.socket = child;
        provider.register(child);
        backlog.add(child);
        post(FdEvents.FD_ACCEPT, null);
        sync.signalAll();
    }

    @Override
    public WspResult<Accepted> accept(AcceptCondition condition) {
        sync.enter();
        try {
            if (closed) {
                return fail(WsaError.WSAENOTSOCK);
            }
            if (state != State.LISTENING) {
                return fail(WsaError.WSAEINVAL);
            }
            WspResult<Accepted> r = block(() -> backlog.isEmpty() ? null : takeFromBacklog(condition), 0);
            if (!backlog.isEmpty()) {
                post(FdEvents.FD_ACCEPT, null);
            }
            return r;
        } finally {
            sync.exit();
        }
    }

    private WspResult<Accepted> takeFromBacklog(AcceptCondition condition) {
        AtmSocket child = backlog.poll();
        if (condition != null) {
            int verdict = condition.decide(child.peer);
            if (verdict == AcceptCondition.CF_DEFER) {
                backlog.addFirst(child);
                return fail(WsaError.WSATRY_AGAIN);
            }
            if (verdict != AcceptCondition.CF_ACCEPT) {
                child.call.adapter.release(child.call, new Cause(Cause.LOCATION_USER, Cause.CALL_REJECTED));
                child.closed = true;
                child.state = State.CLOSED;
                provider.forget(child);
                return fail(WsaError.WSAECONNREFUSED);
            }
        }
        return WspResult.ok(new Accepted(child, child.peer));
    }

    // ---- connect

    @Override
    public WspResult<Void> connect(SockAddr name) {
        sync.enter();
        try {
            if (closed) {
                return fail(WsaError.WSAENOTSOCK);
            }
            if (name == null) {
                return fail(WsaError.WSAEFAULT);
            }
            if (!(name instanceof AtmSockAddr destination)) {
                return fail(WsaError.WSAEAFNOSUPPORT);
            }
            switch (state) {
                case LISTENING -> {
                    return fail(WsaError.WSAEINVAL);
                }
                case CONNECTED -> {
                    return fail(WsaError.WSAEISCONN);
                }
                case CONNECTING -> {
                    return fail(WsaError.WSAEALREADY);
                }
                default -> {
                }
            }
            // A destination names one SAP: wildcards belong to listeners only.
            if (!destination.isValidDestination()) {
                return fail(WsaError.WSAEINVAL);
            }
            if (adapter == null) {
                adapter = provider.adapters().getFirst();
                local = AtmSockAddr.of(adapter.address());
            }
            AtmSockAddr calling = local.number().isAesa() || local.number().type() == AtmAddress.E164
                    ? local : AtmSockAddr.of(adapter.address());
            peer = destination;
            connectFailed = false;
            state = State.CONNECTING;
            call = adapter.placeCall(this, calling, destination);
            if (isNonBlocking()) {
                return fail(WsaError.WSAEWOULDBLOCK);
            }
            WspResult<Void> r = block(() -> switch (state) {
                case CONNECTED -> WspResult.ok();
                case CONNECTING -> null;
                default -> fail(takePendingError(WsaError.WSAECONNREFUSED));
            }, 0);
            if (r.is(WsaError.WSAEINTR) && state == State.CONNECTING && !closing) {
                // The blocking connect was cancelled: the call is abandoned.
                adapter.release(call, Cause.NORMAL);
                state = State.OPEN;
                call = null;
            }
            return r;
        } finally {
            sync.exit();
        }
    }

    private WsaError takePendingError(WsaError fallback) {
        WsaError e = pendingError == null ? fallback : pendingError;
        pendingError = null;
        return e;
    }

    void callConnected() {
        if (state != State.CONNECTING) {
            return;
        }
        state = State.CONNECTED;
        post(FdEvents.FD_CONNECT, null);
        post(FdEvents.FD_WRITE, null);
        sync.signalAll();
    }

    void callFailed(WsaError error) {
        if (state != State.CONNECTING) {
            return;
        }
        LOG.debug("connect to {} failed: {}", peer, error);
        state = State.OPEN;
        call = null;
        peer = null;
        pendingError = error;
        connectFailed = true;
        post(FdEvents.FD_CONNECT, error);
        sync.signalAll();
    }

    // ---- data

    @Override
    public WspResult<Integer> send(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        sync.enter();
        try {
            WsaError refused = transferRefusal(buffers, flags);
            if (refused != null) {
                return fail(refused);
            }
            refused = sendRefusal();
            if (refused != null) {
                return completeNow(overlapped, fail(refused), 0);
            }
            long length = remaining(buffers);
            if (length > Aal5.MAX_SDU) {
                return completeNow(overlapped, fail(WsaError.WSAEMSGSIZE), 0);
            }
            if (length == 0) {
                return completeNow(overlapped, WspResult.ok(0), 0);
            }
            WspResult<Integer> r;
            if (overlapped != null) {
                // An overlapped send locks the application's buffer: it is queued whatever SO_SNDBUF says.
                r = WspResult.ok(enqueue(buffers, (int) length));
            } else {
                r = block(() -> {
                    WsaError e = sendRefusal();
                    if (e != null) {
                        return fail(e);
                    }
                    if (call.bytesQueued > 0 && call.bytesQueued + length > settings.sendBuffer) {
                        wantWrite = true;
                        return null;
                    }
                    return WspResult.ok(enqueue(buffers, (int) length));
                }, settings.sendTimeoutMillis);
            }
            return completeNow(overlapped, r, r.isOk() ? r.value() : 0);
        } finally {
            sync.exit();
        }
    }

    private WsaError sendRefusal() {
        if (state != State.CONNECTED) {
            return WsaError.WSAENOTCONN;
        }
        if (sendShutdown) {
            return WsaError.WSAESHUTDOWN;
        }
        if (released) {
            // The VC is gone both ways: nothing can be sent on it any more.
            return WsaError.WSAECONNRESET;
        }
        return null;
    }

    private int enqueue(ByteBuffer[] buffers, int length) {
        byte[] sdu = new byte[length];
        int p = 0;
        for (ByteBuffer b : buffers) {
            int n = b.remaining();
            b.get(sdu, p, n);
            p += n;
        }
        adapter.transmit(call, sdu);
        return length;
    }

    /** A PDU of ours left the adapter: room in the transmit queue. */
    void pduLeftAdapter() {
        if (closed) {
            return;
        }
        if (wantWrite && call != null && call.bytesQueued < settings.sendBuffer) {
            wantWrite = false;
            post(FdEvents.FD_WRITE, null);
        }
        sync.signalAll();
    }

    @Override
    public WspResult<Integer> recv(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        sync.enter();
        try {
            WsaError refused = transferRefusal(buffers, flags);
            if (refused != null) {
                return fail(refused);
            }
            if (state != State.CONNECTED) {
                return completeNow(overlapped, fail(WsaError.WSAENOTCONN), 0);
            }
            if (overlapped != null) {
                WspResult<Integer> now = tryReceive(buffers, flags, true);
                if (now != null) {
                    return completeNow(overlapped, now, now.isOk() ? now.value() : (int) bytesOf(now));
                }
                if (!overlapped.isPending()) {
                    overlapped.begin(Thread.currentThread());
                }
                pendingRecvs.add(new PendingRecv(buffers, flags, overlapped));
                return WspResult.pending();
            }
            boolean[] fresh = {true};
            return block(() -> {
                WspResult<Integer> r = tryReceive(buffers, flags, fresh[0]);
                fresh[0] = false;
                return r;
            }, settings.receiveTimeoutMillis);
        } finally {
            sync.exit();
        }
    }

    private int lastCopied;

    private long bytesOf(WspResult<Integer> r) {
        return r.is(WsaError.WSAEMSGSIZE) ? lastCopied : 0;
    }

    /**
     * One receive, or {@code null} when it would have to wait. {@code fresh}: the call's first try. A receive that
     * was already waiting when this socket shut down or released the VC itself keeps waiting: shutdown never ends a
     * blocked receive (only data, the peer's end, or closesocket do).
     */
    private WspResult<Integer> tryReceive(ByteBuffer[] buffers, int flags, boolean fresh) {
        if (receiveShutdown && fresh) {
            return fail(WsaError.WSAESHUTDOWN);
        }
        if (!received.isEmpty()) {
            boolean peek = (flags & MsgFlags.MSG_PEEK) != 0;
            byte[] pdu = peek ? received.peek() : received.poll();
            if (!peek) {
                receivedBytes -= pdu.length;
            }
            int copied = scatter(pdu, buffers);
            lastCopied = copied;
            if (!received.isEmpty()) {
                post(FdEvents.FD_READ, null);
            }
            // A PDU longer than the buffers: the buffers are filled and the rest of the PDU is lost.
            return copied < pdu.length ? fail(WsaError.WSAEMSGSIZE) : WspResult.ok(copied);
        }
        if (released && (fresh || releasedByPeer)) {
            return fail(endOfCallError());
        }
        return null;
    }

    /** What recv answers once the queued PDUs are read: WSAEDISCON after a normal RELEASE, else a reset. */
    private WsaError endOfCallError() {
        if (releasedByPeer && releaseCause != null && !releaseCause.isNormal()) {
            return WsaError.WSAECONNRESET;
        }
        return WsaError.WSAEDISCON;
    }

    private static int scatter(byte[] pdu, ByteBuffer[] buffers) {
        int p = 0;
        for (ByteBuffer b : buffers) {
            int n = Math.min(b.remaining(), pdu.length - p);
            b.put(pdu, p, n);
            p += n;
        }
        return p;
    }

    /** What became of a PDU handed to the socket. */
    enum Arrival { KEPT, RECEIVE_BUFFER_FULL, NOT_RECEIVING }

    /** A PDU was reassembled on this socket's VC. */
    Arrival pduArrived(byte[] sdu) {
        if (closed || (receiveShutdown && pendingRecvs.isEmpty())) {
            LOG.debug("a {}-byte PDU dropped: the socket is closed or shut down for receiving", sdu.length);
            return Arrival.NOT_RECEIVING;
        }
        PendingRecv p = pendingRecvs.poll();
        if (p != null) {
            int n = scatter(sdu, p.buffers());
            WsaError e = n < sdu.length ? WsaError.WSAEMSGSIZE : null;
            complete(p.overlapped(), e, n, e == null ? 0 : MsgFlags.MSG_PARTIAL);
            if (receiveShutdown && pendingRecvs.isEmpty()) {
                call.discardIncoming = true; // the last receive pending at SD_RECEIVE is done
            }
            sync.signalAll();
            return Arrival.KEPT;
        }
        if (receivedBytes + sdu.length > settings.receiveBuffer) {
            // AAL5 has no flow control: a PDU the receive buffer cannot hold is dropped.
            LOG.debug("receive buffer full: a {}-byte PDU dropped", sdu.length);
            return Arrival.RECEIVE_BUFFER_FULL;
        }
        received.add(sdu);
        receivedBytes += sdu.length;
        post(FdEvents.FD_READ, null);
        sync.signalAll();
        return Arrival.KEPT;
    }

    /** The peer (or the network) released the call. */
    void callReleased(Cause cause) {
        if (closed || released) {
            return;
        }
        released = true;
        releasedByPeer = true;
        releaseCause = cause;
        LOG.debug("call released by the peer with {}", cause);
        WsaError end = endOfCallError();
        while (!pendingRecvs.isEmpty()) {
            complete(pendingRecvs.poll().overlapped(), end, 0, 0);
        }
        post(FdEvents.FD_CLOSE, cause.isNormal() ? null : WsaError.WSAECONNRESET);
        sync.signalAll();
    }

    // ---- shutdown and disconnect

    @Override
    public WspResult<Void> shutdown(int how) {
        sync.enter();
        try {
            if (closed) {
                return fail(WsaError.WSAENOTSOCK);
            }
            if (!ShutdownHow.isValid(how)) {
                return fail(WsaError.WSAEINVAL);
            }
            if (state != State.CONNECTED) {
                return fail(WsaError.WSAENOTCONN);
            }
            if (ShutdownHow.stopsReceiving(how)) {
                stopReceiving();
            }
            if (ShutdownHow.stopsSending(how)) {
                // No half-close on ATM: SD_SEND releases the whole VC, the same RELEASE as closesocket.
                sendShutdown = true;
                releaseLocally(Cause.NORMAL);
            }
            return WspResult.ok();
        } finally {
            sync.exit();
        }
    }

    /**
     * SD_RECEIVE is local: no RELEASE, PDUs that arrive later are discarded, except that overlapped receives already
     * pending still complete with the PDUs that arrive (shutdown never ends a pending receive).
     */
    private void stopReceiving() {
        receiveShutdown = true;
        received.clear();
        receivedBytes = 0;
        if (call != null && pendingRecvs.isEmpty()) {
            call.discardIncoming = true;
        }
    }

    private void releaseLocally(Cause cause) {
        if (call != null && !released) {
            // Receives pending or blocked now keep waiting: nothing more can arrive on the VC, so closesocket (or
            // their SO_RCVTIMEO) ends them, as shutdown never ends a receive. New receives answer WSAEDISCON.
            released = true;
            adapter.release(call, cause);
            sync.signalAll();
        }
    }

    /** WSASendDisconnect: RELEASE with the Cause IE in {@code disconnectData} (2 octets), or cause 16. */
    @Override
    public WspResult<Void> sendDisconnect(ByteBuffer disconnectData) {
        sync.enter();
        try {
            if (closed) {
                return fail(WsaError.WSAENOTSOCK);
            }
            if (state != State.CONNECTED) {
                return fail(WsaError.WSAENOTCONN);
            }
            Cause cause = Cause.NORMAL;
            if (disconnectData != null && disconnectData.remaining() >= 2) {
                byte[] c = new byte[2];
                disconnectData.get(c);
                cause = Cause.decode(c);
            }
            sendShutdown = true;
            releaseLocally(cause);
            return WspResult.ok();
        } finally {
            sync.exit();
        }
    }

    /** WSARecvDisconnect: stops receiving and gives the peer's Cause IE (2 octets) once it released the call. */
    @Override
    public WspResult<Integer> recvDisconnect(ByteBuffer disconnectData) {
        sync.enter();
        try {
            if (closed) {
                return fail(WsaError.WSAENOTSOCK);
            }
            if (state != State.CONNECTED) {
                return fail(WsaError.WSAENOTCONN);
            }
            receiveShutdown = true;
            if (call != null) {
                call.discardIncoming = true;
            }
            if (!releasedByPeer || releaseCause == null || disconnectData == null) {
                return WspResult.ok(0);
            }
            byte[] c = releaseCause.encode();
            int n = Math.min(c.length, disconnectData.remaining());
            disconnectData.put(c, 0, n);
            return WspResult.ok(n);
        } finally {
            sync.exit();
        }
    }

    // ---- close

    @Override
    public WspResult<Void> closeSocket() {
        sync.enter();
        try {
            if (closed) {
                return fail(WsaError.WSAENOTSOCK);
            }
            long start = provider.time().nanoTime();
            boolean liveCall = state == State.CONNECTED && call != null && !released;
            boolean dataQueued = state == State.CONNECTED && call != null && call.cellsQueued > 0;
            CloseOutcome outcome = CloseTable.decide(settings.linger, isNonBlocking(), dataQueued, sendShutdown);
            if (outcome == CloseOutcome.WOULD_BLOCK) {
                return refuseToBlock();
            }
            beginClose();
            CloseType type;
            if (state == State.LISTENING) {
                closeListener();
                type = CloseType.NO_CONNECTION;
            } else if (state == State.CONNECTING) {
                adapter.release(call, Cause.NORMAL);
                type = CloseType.NO_CONNECTION;
            } else if (!liveCall && !dataQueued) {
                type = state == State.CONNECTED && sendShutdown ? CloseType.GRACEFUL : CloseType.NO_CONNECTION;
            } else {
                type = switch (outcome) {
                    case GRACEFUL_IN_BACKGROUND -> closeGracefullyInBackground();
                    case ABORTIVE -> closeAbortively();
                    case GRACEFUL_NOW -> closeGracefullyNow();
                    case LINGER_WAIT -> closeAfterLingering();
                    case WOULD_BLOCK -> throw new IllegalStateException("handled above");
                };
            }
            finishClose(outcome, type, provider.time().nanoTime() - start);
            return WspResult.ok();
        } finally {
            sync.exit();
        }
    }

    /** Row l_onoff = 0: RELEASE now; what is in the local transmit queue keeps flowing behind it. */
    private CloseType closeGracefullyInBackground() {
        releaseLocally(Cause.NORMAL);
        return CloseType.GRACEFUL;
    }

    /** Row linger(1,0): the local transmit queue is dropped; the RELEASE is the very same message. */
    private CloseType closeAbortively() {
        adapter.purge(call);
        releaseLocally(Cause.NORMAL);
        return CloseType.HARD;
    }

    /** Row linger(1,N), nothing queued: RELEASE now. */
    private CloseType closeGracefullyNow() {
        releaseLocally(Cause.NORMAL);
        return CloseType.GRACEFUL;
    }

    /**
     * Row linger(1,N), blocking, data queued: wait until the local transmit queue has left the adapter or N
     * seconds pass (then drop what is left); RELEASE either way. Delivery can never be confirmed on AAL5.
     */
    private CloseType closeAfterLingering() {
        long deadline = provider.time().nanoTime() + settings.linger.seconds() * 1_000_000_000L;
        boolean interrupted = false;
        while (call.cellsQueued > 0) {
            long left = deadline - provider.time().nanoTime();
            if (left <= 0) {
                break;
            }
            if (sync.hasDeferred()) {
                sync.flush();
                continue;
            }
            try {
                provider.time().awaitNanos(sync.lock(), sync.changed(), left);
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (call.cellsQueued > 0) {
            adapter.purge(call);
            releaseLocally(Cause.NORMAL);
            return CloseType.HARD_AFTER_LINGER_TIMEOUT;
        }
        releaseLocally(Cause.NORMAL);
        return CloseType.GRACEFUL;
    }

    /** Row linger(1,N), nonblocking, data queued: WSAEWOULDBLOCK, nothing initiated, the socket untouched. */
    private WspResult<Void> refuseToBlock() {
        return fail(WsaError.WSAEWOULDBLOCK);
    }

    private void closeListener() {
        provider.removeListener(this);
        for (AtmSocket child : backlog) {
            child.call.adapter.release(child.call, Cause.NORMAL);
            child.closed = true;
            child.state = State.CLOSED;
            provider.forget(child);
        }
        backlog.clear();
    }

    /** Blocked callers return WSAEINTR, overlapped ones WSA_OPERATION_ABORTED; no event reaches us any more. */
    private void beginClose() {
        closing = true;
        events.closeLocally();
        while (!pendingRecvs.isEmpty()) {
            complete(pendingRecvs.poll().overlapped(), WsaError.WSA_OPERATION_ABORTED, 0, 0);
        }
        sync.signalAll();
    }

    private void finishClose(CloseOutcome outcome, CloseType type, long waited) {
        closed = true;
        state = State.CLOSED;
        received.clear();
        provider.forget(this);
        if (provider.tap().enabled()) {
            CloseRecord rec = new CloseRecord("atm", local, peer, outcome, type, waited, false);
            sync.defer(() -> provider.tap().closed(rec));
        }
    }

    /** The last cleanup closes every socket: RELEASE for live calls, queued data still flows. */
    void closeAtCleanup() {
        sync.run(() -> {
            if (closed) {
                return;
            }
            beginClose();
            if (state == State.LISTENING) {
                closeListener();
            } else if (call != null && (state == State.CONNECTING || !released)) {
                releaseLocally(Cause.NORMAL);
                adapter.release(call, Cause.NORMAL);
            }
            finishClose(CloseOutcome.GRACEFUL_IN_BACKGROUND, CloseType.GRACEFUL, 0);
        });
    }

    // ---- options and ioctls

    @Override
    public <T> WspResult<Void> setSockOpt(SockOpt<T> option, T value) {
        sync.enter();
        try {
            if (closed) {
                return fail(WsaError.WSAENOTSOCK);
            }
            if (option == null) {
                return fail(WsaError.WSAENOPROTOOPT);
            }
            if (value == null) {
                return SocketSettings.isSettable(option) ? fail(WsaError.WSAEFAULT) : fail(WsaError.WSAENOPROTOOPT);
            }
            WsaError e = settings.set(option, value);
            if (e != null) {
                return fail(e);
            }
            sync.signalAll(); // a larger SO_SNDBUF may let a blocked send go on
            return WspResult.ok();
        } finally {
            sync.exit();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> WspResult<T> getSockOpt(SockOpt<T> option) {
        sync.enter();
        try {
            if (closed) {
                return fail(WsaError.WSAENOTSOCK);
            }
            if (option == null) {
                return fail(WsaError.WSAENOPROTOOPT);
            }
            Object v;
            Optional<Object> settable = settings.get(option);
            if (settable.isPresent()) {
                v = settable.get();
            } else if (option.equals(SocketOptions.SO_TYPE)) {
                v = SocketType.SOCK_RAW;
            } else if (option.equals(SocketOptions.SO_ACCEPTCONN)) {
                v = state == State.LISTENING;
            } else if (option.equals(SocketOptions.SO_MAX_MSG_SIZE)) {
                v = Aal5.MAX_SDU;
            } else if (option.equals(SocketOptions.SO_ERROR)) {
                v = pendingError == null ? 0 : pendingError.code();
                pendingError = null;
            } else if (option.equals(SocketOptions.SO_PROTOCOL_INFO)) {
                v = info;
            } else {
                // SO_KEEPALIVE among them: ATM has no keep-alive (closesocket's ATM notes; ws2atm).
                return fail(WsaError.WSAENOPROTOOPT);
            }
            return WspResult.ok((T) v);
        } finally {
            sync.exit();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <I, O> WspResult<O> ioctl(IoControl<I, O> code, I input, Overlapped overlapped) {
        WspResult<O> r;
        sync.enter();
        try {
            if (closed) {
                return fail(WsaError.WSAENOTSOCK);
            }
            if (code == null) {
                return fail(WsaError.WSAEINVAL);
            }
            r = (WspResult<O>) ioctlNow(code.code(), input);
        } finally {
            sync.exit();
        }
        if (overlapped != null && r.isOk()) {
            if (!overlapped.isPending()) {
                overlapped.begin(Thread.currentThread());
            }
            provider.upcalls().completeOverlapped(overlapped, r.error(), 0, 0, null);
        }
        return r;
    }

    private WspResult<?> ioctlNow(int code, Object input) {
        if (code == IoControls.FIONBIO.code()) {
            if (!(input instanceof Boolean on)) {
                return fail(WsaError.WSAEFAULT);
            }
            if (!on && events.isActive()) {
                return fail(WsaError.WSAEINVAL);
            }
            nonBlocking = on;
            return WspResult.ok();
        }
        if (code == IoControls.FIONREAD.code()) {
            return WspResult.ok(received.isEmpty() ? 0 : received.peek().length);
        }
        if (code == IoControls.SIOCATMARK.code()) {
            return WspResult.ok(Boolean.TRUE); // no OOB data on ATM
        }
        if (code == AtmIoControls.SIO_GET_NUMBER_OF_ATM_DEVICES.code()) {
            return WspResult.ok(provider.adapters().size());
        }
        if (code == AtmIoControls.SIO_GET_ATM_ADDRESS.code()) {
            if (!(input instanceof Integer index)) {
                return fail(WsaError.WSAEFAULT);
            }
            if (index < 0 || index >= provider.adapters().size()) {
                return fail(WsaError.WSAEINVAL);
            }
            return WspResult.ok(provider.adapters().get(index).address());
        }
        if (code == AtmIoControls.SIO_GET_ATM_CONNECTION_ID.code()) {
            if (state != State.CONNECTED || call == null || call.vci < 0) {
                return fail(WsaError.WSAENOTCONN);
            }
            return WspResult.ok(new AtmConnectionId(adapter.device, 0, call.vci));
        }
        return fail(WsaError.WSAEOPNOTSUPP);
    }

    // ---- event select and select

    @Override
    public WspResult<Void> eventSelect(WspEvent event, int networkEvents) {
        sync.enter();
        try {
            if (closed) {
                return fail(WsaError.WSAENOTSOCK);
            }
            if (networkEvents != 0 && event == null) {
                return fail(WsaError.WSAEINVAL);
            }
            events.select(event, networkEvents);
            if (networkEvents != 0) {
                nonBlocking = true;
                // Conditions already true are recorded at once, as WSAEventSelect does.
                if (!received.isEmpty()) {
                    post(FdEvents.FD_READ, null);
                }
                if (state == State.CONNECTED && writableNow()) {
                    post(FdEvents.FD_WRITE, null);
                }
                if (state == State.LISTENING && !backlog.isEmpty()) {
                    post(FdEvents.FD_ACCEPT, null);
                }
                if (releasedByPeer) {
                    post(FdEvents.FD_CLOSE, releaseCause.isNormal() ? null : WsaError.WSAECONNRESET);
                }
            }
            return WspResult.ok();
        } finally {
            sync.exit();
        }
    }

    @Override
    public WspResult<NetworkEvents> enumNetworkEvents(WspEvent eventToReset) {
        sync.enter();
        try {
            if (closed) {
                return fail(WsaError.WSAENOTSOCK);
            }
        } finally {
            sync.exit();
        }
        return WspResult.ok(events.enumerate(eventToReset));
    }

    private boolean writableNow() {
        return call != null && !released && !sendShutdown && call.bytesQueued < settings.sendBuffer;
    }

    boolean readable() {
        if (state == State.LISTENING) {
            return !backlog.isEmpty();
        }
        return state == State.CONNECTED && (!received.isEmpty() || released || receiveShutdown);
    }

    boolean writable() {
        return state == State.CONNECTED && (writableNow() || released || sendShutdown);
    }

    boolean exceptional() {
        return connectFailed && state == State.OPEN;
    }

    boolean isClosing() {
        return closing || closed;
    }

    boolean isClosed() {
        return closed;
    }

    boolean isNonBlocking() {
        return nonBlocking || events.isActive();
    }

    // ---- helpers

    /**
     * Runs {@code a} until it answers, parking on the provider's clock in between; WSAEWOULDBLOCK on a nonblocking
     * socket, WSAEINTR when the socket is closed or the call cancelled, WSAETIMEDOUT after {@code timeoutMillis}
     * (0: no limit). The caller holds the lock.
     */
    private <T> WspResult<T> block(Attempt<T> a, int timeoutMillis) {
        WspResult<T> r = a.attempt();
        if (r != null) {
            return r;
        }
        if (isNonBlocking()) {
            return fail(WsaError.WSAEWOULDBLOCK);
        }
        long deadline = timeoutMillis > 0 ? provider.time().nanoTime() + timeoutMillis * 1_000_000L : Long.MAX_VALUE;
        provider.enterBlocking(this);
        try {
            while (true) {
                if (closing || closed || provider.cancelledNow()) {
                    return fail(WsaError.WSAEINTR);
                }
                r = a.attempt();
                if (r != null) {
                    return r;
                }
                long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - provider.time().nanoTime();
                if (left <= 0) {
                    return fail(WsaError.WSAETIMEDOUT);
                }
                if (sync.hasDeferred()) {
                    sync.flush();
                    continue;
                }
                try {
                    provider.time().awaitNanos(sync.lock(), sync.changed(), left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return fail(WsaError.WSAEINTR);
                }
            }
        } finally {
            provider.leaveBlocking();
        }
    }

    private void post(int fdBit, WsaError error) {
        sync.defer(() -> events.post(fdBit, error));
    }

    private void complete(Overlapped ov, WsaError error, int bytes, int flags) {
        SockAddr from = peer;
        sync.defer(() -> provider.upcalls().completeOverlapped(ov, error, bytes, flags, from));
    }

    /**
     * An overlapped call that finished at once still performs its completion action; one that failed at once was
     * never initiated and gets none (WSARecv/WSASend: "no completion indication will occur"). A truncated message
     * did transfer data: it completes, with WSAEMSGSIZE and MSG_PARTIAL.
     */
    private WspResult<Integer> completeNow(Overlapped ov, WspResult<Integer> r, int bytes) {
        if (ov != null && (r.isOk() || r.is(WsaError.WSAEMSGSIZE))) {
            if (!ov.isPending()) {
                ov.begin(Thread.currentThread());
            }
            complete(ov, r.error(), bytes, r.is(WsaError.WSAEMSGSIZE) ? MsgFlags.MSG_PARTIAL : 0);
        }
        return r;
    }

    /** What send and recv check first: WSAENOTSOCK when closed, WSAEFAULT for a missing buffer, no MSG_OOB. */
    private WsaError transferRefusal(ByteBuffer[] buffers, int flags) {
        if (closed) {
            return WsaError.WSAENOTSOCK;
        }
        if (!valid(buffers)) {
            return WsaError.WSAEFAULT;
        }
        return (flags & MsgFlags.MSG_OOB) != 0 ? WsaError.WSAEOPNOTSUPP : null;
    }

    private static boolean valid(ByteBuffer[] buffers) {
        if (buffers == null) {
            return false;
        }
        for (ByteBuffer b : buffers) {
            if (b == null) {
                return false;
            }
        }
        return true;
    }

    private static long remaining(ByteBuffer[] buffers) {
        long n = 0;
        for (ByteBuffer b : buffers) {
            n += b.remaining();
        }
        return n;
    }

    private static <T> WspResult<T> fail(WsaError e) {
        return WspResult.fail(e);
    }

    @Override
    public String toString() {
        return "AtmSocket[" + state + ", local=" + local + ", peer=" + peer + "]";
    }

}
