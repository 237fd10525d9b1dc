package io.jwsp.provider.tcp;

import io.jwsp.spi.kit.KitSocket;
import io.jwsp.provider.tcp.kernel.KernelNio;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.close.CloseOutcome;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.AcceptCondition;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.kit.SocketCore;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.kit.state.SocketState;
import io.jwsp.spi.kit.state.SocketStatus;
import io.jwsp.spi.option.IoControl;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.trace.WireFrame;
import io.jwsp.spi.trace.WireTap;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One tcp socket: a kernel TCP socket on the socket kit. The kit ({@link SocketCore}) holds the state, the events,
 * the pending overlapped operations, the blocking-call loop and the close sequence; this class keeps the kernel
 * medium's facts (its channel, names, options, the last error) and hands each call to the part that does it:
 * {@link StreamTransfers} (send, recv), {@link ListenerSide} (listen, accept), {@link Connector} (connect),
 * {@link TcpCloseRows} (the close table's rows), {@link SocketReadiness} (the poller, event select and select).
 *
 * <p>What the kernel medium does on its own: the hot path is the JDK's own blocking call on a blocking channel
 * ({@link KernelChannel}); "data queued" is the kernel's SIOCOUTQ ({@link KernelSocketView}), read only by a lingering
 * close; a reset is the kernel's own (SO_LINGER {1,0} just before close); readiness comes from one selector thread.
 */
final class TcpSocket implements KitSocket {
    private final TcpProvider provider;
    private final ProtocolInfo info;
    private final int family;
    private final ProtocolFamily protocolFamily;
    private final ReentrantLock lock = new ReentrantLock();
    private final SocketCore core;
    private final KernelChannel channel;
    private final KernelSocketView kernelView;
    private final SocketReadiness readiness;
    private final StreamTransfers transfers;
    private final ListenerSide listener;
    private final Connector connector;
    private final TcpCloseRows closeRows;

    // guarded by lock
    private final TcpOptions options = new TcpOptions();
    private final ReceiveBuffer receive = new ReceiveBuffer();
    private boolean fionbio;
    private InetSocketAddress local;
    private InetSocketAddress peer;
    private InputStream input;
    private WsaError soError;
    /** A nonblocking connect failed and nobody has looked yet: select's except set reports it. */
    private boolean connectFailureUnseen;

    private TcpSocket(TcpProvider provider, ProtocolInfo info, int family, SocketChannel stream) {
        this.provider = provider;
        this.info = info;
        this.family = family;
        this.protocolFamily = family == AddressFamily.AF_INET6 ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET;
        this.core = new SocketCore(provider.services(), lock, lock.newCondition());
        this.channel = new KernelChannel(protocolFamily, !provider.timeSource().isVirtual(), lock, stream);
        this.kernelView = new KernelSocketView(provider.kernelCounters());
        this.readiness = new SocketReadiness(this);
        this.transfers = new StreamTransfers(this);
        this.listener = new ListenerSide(this);
        this.connector = new Connector(this);
        this.closeRows = new TcpCloseRows(this);
    }

    static TcpSocket open(TcpProvider provider, ProtocolInfo info, int family) throws IOException {
        // the JDK's own provider even when jwsp's bridge is the JVM-wide one (KernelNio says why)
        SocketChannel ch = KernelNio.provider().openSocketChannel(
                family == AddressFamily.AF_INET6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        TcpSocket s = new TcpSocket(provider, info, family, ch);
        s.channel.configureNew(ch, false);
        // provider-wide defaults (settings jwsp.tcp.sndbuf / jwsp.tcp.rcvbuf), as if the application had set them
        if (provider.defaultSendBuffer() > 0) {
            s.options.set(SocketOptions.SO_SNDBUF, provider.defaultSendBuffer(), ch);
        }
        if (provider.defaultReceiveBuffer() > 0) {
            s.options.set(SocketOptions.SO_RCVBUF, provider.defaultReceiveBuffer(), ch);
        }
        return s;
    }

    /** A socket for a connection {@code from} accepted, before its options and mode are set. */
    TcpSocket acceptedSocket(SocketChannel c) {
        return new TcpSocket(provider, info, family, c);
    }

    // ------------------------------------------------------------------ the parts' view of this socket

    TcpProvider provider() {
        return provider;
    }

    @Override
    public SocketCore core() {
        return core;
    }

    ReentrantLock lock() {
        return lock;
    }

    SocketStatus status() {
        return core.status();
    }

    KernelChannel channel() {
        return channel;
    }

    KernelSocketView kernelView() {
        return kernelView;
    }

    SocketReadiness readiness() {
        return readiness;
    }

    StreamTransfers transfers() {
        return transfers;
    }

    ListenerSide listenerSide() {
        return listener;
    }

    Connector connector() {
        return connector;
    }

    TcpOptions options() {
        return options;
    }

    ReceiveBuffer receive() {
        return receive;
    }

    TimeSource clock() {
        return core.services().clock();
    }

    InetSocketAddress local() {
        return local;
    }

    InetSocketAddress peer() {
        return peer;
    }

    InputStream input() {
        return input;
    }

    int family() {
        return family;
    }

    boolean isClosed() {
        return core.status().isClosing();
    }

    /**
     * FIONBIO or event select (lock held). WSPEventSelect sets FIONBIO itself and FIONBIO cannot be cleared while an
     * association is active, so the flag alone answers, without asking the event recorder on the hot path.
     */
    boolean isNonBlocking() {
        return fionbio;
    }

    /**
     * Whether a blocking call may be the JDK's own blocking call (a blocking channel, FIONBIO off); if so the caller
     * is counted in ({@link KernelChannel#leaveDirect} when it returns). Lock held, after the call's checks.
     */
    boolean enterDirectCall() {
        if (fionbio || !channel.isDirect()) {
            return false;
        }
        channel.enterDirect();
        return true;
    }

    /** Whatever makes waits go through the poller: FIONBIO or event select, time-outs (lock held). */
    boolean needsPoller() {
        return fionbio || options.hasTimeouts();
    }

    /** Copies the mode an accepted socket inherits from its listener (both locks are this socket's callers'). */
    void inheritFrom(TcpSocket listening) {
        options.inheritFrom(listening.options);
        fionbio = listening.fionbio;
    }

    /** The channel is connected: names, the input stream FIONREAD reads, CONNECTED. Lock held. */
    void becomeConnected() throws IOException {
        SocketChannel ch = channel.stream();
        local = (InetSocketAddress) ch.getLocalAddress();
        peer = (InetSocketAddress) ch.getRemoteAddress();
        input = ch.socket().getInputStream();
        core.status().moveTo(SocketState.CONNECTED);
        core.changed().signalAll();
    }

    /** Bound or unbound again (a failed connect forgets the implicit bind). Lock held. */
    void setLocal(InetSocketAddress at) {
        local = at;
    }

    /** Records the error SO_ERROR answers next; a connect failure is also shown in select's except set. Lock held. */
    void recordError(WsaError err, boolean connectFailure) {
        soError = err;
        if (connectFailure) {
            connectFailureUnseen = true;
        }
    }

    WsaError takeError() {
        WsaError e = soError;
        soError = null;
        return e;
    }

    boolean connectFailureUnseen() {
        return connectFailureUnseen;
    }

    void clearConnectFailure() {
        connectFailureUnseen = false;
    }

    /** An I/O error from the kernel: its WsaError, remembered for SO_ERROR; a reset ends the receive side. Lock held. */
    WsaError ioFailedLocked(IOException e) {
        WsaError err = TcpErrors.of(e);
        if (err == WsaError.WSAECONNRESET) {
            receive.markReset();
        }
        soError = err;
        return err;
    }

    WsaError ioFailed(IOException e) {
        lock.lock();
        try {
            return ioFailedLocked(e);
        } finally {
            lock.unlock();
        }
    }

    void tap(String kind, int bytes, String detail) {
        WireTap tap = core.services().wireTap();
        if (tap.enabled()) {
            tap.frame(new WireFrame(clock().nanoTime(), String.valueOf(local), String.valueOf(peer), kind, bytes,
                    detail));
        }
    }

    void tapData(long n) {
        if (n > 0) {
            tap("DATA", (int) n, "");
        }
    }

    @Override
    public ProtocolInfo protocolInfo() {
        return info;
    }

    // ------------------------------------------------------------------ naming

    @Override
    public WspResult<Void> bind(SockAddr name) {
        WsaError bad = checkAddress(name);
        if (bad != null) {
            return WspResult.fail(bad);
        }
        lock.lock();
        try {
            WsaError notOpen = core.status().ensureOpen();
            if (notOpen != null) {
                return WspResult.fail(notOpen);
            }
            if (!core.status().is(SocketState.OPEN) || local != null) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            SocketChannel ch = channel.stream();
            ch.bind(((InetSockAddr) name).toInetSocketAddress());
            local = (InetSocketAddress) ch.getLocalAddress();
            core.status().moveTo(SocketState.BOUND);
            return WspResult.ok();
        } catch (IOException | RuntimeException e) {
            return WspResult.fail(TcpErrors.of(e));
        } finally {
            lock.unlock();
        }
    }

    WsaError checkAddress(SockAddr name) {
        if (name == null) {
            return WsaError.WSAEFAULT;
        }
        if (!(name instanceof InetSockAddr a) || a.addressFamily() != family) {
            return WsaError.WSAEAFNOSUPPORT;
        }
        return null;
    }

    @Override
    public WspResult<SockAddr> getSockName() {
        lock.lock();
        try {
            WsaError notOpen = core.status().ensureOpen();
            if (notOpen != null) {
                return WspResult.fail(notOpen);
            }
            return local == null ? WspResult.fail(WsaError.WSAEINVAL) : WspResult.ok(InetSockAddr.of(local));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public WspResult<SockAddr> getPeerName() {
        lock.lock();
        try {
            WsaError notConnected = core.status().ensureConnected();
            if (notConnected != null) {
                return WspResult.fail(notConnected);
            }
            return peer == null ? WspResult.fail(WsaError.WSAENOTCONN) : WspResult.ok(InetSockAddr.of(peer));
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ the calls the parts do

    @Override
    public WspResult<Void> listen(int backlog) {
        return listener.listen(backlog);
    }

    @Override
    public WspResult<Accepted> accept(AcceptCondition condition) {
        return listener.accept(condition);
    }

    @Override
    public WspResult<Void> connect(SockAddr name) {
        return connector.connect(name);
    }

    @Override
    public WspResult<Integer> send(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        return transfers.send(buffers, flags, overlapped);
    }

    @Override
    public WspResult<Integer> recv(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        return transfers.recv(buffers, flags, overlapped);
    }

    @Override
    public WspResult<Void> shutdown(int how) {
        if (!ShutdownHow.isValid(how)) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        lock.lock();
        try {
            WsaError notConnected = core.status().ensureConnected();
            if (notConnected != null) {
                return WspResult.fail(notConnected);
            }
            // Winsock keeps accepting data after SD_RECEIVE (only this side stops reading), and a receive already
            // blocked or pending goes on: nothing but the status changes for the receive direction.
            if (ShutdownHow.stopsSending(how) && !core.status().sendShut()) {
                channel.stream().shutdownOutput(); // a FIN, never a linger wait
                tap("FIN", 0, "shutdown");
            }
            core.status().shutdown(how);
            return WspResult.ok();
        } catch (IOException e) {
            return WspResult.fail(TcpErrors.of(e));
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ close

    /** WSPCancelIo / CancelIoEx: the kit's pending queues hold this socket's overlapped operations. */
    @Override
    public WspResult<Void> cancelIo(Overlapped overlapped) {
        return core.cancelIo(overlapped);
    }

    @Override
    public WspResult<Void> closeSocket() {
        WspResult<Void> r = core.close(closeRows);
        if (closeRows.closeAwaitsPoller()) {
            provider.poller().sync(); // the JDK closes a registered channel's descriptor (its FIN or RST) there
        }
        return r;
    }

    /** The last cleanup closes what is left without blocking: aborts stay aborts, everything else is graceful. */
    void closeAtCleanup() {
        DeferredCompletions done = new DeferredCompletions();
        lock.lock();
        try {
            closeRows.remember(core.status().state());
            CloseOutcome row = options.linger().isAbortive() ? CloseOutcome.ABORTIVE
                    : CloseOutcome.GRACEFUL_IN_BACKGROUND;
            core.release(closeRows, row, done);
        } finally {
            lock.unlock();
        }
        core.fire(done);
    }

    /** The kernel's count of unacknowledged bytes (SIOCOUTQ), or -1 when unknown. For tests and tools. */
    int unacknowledgedBytes() {
        lock.lock();
        try {
            return core.status().is(SocketState.CONNECTED) ? kernelView.unacknowledged(local, peer) : -1;
        } finally {
            lock.unlock();
        }
    }

    /** Threads inside a direct (blocking-mode) channel call now. For tests. */
    int directCallers() {
        return channel.directCallers();
    }

    // ------------------------------------------------------------------ options and ioctl

    @Override
    public <T> WspResult<Void> setSockOpt(SockOpt<T> option, T value) {
        if (option == null) {
            return WspResult.fail(WsaError.WSAENOPROTOOPT);
        }
        boolean timeouts;
        lock.lock();
        try {
            WsaError notOpen = core.status().ensureOpen();
            if (notOpen != null) {
                return WspResult.fail(notOpen);
            }
            if (value == null) {
                return WspResult.fail(WsaError.WSAEFAULT);
            }
            if (option.equals(SocketOptions.SO_ERROR) || option.equals(SocketOptions.SO_TYPE)
                    || option.equals(SocketOptions.SO_ACCEPTCONN) || option.equals(SocketOptions.SO_PROTOCOL_INFO)) {
                return WspResult.fail(WsaError.WSAEINVAL); // read-only
            }
            WspResult<Void> r = options.set(option, value, channel.options());
            if (!r.isOk()) {
                return r;
            }
            timeouts = options.hasTimeouts();
        } catch (ClassCastException e) {
            return WspResult.fail(WsaError.WSAEFAULT);
        } catch (IOException | RuntimeException e) {
            return WspResult.fail(TcpErrors.of(e));
        } finally {
            lock.unlock();
        }
        if (timeouts) {
            channel.ensurePolled(); // time-outs are waits on the clock: the nonblocking path from now on
        }
        return WspResult.ok();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> WspResult<T> getSockOpt(SockOpt<T> option) {
        if (option == null) {
            return WspResult.fail(WsaError.WSAENOPROTOOPT);
        }
        lock.lock();
        try {
            WsaError notOpen = core.status().ensureOpen();
            if (notOpen != null) {
                return WspResult.fail(notOpen);
            }
            Object v;
            if (option.equals(SocketOptions.SO_ERROR)) {
                WsaError e = takeError();
                v = e == null ? 0 : e.code();
                connectFailureUnseen = false;
            } else if (option.equals(SocketOptions.SO_TYPE)) {
                v = info.socketType();
            } else if (option.equals(SocketOptions.SO_ACCEPTCONN)) {
                v = core.status().is(SocketState.LISTENING);
            } else if (option.equals(SocketOptions.SO_PROTOCOL_INFO)) {
                v = info;
            } else {
                v = options.get(option, channel.options());
            }
            return v == null ? WspResult.fail(WsaError.WSAENOPROTOOPT) : WspResult.ok((T) v);
        } finally {
            lock.unlock();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <I, O> WspResult<O> ioctl(IoControl<I, O> code, I input, Overlapped overlapped) {
        WspResult<O> extension = provider.extensions().answer(code, input);
        if (extension != null) {
            return extension; // SIO_GET_EXTENSION_FUNCTION_POINTER
        }
        if (code == null) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        lock.lock();
        try {
            WsaError notOpen = core.status().ensureOpen();
            if (notOpen != null) {
                return WspResult.fail(notOpen);
            }
            if (code.equals(IoControls.FIONBIO)) {
                if (input == null) {
                    return WspResult.fail(WsaError.WSAEFAULT);
                }
                boolean on = (Boolean) input;
                if (!on && core.events().isActive()) {
                    return WspResult.fail(WsaError.WSAEINVAL); // event select keeps the socket nonblocking
                }
                fionbio = on;
            } else if (code.equals(IoControls.FIONREAD)) {
                boolean connected = core.status().is(SocketState.CONNECTED);
                return WspResult.ok((O) Integer.valueOf(connected ? receive.available(this.input)
                        : receive.stashed()));
            } else if (code.equals(IoControls.SIOCATMARK)) {
                // urgent bytes are not kept apart for reading here: no OOB data ever waits, so always "at the mark"
                return WspResult.ok((O) Boolean.TRUE);
            } else {
                return WspResult.fail(WsaError.WSAEOPNOTSUPP);
            }
        } finally {
            lock.unlock();
        }
        if ((Boolean) input) {
            channel.ensurePolled();
        }
        return WspResult.ok(null);
    }

    // ------------------------------------------------------------------ event select

    @Override
    public WspResult<Void> eventSelect(WspEvent event, int networkEvents) {
        return readiness.eventSelect(event, networkEvents);
    }

    /** WSPEventSelect's part under the lock: the association, and FIONBIO (WSPEventSelect makes it nonblocking). */
    void selectEvents(WspEvent event, int networkEvents) {
        core.events().select(event, networkEvents);
        fionbio = true;
    }

    @Override
    public WspResult<NetworkEvents> enumNetworkEvents(WspEvent eventToReset) {
        if (core.status().isClosing()) {
            return WspResult.fail(WsaError.WSAENOTSOCK);
        }
        return WspResult.ok(core.events().enumerate(eventToReset));
    }

    @Override
    public String toString() {
        return "tcp[" + core.status() + (local == null ? "" : " " + local) + (peer == null ? "" : " -> " + peer) + "]";
    }
}
