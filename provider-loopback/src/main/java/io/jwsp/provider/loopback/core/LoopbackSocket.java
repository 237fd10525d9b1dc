package io.jwsp.provider.loopback.core;

import io.jwsp.spi.kit.ext.ExtensionTable;
import io.jwsp.spi.kit.KitSocket;
import io.jwsp.provider.loopback.net.Transport;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.IpProtocol;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.DuplicateInfo;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.MsgFlags;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.kit.SocketCore;
import io.jwsp.spi.kit.state.SocketState;
import io.jwsp.spi.kit.wait.BlockingWait;
import io.jwsp.spi.option.IoControl;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What stream and datagram sockets share: the lock and condition every state change and wait goes through, the
 * kit's socket state (after close every call answers WSAENOTSOCK), blocking mode, event select, the local name and the
 * options both kinds know. Per-kind behaviour lives in the subclasses.
 */
public abstract class LoopbackSocket implements KitSocket {
    protected final LoopbackStack stack;
    protected final ProtocolInfo info;
    protected final int family;
    /** The one lock of this socket (and, once connected, of its whole connection). */
    protected final ReentrantLock lock;
    protected final CountedCondition changed;
    /** The socket kit's part of this socket: pending overlapped queues, blocking waits (guarded by {@link #lock}). */
    protected final SocketCore core;

    protected boolean nonBlocking;
    protected InetSockAddr localName;
    protected boolean reuseAddress;
    protected boolean debug;
    protected int sendBuffer;
    protected int receiveBuffer;
    protected int sendTimeoutMillis;
    protected int receiveTimeoutMillis;
    /** SO_ERROR: the error of a failed nonblocking connect, cleared when read. */
    protected WsaError pendingError;

    /** A socket with a lock of its own. */
    protected LoopbackSocket(LoopbackStack stack, ProtocolInfo info, int family) {
        this(stack, info, family, new SpinningLock());
    }

    private LoopbackSocket(LoopbackStack stack, ProtocolInfo info, int family, ReentrantLock lock) {
        this(stack, info, family, lock, new CountedCondition(lock.newCondition(), stack.settings().spinNanos()));
    }

    /** A socket sharing {@code lock} and {@code changed} (the accepted end of a connection). */
    protected LoopbackSocket(LoopbackStack stack, ProtocolInfo info, int family, ReentrantLock lock,
                             CountedCondition changed) {
        this.stack = stack;
        this.info = info;
        this.family = family;
        this.lock = lock;
        this.changed = changed;
        this.core = new SocketCore(stack.services(), lock, changed);
        stack.opened(this);
    }

    protected abstract Transport transport();

    @Override
    public final ProtocolInfo protocolInfo() {
        return info;
    }

    // ------------------------------------------------------------------ readiness, for WSPSelect

    /** Read set: data, end of stream, a reset, or a pending connection. Closed sockets count as ready. */
    public abstract boolean readyToRead();

    /** Write set: connected with room to send, or a nonblocking connect that succeeded. */
    public abstract boolean readyToWrite();

    /** Except set: a nonblocking connect that failed. */
    public abstract boolean readyExcept();

    /**
     * Whether closesocket has begun: every call answers WSAENOTSOCK, blocked callers WSAEINTR, and select reports
     * the socket once, whatever it asked.
     */
    public final boolean isClosing() {
        return core.status().isClosing();
    }

    // ------------------------------------------------------------------ naming

    @Override
    public WspResult<Void> bind(SockAddr name) {
        lock.lock();
        try {
            if (isClosing()) {
                return WspResult.fail(WsaError.WSAENOTSOCK);
            }
            WsaError invalid = checkLocalName(name);
            if (invalid != null) {
                return WspResult.fail(invalid);
            }
            if (localName != null) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            WsaError state = bindState();
            if (state != null) {
                return WspResult.fail(state);
            }
            WspResult<InetSockAddr> bound = stack.addresses().bind(transport(), this, (InetSockAddr) name,
                    reuseAddress);
            if (!bound.isOk()) {
                return bound.retype();
            }
            localName = bound.value();
            return WspResult.ok();
        } finally {
            lock.unlock();
        }
    }

    /** A subclass's extra reason to refuse bind (a connected socket, say); {@code null} for none. */
    protected WsaError bindState() {
        return null;
    }

    /** WSAEFAULT for a missing name, a non-IP name, or one of the other family (bind's documented errors). */
    protected final WsaError checkLocalName(SockAddr name) {
        if (!(name instanceof InetSockAddr a) || a.addressFamily() != family) {
            return WsaError.WSAEFAULT;
        }
        return null;
    }

    /** Binds to an ephemeral port on the wildcard address when an operation needs a name (connect, sendTo). */
    protected final WsaError bindImplicitly() {
        if (localName != null) {
            return null;
        }
        InetSockAddr any = new InetSockAddr(anyAddress(), 0);
        WspResult<InetSockAddr> bound = stack.addresses().bind(transport(), this, any, false);
        if (!bound.isOk()) {
            return bound.error();
        }
        localName = bound.value();
        return null;
    }

    private java.net.InetAddress anyAddress() {
        try {
            return java.net.InetAddress.getByAddress(new byte[family == io.jwsp.spi.addr.AddressFamily.AF_INET6
                    ? 16 : 4]);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public WspResult<SockAddr> getSockName() {
        lock.lock();
        try {
            if (isClosing()) {
                return WspResult.fail(WsaError.WSAENOTSOCK);
            }
            SockAddr name = reportedLocalName();
            return name == null ? WspResult.fail(WsaError.WSAEINVAL) : WspResult.ok(name);
        } finally {
            lock.unlock();
        }
    }

    /** The name getsockname answers; a connected stream socket answers its specific address. */
    protected SockAddr reportedLocalName() {
        return localName;
    }

    // ------------------------------------------------------------------ event select

    /** WSPCancelIo / CancelIoEx: the kit's pending queues hold this socket's overlapped operations. */
    @Override
    public final WspResult<Void> cancelIo(Overlapped overlapped) {
        return core.cancelIo(overlapped);
    }

    @Override
    public WspResult<Void> eventSelect(WspEvent event, int networkEvents) {
        lock.lock();
        try {
            if (isClosing()) {
                return WspResult.fail(WsaError.WSAENOTSOCK);
            }
            if (networkEvents != 0 && event == null) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            core.events().select(event, networkEvents);
            if (networkEvents != 0) {
                nonBlocking = true;
                postCurrentConditions();
            }
            return WspResult.ok();
        } finally {
            lock.unlock();
        }
    }

    /** WSPEventSelect records the conditions that already hold (re-enabling in Winsock's spirit). */
    protected abstract void postCurrentConditions();

    @Override
    public WspResult<NetworkEvents> enumNetworkEvents(WspEvent eventToReset) {
        lock.lock();
        try {
            if (isClosing()) {
                return WspResult.fail(WsaError.WSAENOTSOCK);
            }
            return WspResult.ok(core.events().enumerate(eventToReset));
        } finally {
            lock.unlock();
        }
    }

    /** Records an FD_* event (when selected). Called with the lock held. */
    protected final void post(int fdBit, WsaError error) {
        core.events().post(fdBit, error);
    }

    protected final boolean eventSelectActive() {
        return core.events().isActive();
    }

    /** An accepted socket takes the listener's event-select association (WSAEventSelect's inheritance rule). */
    protected final void inheritEventSelect(WspEvent event, int mask) {
        if (mask != 0 && event != null) {
            core.events().select(event, mask);
        }
    }

    /** The event object of this socket's association, for inheritance; {@code null} when none. */
    protected final WspEvent selectedEvent() {
        return core.events().event();
    }

    protected final int selectedMask() {
        return core.events().mask();
    }

    /** Stops every event at once: FD_CLOSE never reaches the side that closes. */
    protected final void stopEvents() {
        core.events().closeLocally();
    }

    // ------------------------------------------------------------------ ioctl

    @Override
    @SuppressWarnings("unchecked")
    public <I, O> WspResult<O> ioctl(IoControl<I, O> code, I input, Overlapped overlapped) {
        WspResult<O> extension = extensions().answer(code, input);
        if (extension != null) {
            return extension; // SIO_GET_EXTENSION_FUNCTION_POINTER
        }
        WspResult<O> result;
        lock.lock();
        try {
            if (isClosing()) {
                return WspResult.fail(WsaError.WSAENOTSOCK);
            }
            if (code == null) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            if (code.equals(IoControls.FIONBIO)) {
                if (!(input instanceof Boolean nb)) {
                    return WspResult.fail(WsaError.WSAEFAULT);
                }
                if (!nb && eventSelectActive()) {
                    return WspResult.fail(WsaError.WSAEINVAL);
                }
                nonBlocking = nb;
                result = (WspResult<O>) WspResult.ok();
            } else if (code.equals(IoControls.FIONREAD)) {
                result = (WspResult<O>) WspResult.ok(Integer.valueOf(readableBytes()));
            } else if (code.equals(IoControls.SIOCATMARK)) {
                // No urgent data ever waits: MSG_OOB is not offered (no XP1_EXPEDITED_DATA).
                result = (WspResult<O>) WspResult.ok(Boolean.TRUE);
            } else {
                return WspResult.fail(WsaError.WSAEOPNOTSUPP);
            }
        } finally {
            lock.unlock();
        }
        if (overlapped != null) {
            WsaError claim = stack.claim(overlapped);
            if (claim != null) {
                return WspResult.fail(claim);
            }
            stack.complete(overlapped, null, 0, 0, null);
        }
        return result;
    }

    /** FIONREAD: bytes a recv would return at once (a datagram socket: the size of the first message). */
    protected abstract int readableBytes();

    // ------------------------------------------------------------------ options

    @Override
    public final <T> WspResult<Void> setSockOpt(SockOpt<T> option, T value) {
        lock.lock();
        try {
            if (isClosing()) {
                return WspResult.fail(WsaError.WSAENOTSOCK);
            }
            if (option == null) {
                return WspResult.fail(WsaError.WSAENOPROTOOPT);
            }
            if (value == null) {
                return WspResult.fail(WsaError.WSAEFAULT);
            }
            WsaError e = setOption(option, value);
            return e == null ? WspResult.ok() : WspResult.fail(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public final <T> WspResult<T> getSockOpt(SockOpt<T> option) {
        lock.lock();
        try {
            if (isClosing()) {
                return WspResult.fail(WsaError.WSAENOTSOCK);
            }
            if (option == null) {
                return WspResult.fail(WsaError.WSAENOPROTOOPT);
            }
            Object v = getOption(option);
            if (v instanceof WsaError e) {
                return WspResult.fail(e);
            }
            return WspResult.ok((T) v);
        } finally {
            lock.unlock();
        }
    }

    /** Sets an option both kinds know, else asks the subclass. Answers the error, or {@code null}. */
    protected WsaError setOption(SockOpt<?> o, Object value) {
        if (o.level() != SocketOptions.SOL_SOCKET) {
            return o.level() == IpProtocol.IPPROTO_TCP ? setSpecific(o, value) : WsaError.WSAENOPROTOOPT;
        }
        switch (o.name()) {
            case 0x4 -> { // SO_REUSEADDR
                if (!(value instanceof Boolean b)) {
                    return WsaError.WSAEFAULT;
                }
                reuseAddress = b;
            }
            case 0x1 -> { // SO_DEBUG
                if (!(value instanceof Boolean b)) {
                    return WsaError.WSAEFAULT;
                }
                debug = b;
            }
            case 0x1001, 0x1002, 0x1005, 0x1006 -> { // SO_SNDBUF, SO_RCVBUF, SO_SNDTIMEO, SO_RCVTIMEO
                if (!(value instanceof Integer i)) {
                    return WsaError.WSAEFAULT;
                }
                if (i < 0) {
                    return WsaError.WSAEINVAL;
                }
                switch (o.name()) {
                    case 0x1001 -> sendBuffer = i;
                    case 0x1002 -> receiveBuffer = i;
                    case 0x1005 -> sendTimeoutMillis = i;
                    default -> receiveTimeoutMillis = i;
                }
                bufferSizesChanged();
            }
            case 0x1007, 0x1008, 0x2005, 0x2, 0x2003 -> { // read-only: SO_ERROR, SO_TYPE, SO_PROTOCOL_INFO, ...
                return WsaError.WSAENOPROTOOPT;
            }
            default -> {
                return setSpecific(o, value);
            }
        }
        return null;
    }

    /** Reads an option both kinds know, else asks the subclass: the value, or a {@link WsaError}. */
    protected Object getOption(SockOpt<?> o) {
        if (o.level() != SocketOptions.SOL_SOCKET) {
            return o.level() == IpProtocol.IPPROTO_TCP ? getSpecific(o) : WsaError.WSAENOPROTOOPT;
        }
        return switch (o.name()) {
            case 0x4 -> reuseAddress;
            case 0x1 -> debug;
            case 0x1001 -> sendBuffer;
            case 0x1002 -> receiveBuffer;
            case 0x1005 -> sendTimeoutMillis;
            case 0x1006 -> receiveTimeoutMillis;
            case 0x1007 -> {
                WsaError e = pendingError;
                pendingError = null;
                yield e == null ? 0 : e.code();
            }
            case 0x1008 -> info.socketType();
            case 0x2005 -> info;
            default -> getSpecific(o);
        };
    }

    protected abstract WsaError setSpecific(SockOpt<?> o, Object value);

    protected abstract Object getSpecific(SockOpt<?> o);

    /** SO_SNDBUF or SO_RCVBUF changed: room may have appeared. Called with the lock held. */
    protected void bufferSizesChanged() {
    }

    // ------------------------------------------------------------------ helpers

    /** A blocking call's wait on this socket's condition; {@code timeoutNanos} &lt;= 0 waits without a deadline. */
    protected final BlockingWait startWait(long timeoutNanos) {
        return BlockingWait.start(stack.clock(), stack.blockingCalls(), core, lock, changed, stack.services().spin(),
                timeoutNanos);
    }

    /** One park of a blocking call: WSAEINTR once the socket is closing, else what the wait answered (null: again). */
    protected final WsaError parkOnce(BlockingWait wait) {
        WsaError e = wait.park();
        return isClosing() ? WsaError.WSAEINTR : e;
    }

    protected static long millisToNanos(int millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** Marks this socket released: every later call answers WSAENOTSOCK, and it leaves the provider's tables. */
    protected final void release() {
        core.status().moveTo(SocketState.CLOSING);
        stopEvents();
        if (localName != null) {
            stack.addresses().unbind(transport(), this, localName);
        }
        stack.released(this);
        changed.signalAll();
    }

    protected static <T> WspResult<T> fail(WsaError e) {
        return WspResult.fail(e);
    }

    /**
     * What every send and receive checks first (lock held): a closed socket is WSAENOTSOCK, a missing buffer (or,
     * for a receive, a read-only one) WSAEFAULT, MSG_OOB WSAEOPNOTSUPP; {@code null} when the call may go on.
     */
    protected WsaError transferRefusal(ByteBuffer[] buffers, int flags, boolean forReceive) {
        if (isClosing()) {
            return WsaError.WSAENOTSOCK;
        }
        if (!(forReceive ? Buffers.writable(buffers) : Buffers.readable(buffers))) {
            return WsaError.WSAEFAULT;
        }
        return (flags & MsgFlags.MSG_OOB) != 0 ? WsaError.WSAEOPNOTSUPP : null;
    }

    // ------------------------------------------------------------------ calls that are never offered here

    /**
     * Loopback connections live in this JVM's memory: another process has no way to them (WSAEINVAL, documented).
     * Duplication within this process is the runtime's own (no provider call).
     */
    @Override
    public WspResult<DuplicateInfo> duplicateSocket(long processId) {
        return whenOpen(WsaError.WSAEINVAL);
    }

    @Override
    public WspResult<WspSocket> joinLeaf(SockAddr name, int flags) {
        return whenOpen(WsaError.WSAEOPNOTSUPP);
    }

    /** {@code error}, or WSAENOTSOCK once closed. */
    protected final <T> WspResult<T> whenOpen(WsaError error) {
        lock.lock();
        try {
            return WspResult.fail(isClosing() ? WsaError.WSAENOTSOCK : error);
        } finally {
            lock.unlock();
        }
    }

    /** Closes at once, never waiting: graceful in the background unless linger(1,0) (the last cleanup). */
    public abstract void forceClose();

    @Override
    public SocketCore core() {
        return core;
    }

    /** The extension functions this kind of socket answers (SIO_GET_EXTENSION_FUNCTION_POINTER): none here. */
    protected ExtensionTable extensions() {
        return ExtensionTable.none();
    }
}
