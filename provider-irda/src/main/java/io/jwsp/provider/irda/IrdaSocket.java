package io.jwsp.provider.irda;

import io.jwsp.spi.kit.KitSocket;
import io.jwsp.provider.irda.ias.IasAttribute;
import io.jwsp.provider.irda.ias.IasQuery;
import io.jwsp.provider.irda.ias.IasRegistry;
import io.jwsp.provider.irda.ias.IasValue;
import io.jwsp.provider.irda.medium.IrSpace;
import io.jwsp.provider.irda.stack.IrlmpStack;
import io.jwsp.provider.irda.stack.LsapListener;
import io.jwsp.provider.irda.stack.TtpConnection;
import io.jwsp.provider.irda.stack.TtpConnection.Ending;
import io.jwsp.provider.irda.stack.TtpConnection.State;
import io.jwsp.provider.irda.handover.Adoptions.Arrival;
import io.jwsp.provider.irda.handover.HandoverDesk;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.catalog.DuplicateInfo;
import io.jwsp.spi.catalog.ProviderReserved;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.close.CloseOutcome;
import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.AcceptCondition;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.kit.NetworkEventRecorder;
import io.jwsp.spi.kit.SocketCore;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.kit.pending.PendingQueue;
import io.jwsp.spi.option.IoControl;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One IrDA socket. Servers bind a service name (registered in their device's IAS with {@code IrDA:TinyTP:LsapSel})
 * and listen; clients connect without binding, through the peer's IAS or straight to an {@code LSAP-SELn}.
 *
 * <p>Composed of the socket kit's {@link SocketCore} (state, events, pending queues, blocking calls, the close
 * sequence) and IrDA's parts: {@link IrdaDataPath} (TinyTP's data path), {@link IrdaCloseRows} (the close rows:
 * every close ends in DISCONNECT(1), never a reset), {@link DeviceRoutes} (source device, discovery, IAS). This
 * class keeps naming, connect and accept, the readiness refresh after the stack's callbacks, and options.
 */
final class IrdaSocket implements KitSocket {
    private static final int MAX_BACKLOG = 200;

    final IrdaProvider provider;
    private final ProtocolInfo info;
    private final IrSpace space;
    final IrlmpStack stack;
    final ReentrantLock lock;
    // the kit: state (CLOSING/CLOSED), events, pending overlapped queues, blocking calls, the close sequence; its
    // lock is the space's, which every field below is guarded by too. Fields without "private" are read by
    // IrdaDataPath and IrdaCloseRows, the parts of this socket in their own files.
    final SocketCore core;
    private final DeviceRoutes routes;
    private final IrdaDataPath data;
    private final NetworkEventRecorder events;
    final PendingQueue pendingRecvs;
    final PendingQueue pendingSends;

    private boolean nonBlocking;
    private WspEvent selectEvent;
    private int selectMask;
    SolSocketOptions options;

    int device;
    IrdaSockAddr localName;
    int ownLsap = -1;
    LsapListener listener;
    TtpConnection conn;
    IrdaSockAddr peerName;
    boolean sendShutdown;
    boolean receiveShutdown;
    private IasQuery iasQuestion;

    boolean readPosted;
    boolean writeArmed;
    private boolean acceptPosted;
    private boolean connectReported = true;
    private WsaError connectError;
    private boolean refreshing;
    private boolean refreshAgain;

    IrdaSocket(IrdaProvider provider, ProtocolInfo info, int device) {
        this.provider = provider;
        this.info = info;
        this.space = provider.space();
        this.stack = provider.stack();
        this.lock = space.lock();
        this.core = new SocketCore(provider.services(), lock, space.changed());
        this.routes = new DeviceRoutes(provider);
        this.data = new IrdaDataPath(this);
        this.events = core.events();
        this.pendingRecvs = core.receives();
        this.pendingSends = core.sends();
        this.device = device;
        this.options = new SolSocketOptions(provider.settings().sendBuffer());
    }

    /**
     * A socket over a connection another process duplicated into this one (WSASocket(FROM_PROTOCOL_INFO)): it
     * holds {@code lsap} of {@code device} as a client holds its selector, has the options the source's socket had,
     * and gets what the connection's other end sent here while it was on its way. Lock held.
     */
    static IrdaSocket adopted(IrdaProvider provider, ProtocolInfo info, int device, int lsap, Arrival arrival) {
        IrdaSocket s = new IrdaSocket(provider, info, device);
        s.options = SolSocketOptions.adopted(arrival.options());
        s.ownLsap = lsap;
        s.peerName = IrdaSockAddr.lsapSel(arrival.image().peerDevice(), arrival.image().peerLsap());
        s.conn = provider.stack().adopt(device, lsap, arrival.image(), arrival.held(), s::refresh);
        provider.register(s);
        s.refresh();
        return s;
    }

    IrdaProvider provider() {
        return provider;
    }

    boolean isClosing() {
        return core.status().isClosing();
    }

    @Override
    public ProtocolInfo protocolInfo() {
        return info;
    }

    /** Every call: under the lock, WSAENOTSOCK once closing, else the body; its completions fire after the lock. */
    private <T> WspResult<T> locked(Supplier<WspResult<T>> body) {
        lock.lock();
        try {
            WsaError notOpen = core.status().ensureOpen();
            if (notOpen != null) {
                return WspResult.fail(notOpen);
            }
            return body.get();
        } finally {
            lock.unlock();
            provider.fireDue();
        }
    }

    /**
     * A blocking wait through the kit (lock held): {@code null} once {@code done} holds, WSAEINTR when the socket
     * closed or the call was cancelled, WSAETIMEDOUT after {@code timeoutNanos} (negative: no limit).
     */
    WsaError await(BooleanSupplier done, long timeoutNanos) {
        return core.block(false, Math.max(0, timeoutNanos), () -> done.getAsBoolean() ? WspResult.ok() : null)
                .error();
    }

    boolean isNonBlocking() {
        return nonBlocking || events.isActive();
    }

    // ---- naming

    @Override
    public WspResult<Void> bind(SockAddr name) {
        return locked(() -> {
            if (name == null) {
                return WspResult.fail(WsaError.WSAEFAULT);
            }
            if (!(name instanceof IrdaSockAddr a)) {
                return WspResult.fail(WsaError.WSAEAFNOSUPPORT);
            }
            if (localName != null || conn != null) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            int dev = a.deviceId() == 0 ? device : a.deviceId();
            if (!space.isLocal(dev)) {
                return WspResult.fail(WsaError.WSAEADDRNOTAVAIL);
            }
            int sel = a.lsapSelector();
            if (sel > IrlmpStack.LAST_LSAP) {
                return WspResult.fail(WsaError.WSAEADDRNOTAVAIL);
            }
            if (sel > 0) {
                if (!stack.claimLsap(dev, sel)) {
                    return WspResult.fail(WsaError.WSAEADDRINUSE);
                }
                ownLsap = sel;
                localName = IrdaSockAddr.of(dev, a.serviceName());
            } else {
                if (!a.isWildcard() && stack.ias(dev).hasClass(a.serviceName())) {
                    return WspResult.fail(WsaError.WSAEADDRINUSE);
                }
                sel = stack.allocateLsap(dev);
                if (sel < 0) {
                    return WspResult.fail(WsaError.WSAENOBUFS);
                }
                ownLsap = sel;
                if (a.isWildcard()) {
                    localName = IrdaSockAddr.lsapSel(dev, sel);
                } else {
                    stack.ias(dev).set(a.serviceName(), IasRegistry.TINYTP_LSAP_SEL, new IasValue.IntValue(sel), this);
                    localName = IrdaSockAddr.of(dev, a.serviceName());
                }
            }
            device = dev;
            return WspResult.ok();
        });
    }

    @Override
    public WspResult<Void> listen(int backlog) {
        return locked(() -> {
            if (conn != null) {
                return WspResult.fail(WsaError.WSAEISCONN);
            }
            if (localName == null) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            if (listener == null) {
                listener = stack.listen(device, ownLsap, Math.clamp(backlog, 1, MAX_BACKLOG), this::refresh);
            }
            return WspResult.ok();
        });
    }

    @Override
    public WspResult<Accepted> accept(AcceptCondition condition) {
        return locked(() -> {
            if (listener == null) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            while (true) {
                TtpConnection c = listener.poll();
                if (c != null) {
                    acceptPosted = false;
                    IrdaSockAddr peer = IrdaSockAddr.lsapSel(c.remoteDevice(), c.remoteLsap());
                    if (condition != null) {
                        int verdict = condition.decide(peer);
                        if (verdict == AcceptCondition.CF_DEFER) {
                            listener.pushBack(c);
                            return WspResult.fail(WsaError.WSATRY_AGAIN);
                        }
                        if (verdict != AcceptCondition.CF_ACCEPT) {
                            c.disconnectNow();
                            refresh();
                            return WspResult.fail(WsaError.WSAECONNREFUSED);
                        }
                    }
                    IrdaSocket s = acceptedFrom(c, peer);
                    refresh();
                    return WspResult.ok(new Accepted(s, peer));
                }
                if (isNonBlocking()) {
                    acceptPosted = false;
                    return WspResult.fail(WsaError.WSAEWOULDBLOCK);
                }
                WsaError e = await(() -> listener.hasPending(), -1);
                if (e != null) {
                    return WspResult.fail(e);
                }
            }
        });
    }

    /** The accepted socket inherits the listener's linger, buffers, blocking mode and event selection. */
    private IrdaSocket acceptedFrom(TtpConnection c, IrdaSockAddr peer) {
        IrdaSocket s = new IrdaSocket(provider, info, device);
        s.options = options.inheritedByAccepted();
        s.nonBlocking = nonBlocking;
        s.localName = localName;
        s.conn = c;
        s.peerName = peer;
        c.onChange(s::refresh);
        provider.register(s);
        if (selectMask != 0) {
            s.eventSelectLocked(selectEvent, selectMask);
        } else {
            s.refresh();
        }
        return s;
    }

    @Override
    public WspResult<Void> connect(SockAddr name) {
        return locked(() -> {
            if (name == null) {
                return WspResult.fail(WsaError.WSAEFAULT);
            }
            if (!(name instanceof IrdaSockAddr a)) {
                return WspResult.fail(WsaError.WSAEAFNOSUPPORT);
            }
            if (listener != null) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            if (conn != null && connectError != null) {
                abandonConnection(); // a failed connect leaves the socket free to try again
            }
            if (conn != null) {
                return switch (conn.state()) {
                    case IAS_QUERY, CONNECTING -> WspResult.fail(WsaError.WSAEALREADY);
                    default -> WspResult.fail(WsaError.WSAEISCONN);
                };
            }
            if (localName != null) {
                // IrDA clients must not bind before connect (af_irda notes); the bound selector is a server's
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            if (a.isWildcard() || a.lsapSelector() > IrlmpStack.LAST_LSAP) {
                return WspResult.fail(WsaError.WSAEADDRNOTAVAIL);
            }
            DeviceRoutes.Source from = routes.reach(device, a.deviceId(), true, this::await);
            if (from.error() != null) {
                return WspResult.fail(from.error());
            }
            int src = from.device();
            int sel = stack.allocateLsap(src);
            if (sel < 0) {
                return WspResult.fail(WsaError.WSAENOBUFS);
            }
            device = src;
            ownLsap = sel;
            peerName = a;
            connectReported = false;
            conn = stack.connect(src, sel, a.deviceId(), a.serviceName(), a.lsapSelector(), this::refresh);
            if (isNonBlocking()) {
                // on the untimed medium the answer came back inside stack.connect, before conn was set: report it
                // now (FD_CONNECT, SO_ERROR), or nothing ever would
                refresh();
                return WspResult.fail(WsaError.WSAEWOULDBLOCK);
            }
            WsaError e = await(() -> !connecting(), -1);
            if (e != null) {
                return WspResult.fail(e);
            }
            WsaError failure = connectFailure();
            connectReported = true;
            if (failure != null) {
                abandonConnection();
                return WspResult.fail(failure);
            }
            return WspResult.ok();
        });
    }

    boolean connecting() {
        return conn != null && (conn.state() == State.IAS_QUERY || conn.state() == State.CONNECTING);
    }

    private WsaError connectFailure() {
        if (conn.state() == State.OPEN) {
            return null;
        }
        return switch (conn.ending()) {
            case REFUSED -> WsaError.WSAECONNREFUSED;
            case RESET -> WsaError.WSAETIMEDOUT;
            default -> null;
        };
    }

    /** A failed connect leaves the socket as it was, so the application may try again. */
    private void abandonConnection() {
        connectError = null;
        stack.releaseLsap(device, ownLsap);
        ownLsap = -1;
        conn.onChange(null);
        conn = null;
        peerName = null;
    }

    @Override
    public WspResult<SockAddr> getSockName() {
        return locked(() -> {
            if (localName != null) {
                return WspResult.ok(localName);
            }
            if (conn != null) {
                return WspResult.ok(IrdaSockAddr.lsapSel(device, ownLsap));
            }
            return WspResult.fail(WsaError.WSAEINVAL);
        });
    }

    @Override
    public WspResult<SockAddr> getPeerName() {
        return locked(() -> {
            if (conn == null || connecting() || (conn.state() == State.CLOSED && conn.ending() == Ending.REFUSED)) {
                return WspResult.fail(WsaError.WSAENOTCONN);
            }
            return WspResult.ok(peerName);
        });
    }

    @Override
    public WspResult<Integer> send(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        return locked(() -> data.send(buffers, flags, overlapped));
    }

    @Override
    public WspResult<Integer> recv(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        return locked(() -> data.recv(buffers, flags, overlapped));
    }

    @Override
    public WspResult<Void> shutdown(int how) {
        return locked(() -> data.shutdown(how));
    }

    /**
     * WSPDuplicateSocket into another process (over the UDP medium only): an open connection is exported under a
     * single-use token for that process, whose WSASocket(FROM_PROTOCOL_INFO) moves it there
     * ({@link io.jwsp.provider.irda.handover.Exports}). Until then this socket works as before; from then on its
     * send and recv answer WSAESHUTDOWN and its close releases the handle only. Anything but an open connection,
     * the in-process medium, a process that does not exist, or a hand-over already under way is WSAEINVAL.
     */
    @Override
    public WspResult<DuplicateInfo> duplicateSocket(long processId) {
        return locked(() -> {
            HandoverDesk desk = provider.handovers();
            if (desk == null || listener != null || conn == null || connecting() || conn.state() != State.OPEN
                    || conn.frozen() || ProcessHandle.of(processId).isEmpty()) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            WspResult<ProviderReserved> r = desk.exports().export(conn, processId, options.moved(),
                    provider.settings().maxSdu());
            return r.isOk() ? WspResult.ok(new DuplicateInfo(info, processId, r.value())) : r.retype();
        });
    }

    // ---- close: the kit's sequence (decide, the common duties, then one row method of IrDA's)

    /** WSPCancelIo / CancelIoEx: the kit's pending queues hold this socket's overlapped operations. */
    @Override
    public WspResult<Void> cancelIo(Overlapped overlapped) {
        return core.cancelIo(overlapped);
    }

    @Override
    public WspResult<Void> closeSocket() {
        try {
            return core.close(new IrdaCloseRows(this));
        } finally {
            provider.fireDue();
        }
    }

    /** The provider's last cleanup: every socket still open goes the graceful way, whatever its linger. */
    void closeForCleanup(DeferredCompletions done) {
        core.release(new IrdaCloseRows(this), CloseOutcome.GRACEFUL_IN_BACKGROUND, done);
    }

    // ---- readiness and events

    /**
     * Runs after every change of this socket's connection or listener (with the lock held): finishes overlapped
     * operations, posts FD_* events as they become due, and wakes blocked callers.
     */
    void refresh() {
        // a refresh can send (a read grants credit); on the untimed medium the answer arrives inside that send and
        // asks for another refresh: run it after this one instead of inside it
        if (refreshing) {
            refreshAgain = true;
            return;
        }
        refreshing = true;
        try {
            do {
                refreshAgain = false;
                refreshOnce();
            } while (refreshAgain);
        } finally {
            refreshing = false;
        }
    }

    private void refreshOnce() {
        if (isClosing()) {
            return;
        }
        if (conn != null && !connecting()) {
            data.progressOverlapped();
        }
        if (listener != null && listener.hasPending() && !acceptPosted) {
            acceptPosted = true;
            events.post(FdEvents.FD_ACCEPT, null);
        }
        if (conn != null) {
            if (!connectReported && !connecting()) {
                connectReported = true;
                WsaError failure = connectFailure();
                events.post(FdEvents.FD_CONNECT, failure);
                if (failure != null) {
                    options.recordError(failure);
                    connectError = failure;
                } else {
                    writeArmed = true;
                }
            }
            if (conn.state() == State.OPEN || conn.rxBytes() > 0) {
                if (conn.rxBytes() > 0 && !readPosted && !receiveShutdown) {
                    readPosted = true;
                    events.post(FdEvents.FD_READ, null);
                }
                if (writeArmed && conn.canSend() && !sendShutdown && data.sendSpace() > 0) {
                    writeArmed = false;
                    events.post(FdEvents.FD_WRITE, null);
                }
            }
            // disconnect-wait: FD_CLOSE only once the application has read every byte
            // (the kit's recorder posts it once per connection, and later if it arrived unselected)
            if (connectReported && conn.state() == State.CLOSED && conn.rxBytes() == 0
                    && (conn.ending() == Ending.PEER_DISCONNECT || conn.ending() == Ending.RESET)) {
                events.postClose(conn.ending() == Ending.RESET ? WsaError.WSAECONNRESET : null);
            }
        }
        space.changed().signalAll();
    }

    boolean readReady() {
        lock.lock();
        try {
            if (isClosing()) {
                return true; // a select woken by this socket's close reports it readable
            }
            return listener != null ? listener.hasPending() : data.recvReady();
        } finally {
            lock.unlock();
        }
    }

    boolean writeReady() {
        lock.lock();
        try {
            return !isClosing() && conn != null && !connecting() && conn.canSend() && !sendShutdown
                    && data.sendSpace() > 0;
        } finally {
            lock.unlock();
        }
    }

    boolean exceptReady() {
        lock.lock();
        try {
            return !isClosing() && connectError != null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public WspResult<Void> eventSelect(WspEvent event, int networkEvents) {
        return locked(() -> {
            if (networkEvents != 0 && event == null) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            eventSelectLocked(event, networkEvents);
            return WspResult.ok();
        });
    }

    private void eventSelectLocked(WspEvent event, int mask) {
        selectEvent = mask == 0 ? null : event;
        selectMask = mask;
        events.select(event, mask);
        if (mask != 0) {
            nonBlocking = true;
            // conditions already true are recorded at once (WSAEventSelect's re-enabling rules)
            readPosted = false;
            acceptPosted = false;
            writeArmed = conn != null && !connecting();
            refresh();
        }
    }

    @Override
    public WspResult<NetworkEvents> enumNetworkEvents(WspEvent eventToReset) {
        return locked(() -> WspResult.ok(events.enumerate(eventToReset)));
    }

    // ---- options

    @Override
    @SuppressWarnings("unchecked")
    public <T> WspResult<Void> setSockOpt(SockOpt<T> option, T value) {
        return locked(() -> {
            if (option == null || value == null) {
                return WspResult.fail(WsaError.WSAEFAULT);
            }
            if (SolSocketOptions.covers(option)) {
                WsaError e = options.set(option, value);
                if (e != null) {
                    return WspResult.fail(e);
                }
            } else if (option.equals(IrdaOptions.IRLMP_IAS_SET)) {
                IasAttribute a = (IasAttribute) value;
                IasRegistry.SetResult r = stack.ias(device).set(a.className(), a.attributeName(), a.value(), this);
                if (r != IasRegistry.SetResult.OK) {
                    return WspResult.fail(WsaError.WSAEINVAL);
                }
            } else if (option.equals(IrdaOptions.IRLMP_IAS_QUERY)) {
                iasQuestion = (IasQuery) value;
            } else {
                // only SO_LINGER and SO_DONTLINGER mean something at SOL_SOCKET for IrDA (af_irda notes)
                return WspResult.fail(WsaError.WSAENOPROTOOPT);
            }
            return WspResult.ok();
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> WspResult<T> getSockOpt(SockOpt<T> option) {
        return locked(() -> {
            if (option == null) {
                return WspResult.fail(WsaError.WSAEFAULT);
            }
            Object v;
            if (SolSocketOptions.covers(option)) {
                v = options.get(option);
            } else if (option.equals(SocketOptions.SO_ACCEPTCONN)) {
                v = listener != null;
            } else if (option.equals(SocketOptions.SO_PROTOCOL_INFO)) {
                v = info;
            } else if (option.equals(IrdaOptions.IRLMP_ENUMDEVICES)) {
                v = routes.enumerate(device, this::await);
            } else if (option.equals(IrdaOptions.IRLMP_SEND_PDU_LEN)) {
                v = provider.settings().maxSdu();
            } else if (option.equals(IrdaOptions.IRLMP_IAS_QUERY)) {
                return (WspResult<T>) (iasQuestion == null ? WspResult.fail(WsaError.WSAEINVAL)
                        : routes.queryIas(iasQuestion, device, this::await));
            } else {
                return WspResult.fail(WsaError.WSAENOPROTOOPT);
            }
            return WspResult.ok((T) v);
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public <I, O> WspResult<O> ioctl(IoControl<I, O> code, I input, Overlapped overlapped) {
        WspResult<O> extension = provider.extensions().answer(code, input);
        if (extension != null) {
            return extension; // SIO_GET_EXTENSION_FUNCTION_POINTER
        }
        return locked(() -> {
            if (code == null) {
                return WspResult.fail(WsaError.WSAEFAULT);
            }
            if (code.equals(IoControls.FIONBIO)) {
                if (input == null) {
                    return WspResult.fail(WsaError.WSAEFAULT);
                }
                boolean on = (Boolean) input;
                if (!on && events.isActive()) {
                    return WspResult.fail(WsaError.WSAEINVAL);
                }
                nonBlocking = on;
                return WspResult.ok(null);
            }
            if (code.equals(IoControls.FIONREAD)) {
                return WspResult.ok((O) Integer.valueOf(conn == null ? 0 : conn.rxBytes()));
            }
            if (code.equals(IoControls.SIOCATMARK)) {
                return WspResult.ok((O) Boolean.TRUE); // IrDA has no out-of-band data
            }
            return WspResult.fail(WsaError.WSAEOPNOTSUPP);
        });
    }

    @Override
    public String toString() {
        return "IrdaSocket[" + (localName != null ? localName : "unbound") + (conn != null ? " " + conn : "") + "]";
    }

    @Override
    public SocketCore core() {
        return core;
    }
}
