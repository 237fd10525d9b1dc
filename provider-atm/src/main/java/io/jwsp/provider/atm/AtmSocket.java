package io.jwsp.provider.atm;

import io.jwsp.spi.kit.KitSocket;
import io.jwsp.provider.atm.aal5.Aal5;
import io.jwsp.provider.atm.addr.AtmAddress;
import io.jwsp.provider.atm.addr.AtmSockAddr;
import io.jwsp.provider.atm.addr.SapField;
import io.jwsp.provider.atm.q2931.Cause;
import io.jwsp.provider.atm.sw.Sync;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.DuplicateInfo;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.AcceptCondition;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.io.MsgFlags;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.kit.EventConditions;
import io.jwsp.spi.kit.NetworkEventRecorder;
import io.jwsp.spi.kit.SocketCore;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.kit.pending.PendingTransfer;
import io.jwsp.spi.kit.state.SocketState;
import io.jwsp.spi.option.IoControl;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An AF_ATM SOCK_RAW socket over one SVC. Message oriented: one send is one AAL5 PDU, one recv reads one PDU. Its
 * state, blocking calls, pending receives, events and close sequence come from the socket kit ({@link SocketCore});
 * what is left here is ATM's own: Q.2931 calls through the adapter, AAL5 PDUs and the receive-buffer drop, no
 * half-close (SD_SEND releases the VC), WSAEDISCON after a normal RELEASE.
 *
 * <p>Close follows the ATM notes of closesocket: RELEASE (cause 16, normal call clearing) goes on the signalling
 * path at once and may overtake cells still on their way, which are then lost; abortive and graceful closes send
 * the same RELEASE; the linger table applies to the adapter's local transmit queue.
 */
final class AtmSocket implements KitSocket, VcEndpoint, CallAcceptor {
    private static final Logger LOG = LoggerFactory.getLogger(AtmSocket.class);

    private final AtmProvider provider;
    private final ProtocolInfo info;
    private final Sync sync;
    // the kit's part (state, blocking calls, pending receives, events, close sequence) and ATM's parts beside it
    private final SocketCore core;
    private final NetworkEventRecorder events;
    private final AfterUnlock afterUnlock;
    private final AtmVc vc = new AtmVc();
    private final AtmReceiver receiver;
    private final Backlog backlog = new Backlog();
    private final AtmShutdown shutdowns;
    private final AtmCloseRows rows;

    // guarded by the provider's lock (sync), as the core and the parts above are
    private AtmSockAddr local;
    private AtmSockAddr peer;
    private AtmSockAddr sap;
    private SocketSettings settings = new SocketSettings();
    private boolean nonBlocking;
    private WsaError pendingError;
    private boolean connectFailed;

    AtmSocket(AtmProvider provider, ProtocolInfo info) {
        this.provider = provider;
        this.info = info;
        this.sync = provider.sync();
        this.core = new SocketCore(provider.services(), provider.syncLock(), sync.changed());
        this.events = core.events();
        this.afterUnlock = new AfterUnlock(sync, core);
        this.receiver = new AtmReceiver(core, vc, afterUnlock);
        this.shutdowns = new AtmShutdown(sync, core, vc, receiver);
        this.rows = new AtmCloseRows(this, core, vc);
    }

    /**
     * The socket WSASocket(FROM_PROTOCOL_INFO) makes of a VC another process handed over: connected on
     * {@code call}, with the names and options the source had.
     */
    static AtmSocket adopted(AtmProvider provider, ProtocolInfo info, AtmAdapter adapter, Call call,
                             SocketSnapshot snapshot) {
        AtmSocket s = new AtmSocket(provider, info);
        s.core.status().moveTo(SocketState.CONNECTED);
        s.vc.adapter(adapter);
        s.vc.call(call);
        s.local = snapshot.local();
        s.peer = snapshot.peer();
        s.settings = snapshot.settings().copy();
        provider.register(s);
        return s;
    }

    @Override
    public ProtocolInfo protocolInfo() {
        return info;
    }

    /**
     * WSADuplicateSocket into another process ({@link HandOverSource}): the VC moves to the target's port and this
     * handle keeps only its close (which then sends nothing) and its options; send and recv answer WSAESHUTDOWN.
     * Only a connected socket with a live call crosses (else WSAEINVAL, as for tcp).
     */
    @Override
    public WspResult<DuplicateInfo> duplicateSocket(long processId) {
        return sync.call(() -> {
            WsaError e = core.status().ensureOpen();
            if (e != null) {
                return fail(e);
            }
            Call call = vc.call();
            if (processId <= 0 || !core.status().is(SocketState.CONNECTED) || vc.released() || vc.handedOver() || call == null
                    || call.state != CallState.ACTIVE || call.handOver != HandOverStep.NONE
                    || core.status().sendShut() || core.status().receiveShut()) {
                return fail(WsaError.WSAEINVAL);
            }
            return HandOverSource.run(provider, vc, receiver, info, SocketSnapshot.of(local, peer, settings),
                    processId);
        });
    }

    // ---- naming

    @Override
    public WspResult<Void> bind(SockAddr name) {
        return sync.call(() -> {
            WsaError e = core.status().ensureOpen();
            if (e != null || name == null) {
                return fail(e != null ? e : WsaError.WSAEFAULT);
            }
            if (!(name instanceof AtmSockAddr a)) {
                return fail(WsaError.WSAEAFNOSUPPORT);
            }
            if (local != null || !core.status().is(SocketState.OPEN)) {
                return fail(WsaError.WSAEINVAL);
            }
            WspResult<SapBinding> bound = SapBinding.of(provider, a, this);
            if (!bound.isOk()) {
                return fail(bound.error());
            }
            vc.adapter(bound.value().adapter());
            local = bound.value().name();
            core.status().moveTo(SocketState.BOUND);
            return WspResult.ok();
        });
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
        return a == vc.adapter() || t == SapField.ANY || t == SapField.ANY_AESA_REST;
    }

    @Override
    public WspResult<SockAddr> getSockName() {
        return sync.call(() -> {
            WsaError e = core.status().ensureOpen();
            return e != null ? fail(e) : local == null ? fail(WsaError.WSAEINVAL) : WspResult.ok(local);
        });
    }

    @Override
    public WspResult<SockAddr> getPeerName() {
        return sync.call(() -> {
            WsaError e = core.status().ensureConnected();
            return e != null ? fail(e) : peer == null ? fail(WsaError.WSAENOTCONN) : WspResult.ok(peer);
        });
    }

    // ---- listen and accept

    @Override
    public WspResult<Void> listen(int backlogSize) {
        return sync.call(() -> {
            WsaError e = core.status().ensureOpen();
            if (e != null) {
                return fail(e);
            }
            if (core.status().is(SocketState.CONNECTED) || core.status().is(SocketState.CONNECTING)) {
                return fail(WsaError.WSAEISCONN);
            }
            if (local == null) {
                return fail(WsaError.WSAEINVAL);
            }
            // Two listeners whose SAPs one SETUP could match both: the second is refused (WSAEADDRINUSE).
            if (provider.sapInUse(local, this)) {
                return fail(WsaError.WSAEADDRINUSE);
            }
            backlog.limit(backlogSize);
            sap = local;
            core.status().moveTo(SocketState.LISTENING);
            provider.addListener(this);
            return WspResult.ok();
        });
    }

    @Override
    public boolean hasBacklogRoom() {
        return backlog.hasRoom();
    }

    @Override
    public void incomingCall(Call c, AtmSockAddr calledSap, AtmSockAddr caller) {
        AtmSocket child = new AtmSocket(provider, info);
        child.core.status().moveTo(SocketState.CONNECTED);
        child.vc.adapter(c.adapter);
        child.vc.call(c);
        child.local = calledSap;
        child.peer = caller;
        child.settings = settings.copy(); // accepted sockets inherit the listener's linger and buffers
        child.nonBlocking = nonBlocking;
        c.endpoint = child;
        provider.register(child);
        backlog.add(child);
        afterUnlock.post(FdEvents.FD_ACCEPT, null);
        sync.signalAll();
    }

    @Override
    public WspResult<Accepted> accept(AcceptCondition condition) {
        DeferredCompletions done = new DeferredCompletions();
        WspResult<Accepted> r = sync.call(() -> {
            WsaError e = core.status().ensureOpen();
            if (e != null) {
                return fail(e);
            }
            if (!core.status().is(SocketState.LISTENING)) {
                return fail(WsaError.WSAEINVAL);
            }
            WspResult<Accepted> taken = core.block(isNonBlocking(), 0,
                    () -> backlog.isEmpty() ? null : backlog.take(condition, done));
            if (!backlog.isEmpty()) {
                afterUnlock.post(FdEvents.FD_ACCEPT, null); // re-enabled: calls still wait
            }
            return taken;
        });
        core.fire(done);
        return r;
    }

    // ---- connect

    @Override
    public WspResult<Void> connect(SockAddr name) {
        return sync.call(() -> {
            WsaError e = core.status().ensureOpen();
            if (e != null || name == null) {
                return fail(e != null ? e : WsaError.WSAEFAULT);
            }
            if (!(name instanceof AtmSockAddr destination)) {
                return fail(WsaError.WSAEAFNOSUPPORT);
            }
            WsaError busy = switch (core.status().state()) {
                case LISTENING -> WsaError.WSAEINVAL;
                case CONNECTED -> WsaError.WSAEISCONN;
                case CONNECTING -> WsaError.WSAEALREADY;
                default -> destination.isValidDestination() ? null : WsaError.WSAEINVAL; // wildcards: listeners only
            };
            if (busy != null) {
                return fail(busy);
            }
            if (vc.adapter() == null) {
                vc.adapter(provider.adapters().getFirst());
                local = AtmSockAddr.of(vc.adapter().address());
            }
            AtmSockAddr calling = local.number().isAesa() || local.number().type() == AtmAddress.E164
                    ? local : AtmSockAddr.of(vc.adapter().address());
            peer = destination;
            connectFailed = false;
            core.status().moveTo(SocketState.CONNECTING);
            vc.call(vc.adapter().placeCall(this, calling, destination));
            if (isNonBlocking()) {
                return fail(WsaError.WSAEWOULDBLOCK);
            }
            WspResult<Void> r = core.block(false, 0, () -> switch (core.status().state()) {
                case CONNECTED -> WspResult.ok();
                case CONNECTING -> null;
                default -> fail(takePendingError(WsaError.WSAECONNREFUSED));
            });
            if (r.is(WsaError.WSAEINTR) && core.status().is(SocketState.CONNECTING)) {
                // The blocking connect was cancelled: the call is abandoned.
                vc.adapter().release(vc.call(), Cause.NORMAL);
                core.status().moveTo(SocketState.BOUND);
                vc.call(null);
            }
            return r;
        });
    }

    private WsaError takePendingError(WsaError fallback) {
        WsaError e = pendingError == null ? fallback : pendingError;
        pendingError = null;
        return e;
    }

    @Override
    public void callConnected() {
        if (!core.status().is(SocketState.CONNECTING)) {
            return;
        }
        core.status().moveTo(SocketState.CONNECTED);
        afterUnlock.post(FdEvents.FD_CONNECT, null);
        afterUnlock.post(FdEvents.FD_WRITE, null);
        sync.signalAll();
    }

    @Override
    public void callFailed(WsaError error) {
        if (!core.status().is(SocketState.CONNECTING)) {
            return;
        }
        LOG.debug("connect to {} failed: {}", peer, error);
        core.status().moveTo(SocketState.BOUND);
        vc.call(null);
        peer = null;
        pendingError = error;
        connectFailed = true;
        afterUnlock.post(FdEvents.FD_CONNECT, error);
        sync.signalAll();
    }

    // ---- data

    @Override
    public WspResult<Integer> send(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        DeferredCompletions done = new DeferredCompletions();
        WspResult<Integer> r = sync.call(() -> {
            WsaError refused = transferRefusal(buffers, flags);
            if (refused != null) {
                return fail(refused);
            }
            refused = sendRefusal();
            long length = Transfers.remaining(buffers);
            if (refused == null && length > Aal5.MAX_SDU) {
                refused = WsaError.WSAEMSGSIZE;
            }
            if (refused != null || length == 0) {
                WspResult<Integer> now = refused != null ? fail(refused) : WspResult.ok(0);
                return Transfers.completeNow(overlapped, now, 0, peer, done);
            }
            WspResult<Integer> sent;
            if (overlapped != null) {
                // An overlapped send locks the application's buffer: it is queued whatever SO_SNDBUF says.
                sent = WspResult.ok(vc.transmit(buffers, (int) length));
            } else {
                sent = core.block(isNonBlocking(), nanos(settings.sendTimeoutMillis), () -> {
                    WsaError e = sendRefusal();
                    if (e != null) {
                        return fail(e);
                    }
                    return vc.mustWait(length, settings.sendBuffer) ? null
                            : WspResult.ok(vc.transmit(buffers, (int) length));
                });
            }
            return Transfers.completeNow(overlapped, sent, sent.isOk() ? sent.value() : 0, peer, done);
        });
        core.fire(done);
        return r;
    }

    private WsaError sendRefusal() {
        if (!core.status().is(SocketState.CONNECTED)) {
            return WsaError.WSAENOTCONN;
        }
        if (vc.handedOver()) {
            return WsaError.WSAESHUTDOWN; // the VC is another process's now
        }
        if (core.status().sendShut()) {
            return WsaError.WSAESHUTDOWN;
        }
        // The VC is gone both ways: nothing can be sent on it any more.
        return vc.released() ? WsaError.WSAECONNRESET : null;
    }

    @Override
    public void pduLeftAdapter() {
        if (core.status().isClosing()) {
            return;
        }
        if (vc.roomReturned(settings.sendBuffer)) {
            afterUnlock.post(FdEvents.FD_WRITE, null);
        }
        sync.signalAll();
    }

    @Override
    public WspResult<Integer> recv(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        DeferredCompletions done = new DeferredCompletions();
        WspResult<Integer> r = sync.call(() -> {
            WsaError refused = transferRefusal(buffers, flags);
            if (refused != null) {
                return fail(refused);
            }
            if (!core.status().is(SocketState.CONNECTED)) {
                return Transfers.completeNow(overlapped, fail(WsaError.WSAENOTCONN), 0, peer, done);
            }
            if (overlapped != null) {
                int[] copied = {0};
                WspResult<Integer> now = receiver.tryReceive(buffers, flags, true, copied);
                if (now != null) {
                    return Transfers.completeNow(overlapped, now, copied[0], peer, done);
                }
                if (!overlapped.isPending()) {
                    overlapped.begin(Thread.currentThread());
                }
                core.receives().add(new PendingTransfer(overlapped, buffers, flags, 0));
                return WspResult.pending();
            }
            boolean[] fresh = {true};
            return core.block(isNonBlocking(), nanos(settings.receiveTimeoutMillis), () -> {
                WspResult<Integer> got = receiver.tryReceive(buffers, flags, fresh[0], new int[1]);
                fresh[0] = false;
                return got;
            });
        });
        core.fire(done);
        return r;
    }

    @Override
    public Arrival pduArrived(byte[] sdu) {
        return receiver.pduArrived(sdu, settings.receiveBuffer, peer);
    }

    @Override
    public void callReleased(Cause cause) {
        if (core.status().isClosing() || !vc.releasedBy(cause)) {
            return;
        }
        LOG.debug("call released by the peer with {}", cause);
        receiver.peerReleased();
        afterUnlock.post(FdEvents.FD_CLOSE, cause.isNormal() ? null : WsaError.WSAECONNRESET);
        sync.signalAll();
    }

    // ---- shutdown and disconnect (AtmShutdown)

    @Override
    public WspResult<Void> shutdown(int how) {
        return shutdowns.shutdown(how);
    }

    @Override
    public WspResult<Void> sendDisconnect(ByteBuffer disconnectData) {
        return shutdowns.sendDisconnect(disconnectData);
    }

    @Override
    public WspResult<Integer> recvDisconnect(ByteBuffer disconnectData) {
        return shutdowns.recvDisconnect(disconnectData);
    }

    // ---- close: the kit's sequence, ATM's rows (AtmCloseRows)

    /** WSPCancelIo / CancelIoEx: the kit's pending queues hold this socket's overlapped operations. */
    @Override
    public WspResult<Void> cancelIo(Overlapped overlapped) {
        return core.cancelIo(overlapped);
    }

    @Override
    public WspResult<Void> closeSocket() {
        return core.close(rows);
    }

    /** The accept condition refused this call: cause 21 (call rejected), then the cleanup close. */
    void reject(DeferredCompletions done) {
        shutdowns.releaseCall(new Cause(Cause.LOCATION_USER, Cause.CALL_REJECTED));
        release(done);
    }

    /** The cleanup close (WSPCleanup, a listener's unaccepted calls, a call the accept condition refused). */
    void release(DeferredCompletions done) {
        sync.run(() -> rows.release(done));
    }

    /** The socket's part of the close's first duties: frees the SAP, clears the backlog, drops unread PDUs. */
    void stopMedium(SocketState stateAtClose, DeferredCompletions done) {
        receiver.clear();
        provider.forget(this);
        if (stateAtClose == SocketState.LISTENING) {
            backlog.releaseAll(done);
        }
    }

    SocketSettings settings() {
        return settings;
    }

    AtmSockAddr peerName() {
        return peer;
    }

    // ---- options and ioctls

    @Override
    public <T> WspResult<Void> setSockOpt(SockOpt<T> option, T value) {
        return sync.call(() -> {
            WsaError e = core.status().ensureOpen();
            if (e == null) {
                e = AtmControls.set(settings, option, value);
            }
            if (e != null) {
                return fail(e);
            }
            sync.signalAll(); // a larger SO_SNDBUF may let a blocked send go on
            return WspResult.ok();
        });
    }

    @Override
    public <T> WspResult<T> getSockOpt(SockOpt<T> option) {
        return sync.call(() -> {
            WsaError e = core.status().ensureOpen();
            if (e != null) {
                return fail(e);
            }
            WspResult<T> r = AtmControls.get(option, settings, info, core.status().is(SocketState.LISTENING),
                    pendingError);
            if (AtmControls.isSoError(option)) {
                pendingError = null;
            }
            return r;
        });
    }

    @Override
    public <I, O> WspResult<O> ioctl(IoControl<I, O> code, I input, Overlapped overlapped) {
        WspResult<O> extension = provider.extensions().answer(code, input);
        if (extension != null) {
            return extension; // SIO_GET_EXTENSION_FUNCTION_POINTER
        }
        WspResult<O> r = sync.call(() -> {
            WsaError e = core.status().ensureOpen();
            if (e != null || code == null) {
                return fail(e != null ? e : WsaError.WSAEINVAL);
            }
            return AtmControls.ioctl(this, code, input);
        });
        if (overlapped != null && r.isOk()) {
            if (!overlapped.isPending()) {
                overlapped.begin(Thread.currentThread());
            }
            provider.upcalls().completeOverlapped(overlapped, r.error(), 0, 0, null);
        }
        return r;
    }

    AtmProvider provider() {
        return provider;
    }

    /** FIONBIO; lock held. */
    WsaError setNonBlocking(boolean on) {
        if (!on && events.isActive()) {
            return WsaError.WSAEINVAL;
        }
        nonBlocking = on;
        return null;
    }

    /** FIONREAD; lock held. */
    int nextPduLength() {
        return receiver.nextLength();
    }

    /** SIO_GET_ATM_CONNECTION_ID; lock held. */
    WspResult<AtmConnectionId> connectionId() {
        return core.status().is(SocketState.CONNECTED) ? vc.connectionId() : fail(WsaError.WSAENOTCONN);
    }

    // ---- event select and select

    @Override
    public WspResult<Void> eventSelect(WspEvent event, int networkEvents) {
        return sync.call(() -> {
            WsaError e = core.status().ensureOpen();
            if (e != null || (networkEvents != 0 && event == null)) {
                return fail(e != null ? e : WsaError.WSAEINVAL);
            }
            if (networkEvents != 0) {
                nonBlocking = true;
            }
            // Conditions already true are recorded at once, as WSAEventSelect does; a close once per connection.
            boolean connected = core.status().is(SocketState.CONNECTED);
            events.select(event, networkEvents, new EventConditions(!receiver.isEmpty(), connected && writableNow(),
                    core.status().is(SocketState.LISTENING) && !backlog.isEmpty()));
            return WspResult.ok();
        });
    }

    @Override
    public WspResult<NetworkEvents> enumNetworkEvents(WspEvent eventToReset) {
        WsaError e = sync.call(() -> core.status().ensureOpen());
        return e != null ? fail(e) : WspResult.ok(events.enumerate(eventToReset));
    }

    private boolean writableNow() {
        return !core.status().sendShut() && vc.hasRoom(settings.sendBuffer);
    }

    boolean readable() {
        if (core.status().is(SocketState.LISTENING)) {
            return !backlog.isEmpty();
        }
        return core.status().is(SocketState.CONNECTED)
                && (!receiver.isEmpty() || vc.released() || core.status().receiveShut());
    }

    boolean writable() {
        return core.status().is(SocketState.CONNECTED) && (writableNow() || vc.released() || core.status().sendShut());
    }

    boolean exceptional() {
        return connectFailed && core.status().state().compareTo(SocketState.BOUND) <= 0;
    }

    boolean isClosing() {
        return core.status().isClosing();
    }

    boolean isNonBlocking() {
        return nonBlocking || events.isActive();
    }

    // ---- helpers

    /** What send and recv check first: WSAENOTSOCK when closed, WSAEFAULT for a missing buffer, no MSG_OOB. */
    private WsaError transferRefusal(ByteBuffer[] buffers, int flags) {
        WsaError e = core.status().ensureOpen();
        if (e != null) {
            return e;
        }
        if (!Transfers.valid(buffers)) {
            return WsaError.WSAEFAULT;
        }
        return (flags & MsgFlags.MSG_OOB) != 0 ? WsaError.WSAEOPNOTSUPP : null;
    }

    private static long nanos(int millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private static <T> WspResult<T> fail(WsaError e) {
        return WspResult.fail(e);
    }

    @Override
    public String toString() {
        return "AtmSocket[" + core.status() + ", local=" + local + ", peer=" + peer + "]";
    }

    @Override
    public SocketCore core() {
        return core;
    }
}
