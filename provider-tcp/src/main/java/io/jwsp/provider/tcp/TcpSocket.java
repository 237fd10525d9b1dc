package io.jwsp.provider.tcp;

import io.jwsp.provider.tcp.kernel.FdLocator;
import io.jwsp.provider.tcp.kernel.NativeSockets;
import io.jwsp.provider.tcp.poll.Pollable;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SockAddr;
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
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.trace.WireFrame;
import io.jwsp.spi.trace.WireTap;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tcp socket: a kernel TCP socket behind a {@link SocketChannel} (or a {@link ServerSocketChannel} once
 * listening), closing as Windows does.
 *
 * <p><b>Two I/O paths.</b> On the real clock, while nothing needs a selector, the channel stays in blocking mode and
 * a blocking send/recv/accept/connect is exactly the JDK's own call (no copy, no hand-off): that is what keeps
 * throughput and ping-pong latency at raw java.nio figures. As soon as something needs readiness (FIONBIO, event
 * select, overlapped I/O, select, SO_RCVTIMEO/SO_SNDTIMEO, or a {@linkplain TimeSource#isVirtual virtual clock})
 * the channel turns nonblocking for good: an operation is tried at once and, on would-block, the caller parks on
 * the provider's {@link TimeSource} until the provider's poller thread reports readiness.
 *
 * <p><b>Close.</b> {@link CloseTable#decide} picks the row; one method per row performs it. "Data queued" is
 * what the kernel holds unacknowledged (SIOCOUTQ, {@link NativeSockets#unacknowledged}). The kernel's own SO_LINGER
 * stays off, so neither the kernel nor the JDK ever lingers in close(); only an abortive close sets it to
 * {1,0} just before closing, which makes the kernel send an RST and no FIN. Where the counter is unknown (not
 * Linux), a lingering close treats the queue as drained and closes gracefully at once: the kernel still delivers
 * the data in the background, but no time-out can turn that into a reset.
 */
final class TcpSocket implements WspSocket, Pollable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpSocket.class);
    private static final int FD_UNRESOLVED = -2;
    private static final int STASH_SIZE = 64 * 1024;

    enum State { OPEN, BOUND, LISTENING, CONNECTING, CONNECTED }

    private final TcpProvider provider;
    private final ProtocolInfo info;
    private final int family;
    private final ProtocolFamily protocolFamily;
    private final TimeSource clock;
    private final boolean directAllowed;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    private volatile State state = State.OPEN;
    private volatile boolean closed;
    private volatile SocketChannel channel;
    private volatile ServerSocketChannel server;
    private InputStream input;
    private SocketChannel deferredAccept;
    private InetSocketAddress local;
    private InetSocketAddress peer;
    private int fd = FD_UNRESOLVED;

    private final TcpOptions options = new TcpOptions();
    private boolean fionbio;

    private volatile boolean sendShut;
    private volatile boolean recvShut;
    private boolean eof;
    private boolean reset;
    private WsaError soError;
    /** A nonblocking connect failed and nobody has looked yet: select's except set reports it. */
    private boolean connectFailureUnseen;
    /** Bytes taken from the kernel but not yet given to the application (MSG_PEEK, FD_CLOSE classification). */
    private ByteBuffer stash;

    private long epoch;
    /**
     * A nonblocking send met a full kernel queue: later nonblocking sends answer WSAEWOULDBLOCK until the poller sees
     * the socket writable again (EPOLLOUT, which the kernel reports only once a good share of the queue is free).
     * This is Winsock's "wait for FD_WRITE" made stable: a trickle of acknowledgements does not flip the answer.
     */
    private volatile boolean sendBlocked;
    private final java.util.concurrent.atomic.AtomicInteger directCallers = new java.util.concurrent.atomic.AtomicInteger();
    private boolean readWanted;
    private boolean writeWanted;
    private final Set<Thread> blocked = new HashSet<>();
    private final Set<Thread> cancelled = new HashSet<>();

    private final NetworkEventRecorder events = new NetworkEventRecorder();
    private WspEvent selectedEvent;
    private int selectedMask;
    private boolean readArmed = true;
    private boolean writeArmed = true;
    private boolean acceptArmed = true;
    private boolean closePosted;

    private final ArrayDeque<PendingIo> pendingRecvs = new ArrayDeque<>();
    private final ArrayDeque<PendingIo> pendingSends = new ArrayDeque<>();
    private final List<SelectWatch> selectWatches = new ArrayList<>();

    private record SelectWatch(SelectCall call, int kind) {
    }

    private TcpSocket(TcpProvider provider, ProtocolInfo info, int family, SocketChannel channel) {
        this.provider = provider;
        this.info = info;
        this.family = family;
        this.protocolFamily = family == AddressFamily.AF_INET6 ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET;
        this.clock = provider.timeSource();
        this.directAllowed = !clock.isVirtual();
        this.channel = channel;
    }

    static TcpSocket open(TcpProvider provider, ProtocolInfo info, int family) throws IOException {
        ProtocolFamily pf = family == AddressFamily.AF_INET6 ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET;
        SocketChannel ch = SocketChannel.open(pf);
        TcpSocket s = new TcpSocket(provider, info, family, ch);
        ch.configureBlocking(s.directAllowed);
        // provider-wide defaults (settings jwsp.tcp.sndbuf / jwsp.tcp.rcvbuf), as if the application had set them
        if (provider.defaultSendBuffer() > 0) {
            s.options.set(SocketOptions.SO_SNDBUF, provider.defaultSendBuffer(), ch);
        }
        if (provider.defaultReceiveBuffer() > 0) {
            s.options.set(SocketOptions.SO_RCVBUF, provider.defaultReceiveBuffer(), ch);
        }
        return s;
    }

    TcpProvider provider() {
        return provider;
    }

    boolean isClosed() {
        return closed;
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
            if (closed) {
                return WspResult.fail(WsaError.WSAENOTSOCK);
            }
            if (state != State.OPEN || local != null) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            channel.bind(((InetSockAddr) name).toInetSocketAddress());
            local = (InetSocketAddress) channel.getLocalAddress();
            state = State.BOUND;
            return WspResult.ok();
        } catch (IOException | RuntimeException e) {
            return WspResult.fail(TcpErrors.of(e));
        } finally {
            lock.unlock();
        }
    }

    private WsaError checkAddress(SockAddr name) {
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
            if (closed) {
                return WspResult.fail(WsaError.WSAENOTSOCK);
            }
            if (local == null) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            return WspResult.ok(InetSockAddr.of(local));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public WspResult<SockAddr> getPeerName() {
        lock.lock();
        try {
            if (closed) {
                return WspResult.fail(WsaError.WSAENOTSOCK);
            }
            if (state != State.CONNECTED || peer == null) {
                return WspResult.fail(WsaError.WSAENOTCONN);
            }
            return WspResult.ok(InetSockAddr.of(peer));
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ listen / accept

    @Override
    public WspResult<Void> listen(int backlog) {
        lock.lock();
        try {
            if (closed) {
                return WspResult.fail(WsaError.WSAENOTSOCK);
            }
            switch (state) {
                case LISTENING -> {
                    return WspResult.ok(); // Winsock allows listen again (a new backlog); the kernel keeps its own
                }
                case CONNECTED, CONNECTING -> {
                    return WspResult.fail(WsaError.WSAEISCONN);
                }
                case OPEN -> {
                    return WspResult.fail(WsaError.WSAEINVAL);
                }
                default -> {
                }
            }
            // A bound SocketChannel cannot become a listener: hand the address over to a ServerSocketChannel.
            InetSocketAddress at = local;
            channel.close();
            ServerSocketChannel ssc = ServerSocketChannel.open(protocolFamily);
            try {
                options.applyTo(ssc);
                ssc.bind(at, Math.max(1, backlog));
                ssc.configureBlocking(directAllowed && !needsPoller());
            } catch (IOException | RuntimeException e) {
                ssc.close();
                channel = SocketChannel.open(protocolFamily);
                channel.configureBlocking(directAllowed && !needsPoller());
                local = null;
                state = State.OPEN;
                return WspResult.fail(TcpErrors.of(e));
            }
            server = ssc;
            channel = null;
            local = (InetSocketAddress) ssc.getLocalAddress();
            state = State.LISTENING;
            if (events.isActive()) {
                provider.poller().update(this);
            }
            return WspResult.ok();
        } catch (IOException e) {
            return WspResult.fail(TcpErrors.of(e));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public WspResult<Accepted> accept(AcceptCondition condition) {
        while (true) {
            long seen;
            ServerSocketChannel ssc;
            SocketChannel c;
            lock.lock();
            try {
                if (closed) {
                    return WspResult.fail(WsaError.WSAENOTSOCK);
                }
                if (state != State.LISTENING) {
                    return WspResult.fail(WsaError.WSAEINVAL);
                }
                seen = epoch;
                ssc = server;
                c = deferredAccept;
                deferredAccept = null;
            } finally {
                lock.unlock();
            }
            try {
                if (c == null) {
                    c = ssc.accept(); // blocks only on the direct path
                }
            } catch (ClosedChannelException e) {
                return WspResult.fail(closed ? WsaError.WSAEINTR : WsaError.WSAENOTSOCK);
            } catch (IOException e) {
                return WspResult.fail(TcpErrors.of(e));
            }
            if (c != null) {
                return admit(c, condition);
            }
            if (isNonBlocking()) {
                rearm(FdEvents.FD_ACCEPT);
                return WspResult.fail(WsaError.WSAEWOULDBLOCK);
            }
            WsaError w = awaitReadiness(false, seen, Long.MAX_VALUE);
            if (w != null) {
                return WspResult.fail(w);
            }
        }
    }

    private WspResult<Accepted> admit(SocketChannel c, AcceptCondition condition) {
        try {
            InetSocketAddress from = (InetSocketAddress) c.getRemoteAddress();
            if (condition != null) {
                int verdict = condition.decide(InetSockAddr.of(from));
                if (verdict == AcceptCondition.CF_REJECT) {
                    c.setOption(StandardSocketOptions.SO_LINGER, 0);
                    c.close();
                    rearm(FdEvents.FD_ACCEPT);
                    return WspResult.fail(WsaError.WSAECONNREFUSED);
                }
                if (verdict == AcceptCondition.CF_DEFER) {
                    lock.lock();
                    try {
                        deferredAccept = c;
                    } finally {
                        lock.unlock();
                    }
                    return WspResult.fail(WsaError.WSATRY_AGAIN);
                }
            }
            TcpSocket s = new TcpSocket(provider, info, family, c);
            lock.lock();
            try {
                // Accepted sockets inherit the listener's options (linger too), mode and event selection.
                s.options.inheritFrom(options);
                s.options.applyTo(c);
                s.fionbio = fionbio;
                s.selectedEvent = selectedEvent;
                s.selectedMask = selectedMask;
            } finally {
                lock.unlock();
            }
            c.configureBlocking(s.directAllowed && !s.needsPoller());
            s.becomeConnected();
            provider.adopt(s);
            if (s.selectedMask != 0) {
                s.events.select(s.selectedEvent, s.selectedMask);
                provider.poller().update(s);
            }
            rearm(FdEvents.FD_ACCEPT);
            return WspResult.ok(new Accepted(s, InetSockAddr.of(from)));
        } catch (IOException e) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already failing
            }
            return WspResult.fail(TcpErrors.of(e));
        }
    }

    // ------------------------------------------------------------------ connect

    @Override
    public WspResult<Void> connect(SockAddr name) {
        WsaError bad = checkAddress(name);
        if (bad != null) {
            return WspResult.fail(bad);
        }
        InetSockAddr to = (InetSockAddr) name;
        if (to.isWildcard() || to.port() == 0) {
            return WspResult.fail(WsaError.WSAEADDRNOTAVAIL);
        }
        SocketChannel ch;
        boolean direct;
        lock.lock();
        try {
            if (closed) {
                return WspResult.fail(WsaError.WSAENOTSOCK);
            }
            switch (state) {
                case CONNECTED -> {
                    return WspResult.fail(WsaError.WSAEISCONN);
                }
                case CONNECTING -> {
                    return WspResult.fail(WsaError.WSAEALREADY);
                }
                case LISTENING -> {
                    return WspResult.fail(WsaError.WSAEINVAL);
                }
                default -> {
                }
            }
            ch = channel;
            direct = ch.isBlocking();
            connectFailureUnseen = false;
            if (!direct) {
                state = State.CONNECTING;
            }
        } finally {
            lock.unlock();
        }
        if (direct) {
            try {
                ch.connect(to.toInetSocketAddress());
                becomeConnected();
                return WspResult.ok();
            } catch (ClosedChannelException e) {
                return WspResult.fail(closed ? WsaError.WSAEINTR : WsaError.WSAENOTSOCK);
            } catch (IOException | RuntimeException e) {
                return WspResult.fail(connectFailed(TcpErrors.of(e)));
            }
        }
        try {
            if (ch.connect(to.toInetSocketAddress())) {
                becomeConnected();
                postConnected(null);
                return WspResult.ok();
            }
        } catch (IOException | RuntimeException e) {
            WsaError err = connectFailed(TcpErrors.of(e));
            postConnected(err);
            return WspResult.fail(err);
        }
        provider.poller().update(this);
        if (isNonBlocking()) {
            return WspResult.fail(WsaError.WSAEWOULDBLOCK);
        }
        lock.lock();
        try {
            blocked.add(Thread.currentThread());
            while (state == State.CONNECTING && !closed) {
                if (cancelled.remove(Thread.currentThread())) {
                    return WspResult.fail(WsaError.WSAEINTR);
                }
                clock.awaitNanos(lock, changed, Long.MAX_VALUE);
            }
            if (closed) {
                return WspResult.fail(WsaError.WSAEINTR);
            }
            if (state == State.CONNECTED) {
                return WspResult.ok();
            }
            WsaError err = soError == null ? WsaError.WSAECONNREFUSED : soError;
            soError = null;
            return WspResult.fail(err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WspResult.fail(WsaError.WSAEINTR);
        } finally {
            blocked.remove(Thread.currentThread());
            lock.unlock();
        }
    }

    /** A failed connect closes the JDK channel; Winsock's socket stays usable for another try, so reopen it. */
    private WsaError connectFailed(WsaError err) {
        lock.lock();
        try {
            state = State.OPEN;
            local = null;
            soError = err;
            if (!closed) {
                try {
                    channel.close();
                    SocketChannel fresh = SocketChannel.open(protocolFamily);
                    options.applyTo(fresh);
                    fresh.configureBlocking(directAllowed && !needsPoller());
                    channel = fresh;
                } catch (IOException e) {
                    LOG.debug("reopening after a failed connect", e);
                }
            }
            epoch++;
            changed.signalAll();
            return err;
        } finally {
            lock.unlock();
        }
    }

    private void becomeConnected() throws IOException {
        lock.lock();
        try {
            SocketChannel ch = channel;
            local = (InetSocketAddress) ch.getLocalAddress();
            peer = (InetSocketAddress) ch.getRemoteAddress();
            input = ch.socket().getInputStream();
            state = State.CONNECTED;
            epoch++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void postConnected(WsaError err) {
        events.post(FdEvents.FD_CONNECT, err);
        if (err == null) {
            rearm(FdEvents.FD_WRITE);
        }
    }

    // ------------------------------------------------------------------ send

    @Override
    public WspResult<Integer> send(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        if (buffers == null || hasNull(buffers)) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        if (closed) {
            return WspResult.fail(WsaError.WSAENOTSOCK);
        }
        if (state != State.CONNECTED) {
            return WspResult.fail(WsaError.WSAENOTCONN);
        }
        if (sendShut) {
            return WspResult.fail(WsaError.WSAESHUTDOWN);
        }
        if ((flags & MsgFlags.MSG_OOB) != 0) {
            return sendUrgent(buffers);
        }
        if (overlapped != null) {
            return overlappedSend(buffers, flags, overlapped);
        }
        SocketChannel ch = channel;
        if (ch.isBlocking() && !fionbio) {
            return directSend(ch, buffers);
        }
        return polledSend(ch, buffers);
    }

    private WspResult<Integer> directSend(SocketChannel ch, ByteBuffer[] buffers) {
        directCallers.incrementAndGet();
        try {
            // one blocking write takes everything on a platform thread; a virtual thread's may be partial
            long total = 0;
            do {
                long n = buffers.length == 1 ? ch.write(buffers[0]) : ch.write(buffers);
                total += n;
                tapData(n);
            } while (hasRemaining(buffers));
            return WspResult.ok((int) total);
        } catch (ClosedChannelException e) {
            return WspResult.fail(closed ? WsaError.WSAEINTR : WsaError.WSAENOTSOCK);
        } catch (IOException e) {
            return WspResult.fail(closed ? WsaError.WSAEINTR : ioFailed(e));
        } finally {
            directCallers.decrementAndGet();
        }
    }

    private WspResult<Integer> polledSend(SocketChannel ch, ByteBuffer[] buffers) {
        long deadline = deadline(options.sndTimeoutMs());
        while (sendBlocked) {
            // the queue was full: wait for the kernel's writability (EPOLLOUT) before trying again
            if (isNonBlocking()) {
                return WspResult.fail(WsaError.WSAEWOULDBLOCK);
            }
            long seen = epochNow();
            if (!sendBlocked) {
                break;
            }
            WsaError w = awaitReadiness(true, seen, deadline);
            if (w != null) {
                return WspResult.fail(w);
            }
        }
        long total = 0;
        while (true) {
            long seen = epochNow();
            try {
                long n = buffers.length == 1 ? ch.write(buffers[0]) : ch.write(buffers);
                total += n;
                tapData(n);
            } catch (ClosedChannelException e) {
                return WspResult.fail(closed ? WsaError.WSAEINTR : WsaError.WSAENOTSOCK);
            } catch (IOException e) {
                return WspResult.fail(ioFailed(e));
            }
            if (!hasRemaining(buffers)) {
                return WspResult.ok((int) total);
            }
            if (isNonBlocking()) {
                if (total > 0) {
                    return WspResult.ok((int) total);
                }
                sendBlocked = true;
                rearm(FdEvents.FD_WRITE);
                provider.poller().update(this);
                return WspResult.fail(WsaError.WSAEWOULDBLOCK);
            }
            WsaError w = awaitReadiness(true, seen, deadline);
            if (w != null) {
                return WspResult.fail(w);
            }
        }
    }

    private WspResult<Integer> sendUrgent(ByteBuffer[] buffers) {
        int n = 0;
        try {
            for (ByteBuffer b : buffers) {
                while (b.hasRemaining()) {
                    channel.socket().sendUrgentData(b.get());
                    n++;
                }
            }
            tapData(n);
            return WspResult.ok(n);
        } catch (IOException e) {
            return n > 0 ? WspResult.ok(n) : WspResult.fail(ioFailed(e));
        }
    }

    private WspResult<Integer> overlappedSend(ByteBuffer[] buffers, int flags, Overlapped ov) {
        beginOverlapped(ov);
        ensurePolled();
        List<FinishedIo> done = new ArrayList<>();
        lock.lock();
        try {
            PendingIo p = new PendingIo(ov, buffers, flags);
            if (pendingSends.isEmpty() && !sendBlocked) {
                WsaError err = writeSome(p);
                if (err != null) {
                    ov.finish(err, p.done, 0, null); // an immediate failure runs no completion, as on Windows
                    return WspResult.fail(err);
                }
                if (!hasRemaining(buffers)) {
                    done.add(new FinishedIo(ov, null, p.done));
                } else {
                    sendBlocked = true; // the rest goes when the poller sees the queue writable again
                }
            }
            if (done.isEmpty()) {
                pendingSends.add(p);
                provider.poller().update(this);
            }
        } finally {
            lock.unlock();
        }
        if (!done.isEmpty()) {
            deliver(done);
            return WspResult.ok(done.getFirst().bytes());
        }
        return WspResult.pending();
    }

    /** One nonblocking write for a pending overlapped send; answers the error, if any. Lock held. */
    private WsaError writeSome(PendingIo p) {
        try {
            long n = channel.write(p.buffers);
            p.done += (int) n;
            tapData(n);
            return null;
        } catch (ClosedChannelException e) {
            return WsaError.WSA_OPERATION_ABORTED;
        } catch (IOException e) {
            return ioFailed(e);
        }
    }

    // ------------------------------------------------------------------ recv

    @Override
    public WspResult<Integer> recv(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        if (buffers == null || hasNull(buffers)) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        if (closed) {
            return WspResult.fail(WsaError.WSAENOTSOCK);
        }
        if (state != State.CONNECTED) {
            return WspResult.fail(WsaError.WSAENOTCONN);
        }
        if (recvShut) {
            return WspResult.fail(WsaError.WSAESHUTDOWN);
        }
        if ((flags & MsgFlags.MSG_OOB) != 0) {
            return WspResult.fail(WsaError.WSAEOPNOTSUPP);
        }
        if (overlapped == null && !hasRemaining(buffers)) {
            return WspResult.ok(0); // nothing asked for: answered at once, as Winsock does
        }
        if (overlapped != null) {
            return overlappedRecv(buffers, flags, overlapped);
        }
        SocketChannel ch = channel;
        if (ch.isBlocking() && !fionbio && flags == 0 && stash == null && !eof && !reset) {
            return directRecv(ch, buffers);
        }
        if (ch.isBlocking()) {
            ensurePolled(); // peek, wait-all or a stash need the nonblocking path
        }
        return polledRecv(buffers, flags);
    }

    private WspResult<Integer> directRecv(SocketChannel ch, ByteBuffer[] buffers) {
        directCallers.incrementAndGet();
        try {
            long n = buffers.length == 1 ? ch.read(buffers[0]) : ch.read(buffers);
            if (n < 0) {
                lock.lock();
                try {
                    eof = true;
                } finally {
                    lock.unlock();
                }
                return WspResult.ok(0);
            }
            return WspResult.ok((int) n);
        } catch (ClosedChannelException e) {
            return WspResult.fail(closed ? WsaError.WSAEINTR : WsaError.WSAENOTSOCK);
        } catch (IOException e) {
            return WspResult.fail(closed ? WsaError.WSAEINTR : ioFailed(e));
        } finally {
            directCallers.decrementAndGet();
        }
    }

    /** Threads inside a direct (blocking-mode) channel call now; past the closed check, so a close is WSAEINTR. */
    int directCallers() {
        return directCallers.get();
    }

    private WspResult<Integer> polledRecv(ByteBuffer[] buffers, int flags) {
        long deadline = deadline(options.rcvTimeoutMs());
        boolean waitAll = (flags & MsgFlags.MSG_WAITALL) != 0 && (flags & MsgFlags.MSG_PEEK) == 0;
        int total = 0;
        while (true) {
            long seen = epochNow();
            WspResult<Integer> r;
            lock.lock();
            try {
                if (closed) {
                    return WspResult.fail(WsaError.WSAEINTR);
                }
                r = tryRecv(buffers, flags);
                if (r != null && r.isOk()) {
                    rearmLocked(FdEvents.FD_READ);
                }
            } finally {
                lock.unlock();
            }
            if (r != null) {
                if (!r.isOk()) {
                    return total > 0 ? WspResult.ok(total) : r;
                }
                total += r.value();
                if (!waitAll || r.value() == 0 || !hasRemaining(buffers)) {
                    return WspResult.ok(total);
                }
                continue;
            }
            if (isNonBlocking()) {
                return total > 0 ? WspResult.ok(total) : WspResult.fail(WsaError.WSAEWOULDBLOCK);
            }
            WsaError w = awaitReadiness(false, seen, deadline);
            if (w != null) {
                return WspResult.fail(w);
            }
        }
    }

    /**
     * One nonblocking receive: bytes (possibly 0 at end of stream), an error, or {@code null} for would-block.
     * Lock held.
     */
    private WspResult<Integer> tryRecv(ByteBuffer[] buffers, int flags) {
        boolean peek = (flags & MsgFlags.MSG_PEEK) != 0;
        int want = (int) Math.min(Integer.MAX_VALUE, remaining(buffers));
        if (peek) {
            fillStash(want);
            if (stash != null && stash.hasRemaining()) {
                return WspResult.ok(copyStash(buffers, false));
            }
            return reset ? WspResult.fail(WsaError.WSAECONNRESET) : eof ? WspResult.ok(0) : null;
        }
        int fromStash = 0;
        if (stash != null) {
            fromStash = copyStash(buffers, true);
            if (!hasRemaining(buffers)) {
                return WspResult.ok(fromStash);
            }
        }
        if (reset) {
            return fromStash > 0 ? WspResult.ok(fromStash) : WspResult.fail(WsaError.WSAECONNRESET);
        }
        if (eof) {
            return WspResult.ok(fromStash);
        }
        try {
            long n = buffers.length == 1 ? channel.read(buffers[0]) : channel.read(buffers);
            if (n < 0) {
                eof = true;
                return WspResult.ok(fromStash);
            }
            if (n == 0 && fromStash == 0) {
                return null;
            }
            return WspResult.ok(fromStash + (int) n);
        } catch (ClosedChannelException e) {
            return WspResult.fail(closed ? WsaError.WSAEINTR : WsaError.WSAENOTSOCK);
        } catch (IOException e) {
            WsaError err = ioFailedLocked(e);
            return fromStash > 0 ? WspResult.ok(fromStash) : WspResult.fail(err);
        }
    }

    /** Reads up to {@code want} more bytes into the stash without blocking. Lock held. */
    private void fillStash(int want) {
        if (eof || reset) {
            return;
        }
        if (stash == null) {
            stash = ByteBuffer.allocate(Math.max(STASH_SIZE, want)).flip();
        }
        if (stash.remaining() >= want) {
            return;
        }
        stash.compact();
        if (stash.remaining() < want) {
            ByteBuffer bigger = ByteBuffer.allocate(stash.position() + want);
            stash.flip();
            bigger.put(stash);
            stash = bigger;
        }
        try {
            int n = channel.read(stash);
            if (n < 0) {
                eof = true;
            }
        } catch (IOException e) {
            ioFailedLocked(e);
        } finally {
            stash.flip();
        }
    }

    private int copyStash(ByteBuffer[] buffers, boolean consume) {
        ByteBuffer src = consume ? stash : stash.duplicate();
        int n = 0;
        for (ByteBuffer b : buffers) {
            while (b.hasRemaining() && src.hasRemaining()) {
                int k = Math.min(b.remaining(), src.remaining());
                ByteBuffer slice = src.slice(src.position(), k);
                b.put(slice);
                src.position(src.position() + k);
                n += k;
            }
        }
        if (consume && !stash.hasRemaining()) {
            stash = null;
        }
        return n;
    }

    private WspResult<Integer> overlappedRecv(ByteBuffer[] buffers, int flags, Overlapped ov) {
        beginOverlapped(ov);
        ensurePolled();
        WspResult<Integer> r = null;
        lock.lock();
        try {
            if (pendingRecvs.isEmpty()) {
                r = tryRecv(buffers, flags);
            }
            if (r == null) {
                pendingRecvs.add(new PendingIo(ov, buffers, flags));
                provider.poller().update(this);
                return WspResult.pending();
            }
            if (!r.isOk()) {
                ov.finish(r.error(), 0, 0, null); // an immediate failure runs no completion, as on Windows
                return r;
            }
            rearmLocked(FdEvents.FD_READ);
        } finally {
            lock.unlock();
        }
        deliver(List.of(new FinishedIo(ov, null, r.value())));
        return r;
    }

    // ------------------------------------------------------------------ shutdown

    @Override
    public WspResult<Void> shutdown(int how) {
        if (!ShutdownHow.isValid(how)) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        lock.lock();
        try {
            if (closed) {
                return WspResult.fail(WsaError.WSAENOTSOCK);
            }
            if (state != State.CONNECTED) {
                return WspResult.fail(WsaError.WSAENOTCONN);
            }
            if (ShutdownHow.stopsSending(how) && !sendShut) {
                channel.shutdownOutput(); // a FIN, never a linger wait
                sendShut = true;
                tap("FIN", 0, "shutdown");
            }
            if (ShutdownHow.stopsReceiving(how) && !recvShut) {
                recvShut = true; // Winsock keeps accepting data after SD_RECEIVE; only this side stops reading
            }
            return WspResult.ok();
        } catch (IOException e) {
            return WspResult.fail(TcpErrors.of(e));
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ close: the table, one method per row

    @Override
    public WspResult<Void> closeSocket() {
        CloseOutcome row;
        lock.lock();
        try {
            if (closed) {
                return WspResult.fail(WsaError.WSAENOTSOCK);
            }
            if (state != State.CONNECTED) {
                row = CloseTable.decide(options.linger(), isNonBlocking(), false, sendShut);
            } else {
                boolean queued = options.linger().waits() && unacknowledgedLocked() > 0;
                row = CloseTable.decide(options.linger(), isNonBlocking(), queued, sendShut);
                if (row == CloseOutcome.WOULD_BLOCK) {
                    return refuseWithWouldBlock();
                }
            }
        } finally {
            lock.unlock();
        }
        if (state != State.CONNECTED) {
            closeWithoutConnection(row);
            return WspResult.ok();
        }
        return switch (row) {
            case GRACEFUL_IN_BACKGROUND -> closeGracefullyInBackground();
            case ABORTIVE -> closeAbortively();
            case GRACEFUL_NOW -> closeGracefullyNow();
            case LINGER_WAIT -> closeAfterLingerWait();
            case WOULD_BLOCK -> refuseWithWouldBlock();
        };
    }

    /**
     * linger(1,N), nonblocking, with unacknowledged bytes: WSAEWOULDBLOCK. Nothing is touched: the socket stays fully
     * usable, nothing goes on the wire, and a retry is a first call.
     */
    private WspResult<Void> refuseWithWouldBlock() {
        return WspResult.fail(WsaError.WSAEWOULDBLOCK);
    }

    /** l_onoff = 0: return at once; the kernel sends what is queued, then a FIN; this side goes through TIME_WAIT. */
    private WspResult<Void> closeGracefullyInBackground() {
        beginClose();
        closeChannelGracefully();
        report(CloseOutcome.GRACEFUL_IN_BACKGROUND, CloseType.GRACEFUL, 0);
        return WspResult.ok();
    }

    /** linger(1,0): an RST at once and never a FIN before it; unsent data is lost; no TIME_WAIT. */
    private WspResult<Void> closeAbortively() {
        beginClose();
        closeChannelWithReset();
        report(CloseOutcome.ABORTIVE, CloseType.HARD, 0);
        return WspResult.ok();
    }

    /** linger(1,N) with nothing unacknowledged: a graceful close that completes at once. */
    private WspResult<Void> closeGracefullyNow() {
        beginClose();
        closeChannelGracefully();
        report(CloseOutcome.GRACEFUL_NOW, CloseType.GRACEFUL, 0);
        return WspResult.ok();
    }

    /**
     * linger(1,N), blocking, with unacknowledged bytes: wait on the provider's clock until the kernel holds no
     * unacknowledged byte (then graceful: FIN, TIME_WAIT) or N seconds pass (then an RST, as Windows aborts where
     * Linux would keep sending). The kernel drains in real time, so a real-time ticker on the poller watches
     * SIOCOUTQ and signals; the deadline belongs to the clock. Returns 0 either way.
     */
    private WspResult<Void> closeAfterLingerWait() {
        beginClose();
        if (directCallers.get() > 0) {
            // a thread inside a blocking JDK write would keep filling the queue we wait on: stop the sending side
            // (its FIN queues behind the data, so nothing reaches the wire before the data, nor before an RST)
            try {
                channel.shutdownOutput();
            } catch (IOException e) {
                LOG.debug("shutdownOutput under a lingering close", e);
            }
        }
        long start = clock.nanoTime();
        long deadline = start + options.linger().seconds() * 1_000_000_000L;
        boolean[] drained = {false};
        Runnable stopTicker = provider.poller().tick(() -> {
            if (unacknowledgedNow() <= 0) {
                lock.lock();
                try {
                    drained[0] = true;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        });
        lock.lock();
        try {
            while (!drained[0] && unacknowledgedLocked() > 0) {
                long left = deadline - clock.nanoTime();
                if (left <= 0) {
                    break;
                }
                clock.awaitNanos(lock, changed, left);
            }
            drained[0] = drained[0] || unacknowledgedLocked() <= 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // treated as the time-out: abort
        } finally {
            lock.unlock();
            stopTicker.run();
        }
        long waited = clock.nanoTime() - start;
        if (drained[0]) {
            closeChannelGracefully();
            report(CloseOutcome.LINGER_WAIT, CloseType.GRACEFUL, waited);
        } else {
            closeChannelWithReset();
            report(CloseOutcome.LINGER_WAIT, CloseType.HARD_AFTER_LINGER_TIMEOUT, waited);
        }
        return WspResult.ok();
    }

    /** Never connected (or listening, or still connecting): release the kernel socket; nothing to disconnect. */
    private void closeWithoutConnection(CloseOutcome row) {
        beginClose();
        SocketChannel pending;
        lock.lock();
        try {
            pending = deferredAccept;
            deferredAccept = null;
        } finally {
            lock.unlock();
        }
        closeQuietly(pending);
        if (state == State.CONNECTING) {
            closeChannelWithReset();
        } else {
            closeQuietly(server);
            closeQuietly(channel);
            provider.wakePoller();
        }
        report(row, CloseType.NO_CONNECTION, 0);
    }

    /** The last cleanup closes what is left without blocking: aborts stay aborts, everything else is graceful. */
    void closeAtCleanup() {
        if (closed) {
            return;
        }
        if (state == State.CONNECTED && options.linger().isAbortive()) {
            closeAbortively();
        } else if (state == State.CONNECTED) {
            closeGracefullyInBackground();
        } else {
            closeWithoutConnection(CloseOutcome.GRACEFUL_IN_BACKGROUND);
        }
    }

    /**
     * The close starts: the handle is dead from here (WSAENOTSOCK), FD_CLOSE never reaches this side, blocked
     * callers wake with WSAEINTR and pending overlapped operations complete with WSA_OPERATION_ABORTED.
     */
    private void beginClose() {
        List<FinishedIo> aborted = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            events.closeLocally();
            for (PendingIo p : pendingRecvs) {
                aborted.add(new FinishedIo(p.overlapped, WsaError.WSA_OPERATION_ABORTED, 0));
            }
            for (PendingIo p : pendingSends) {
                aborted.add(new FinishedIo(p.overlapped, WsaError.WSA_OPERATION_ABORTED, p.done));
            }
            pendingRecvs.clear();
            pendingSends.clear();
            for (SelectWatch w : selectWatches) {
                w.call().ready(this, w.kind()); // a socket closed under select counts as ready
            }
            selectWatches.clear();
            epoch++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        provider.forget(this);
        deliver(aborted);
    }

    private void closeChannelGracefully() {
        if (!reset) {
            tap("FIN", 0, "close"); // after the peer's RST the kernel has no connection left to send a FIN on
        }
        closeQuietly(channel);
        provider.wakePoller(); // a registered channel's close is deferred to the selector: flush it now
    }

    private void closeChannelWithReset() {
        SocketChannel ch = channel;
        boolean deferred = ch != null && ch.isRegistered();
        try {
            // the only moment the kernel's SO_LINGER is on: {1,0} makes close() send an RST and no FIN
            ch.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException | RuntimeException e) {
            LOG.debug("SO_LINGER {1,0} before an abortive close", e);
        }
        tap("RST", 0, "close");
        closeQuietly(ch);
        provider.wakePoller();
        if (deferred) {
            // the JDK closes a registered channel's descriptor (so sends the RST) only when the selector flushes its
            // key; until then the peer may still read everything queued. Wait for that round, as Windows returns
            // with the RST sent and the unsent data gone.
            provider.syncPoller();
        }
    }

    private static void closeQuietly(java.nio.channels.Channel c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            LOG.debug("closing {}", c, e);
        }
    }

    private void report(CloseOutcome row, CloseType type, long waitedNanos) {
        WireTap tap = provider.wireTap();
        if (!tap.enabled()) {
            return;
        }
        // A graceful close sends the first FIN, so by TCP this side passes through TIME_WAIT once the peer's FIN
        // arrives; an RST never does, and neither does a connection the peer already reset.
        // TimeWaitQuery answers what the kernel shows at any later moment.
        CloseType performed = reset && type == CloseType.GRACEFUL ? CloseType.NO_CONNECTION : type;
        tap.closed(new CloseRecord(provider.name(), local == null ? null : InetSockAddr.of(local),
                peer == null ? null : InetSockAddr.of(peer), row, performed, waitedNanos,
                performed == CloseType.GRACEFUL));
    }

    // ------------------------------------------------------------------ the kernel's send queue

    /** SIOCOUTQ now, or -1 when unknown. Lock held (resolves the descriptor once). */
    private int unacknowledgedLocked() {
        if (!provider.kernelCounters()) {
            return -1;
        }
        if (fd == FD_UNRESOLVED) {
            fd = FdLocator.find(local, peer);
            if (fd < 0) {
                LOG.debug("no descriptor found for {} -> {}: the send queue is unknown", local, peer);
            }
        }
        return NativeSockets.unacknowledged(fd);
    }

    private int unacknowledgedNow() {
        int f = fd;
        return f < 0 ? -1 : NativeSockets.unacknowledged(f);
    }

    /** The kernel's count of unacknowledged bytes (SIOCOUTQ), or -1 when unknown. For tests and tools. */
    int unacknowledgedBytes() {
        lock.lock();
        try {
            return state == State.CONNECTED && !closed ? unacknowledgedLocked() : -1;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ options

    @Override
    public <T> WspResult<Void> setSockOpt(SockOpt<T> option, T value) {
        if (option == null) {
            return WspResult.fail(WsaError.WSAENOPROTOOPT);
        }
        boolean timeouts;
        lock.lock();
        try {
            if (closed) {
                return WspResult.fail(WsaError.WSAENOTSOCK);
            }
            if (value == null) {
                return WspResult.fail(WsaError.WSAEFAULT);
            }
            if (option.equals(SocketOptions.SO_ERROR) || option.equals(SocketOptions.SO_TYPE)
                    || option.equals(SocketOptions.SO_ACCEPTCONN) || option.equals(SocketOptions.SO_PROTOCOL_INFO)) {
                return WspResult.fail(WsaError.WSAEINVAL); // read-only
            }
            WspResult<Void> r = options.set(option, value, currentChannel());
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
            ensurePolled(); // time-outs are waits on the clock: the nonblocking path from now on
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
            if (closed) {
                return WspResult.fail(WsaError.WSAENOTSOCK);
            }
            Object v;
            if (option.equals(SocketOptions.SO_ERROR)) {
                v = soError == null ? 0 : soError.code();
                soError = null;
                connectFailureUnseen = false;
            } else if (option.equals(SocketOptions.SO_TYPE)) {
                v = info.socketType();
            } else if (option.equals(SocketOptions.SO_ACCEPTCONN)) {
                v = state == State.LISTENING;
            } else if (option.equals(SocketOptions.SO_PROTOCOL_INFO)) {
                v = info;
            } else {
                v = options.get(option, currentChannel());
            }
            return v == null ? WspResult.fail(WsaError.WSAENOPROTOOPT) : WspResult.ok((T) v);
        } finally {
            lock.unlock();
        }
    }

    private NetworkChannel currentChannel() {
        return server != null ? server : channel;
    }

    // ------------------------------------------------------------------ ioctl

    @Override
    @SuppressWarnings("unchecked")
    public <I, O> WspResult<O> ioctl(IoControl<I, O> code, I input, Overlapped overlapped) {
        if (code == null) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        if (closed) {
            return WspResult.fail(WsaError.WSAENOTSOCK);
        }
        if (code.equals(IoControls.FIONBIO)) {
            if (input == null) {
                return WspResult.fail(WsaError.WSAEFAULT);
            }
            boolean on = (Boolean) input;
            lock.lock();
            try {
                if (!on && events.isActive()) {
                    return WspResult.fail(WsaError.WSAEINVAL); // event select keeps the socket nonblocking
                }
                fionbio = on;
            } finally {
                lock.unlock();
            }
            if (on) {
                ensurePolled();
            }
            return WspResult.ok(null);
        }
        if (code.equals(IoControls.FIONREAD)) {
            return WspResult.ok((O) Integer.valueOf(readable()));
        }
        if (code.equals(IoControls.SIOCATMARK)) {
            // urgent bytes are not kept apart for reading here: no OOB data ever waits, so always "at the mark"
            return WspResult.ok((O) Boolean.TRUE);
        }
        return WspResult.fail(WsaError.WSAEOPNOTSUPP);
    }

    private int readable() {
        lock.lock();
        try {
            int n = stash == null ? 0 : stash.remaining();
            if (state == State.CONNECTED && input != null && !eof && !reset) {
                try {
                    n += input.available();
                } catch (IOException e) {
                    LOG.debug("FIONREAD", e);
                }
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ event select

    @Override
    public WspResult<Void> eventSelect(WspEvent event, int networkEvents) {
        lock.lock();
        try {
            if (closed) {
                return WspResult.fail(WsaError.WSAENOTSOCK);
            }
            if (networkEvents != 0 && event == null) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            events.select(event, networkEvents);
            selectedEvent = networkEvents == 0 ? null : event;
            selectedMask = networkEvents;
            fionbio = true; // WSPEventSelect makes the socket nonblocking
            // conditions that hold now are recorded again (WSAEventSelect re-enables every event)
            readArmed = true;
            writeArmed = true;
            acceptArmed = true;
        } finally {
            lock.unlock();
        }
        ensurePolled();
        provider.poller().update(this);
        provider.poller().sync();
        return WspResult.ok();
    }

    @Override
    public WspResult<NetworkEvents> enumNetworkEvents(WspEvent eventToReset) {
        if (closed) {
            return WspResult.fail(WsaError.WSAENOTSOCK);
        }
        return WspResult.ok(events.enumerate(eventToReset));
    }

    /** The re-enabling function ran (recv, send, accept): the event may be recorded again. */
    private void rearm(int fdBit) {
        lock.lock();
        try {
            rearmLocked(fdBit);
        } finally {
            lock.unlock();
        }
    }

    private void rearmLocked(int fdBit) {
        switch (fdBit) {
            case FdEvents.FD_READ -> readArmed = true;
            case FdEvents.FD_WRITE -> writeArmed = true;
            case FdEvents.FD_ACCEPT -> acceptArmed = true;
            default -> {
            }
        }
        if (selectedMask != 0 && !channelIsBlocking()) {
            provider.poller().update(this);
        }
    }

    // ------------------------------------------------------------------ select

    void watchForSelect(SelectCall call, int kind) {
        ensurePolled();
        lock.lock();
        try {
            boolean now = switch (kind) {
                case SelectCall.READ -> (stash != null && stash.hasRemaining()) || eof || reset
                        || deferredAccept != null;
                case SelectCall.EXCEPT -> connectFailureUnseen;
                default -> false;
            };
            if (now) {
                call.ready(this, kind);
            } else {
                selectWatches.add(new SelectWatch(call, kind));
            }
        } finally {
            lock.unlock();
        }
        provider.poller().update(this);
    }

    void unwatchForSelect(SelectCall call) {
        lock.lock();
        try {
            selectWatches.removeIf(w -> w.call() == call);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ readiness (the poller's side)

    @Override
    public SelectableChannel channel() {
        return server != null ? server : channel;
    }

    @Override
    public int interest() {
        lock.lock();
        try {
            return interestLocked();
        } finally {
            lock.unlock();
        }
    }

    private int interestLocked() {
        if (closed) {
            return 0;
        }
        boolean selectRead = false;
        boolean selectWrite = false;
        for (SelectWatch w : selectWatches) {
            switch (w.kind()) {
                case SelectCall.READ -> selectRead = true;
                case SelectCall.WRITE -> selectWrite = true;
                default -> {
                }
            }
        }
        return switch (state) {
            case LISTENING -> (readWanted || selectRead
                    || (acceptArmed && (selectedMask & FdEvents.FD_ACCEPT) != 0)) ? SelectionKey.OP_ACCEPT : 0;
            case CONNECTING -> SelectionKey.OP_CONNECT;
            case CONNECTED -> {
                int ops = 0;
                boolean eventRead = readArmed && !closePosted
                        && (selectedMask & (FdEvents.FD_READ | FdEvents.FD_CLOSE)) != 0;
                if (readWanted || selectRead || !pendingRecvs.isEmpty() || eventRead) {
                    ops |= SelectionKey.OP_READ;
                }
                boolean eventWrite = writeArmed && (selectedMask & FdEvents.FD_WRITE) != 0;
                if (writeWanted || selectWrite || !pendingSends.isEmpty() || eventWrite || sendBlocked) {
                    ops |= SelectionKey.OP_WRITE;
                }
                yield ops;
            }
            default -> 0;
        };
    }

    @Override
    public int ready(int ops) {
        List<FinishedIo> done = new ArrayList<>();
        int want;
        lock.lock();
        try {
            if (closed) {
                return 0;
            }
            epoch++;
            changed.signalAll();
            if ((ops & SelectionKey.OP_CONNECT) != 0 && state == State.CONNECTING) {
                finishConnect();
            }
            if (state == State.LISTENING && (ops & SelectionKey.OP_ACCEPT) != 0) {
                readWanted = false;
                notifySelect(SelectCall.READ);
                if (acceptArmed && (selectedMask & FdEvents.FD_ACCEPT) != 0) {
                    acceptArmed = false;
                    events.post(FdEvents.FD_ACCEPT, null);
                }
            }
            if (state == State.CONNECTED && (ops & SelectionKey.OP_READ) != 0) {
                readWanted = false;
                readReady(done);
            }
            if (state == State.CONNECTED && (ops & SelectionKey.OP_WRITE) != 0) {
                writeWanted = false;
                sendBlocked = false;
                writeReady(done);
            }
            want = interestLocked();
        } finally {
            lock.unlock();
        }
        deliver(done);
        return want;
    }

    private void finishConnect() {
        try {
            if (channel.finishConnect()) {
                SocketChannel ch = channel;
                local = (InetSocketAddress) ch.getLocalAddress();
                peer = (InetSocketAddress) ch.getRemoteAddress();
                input = ch.socket().getInputStream();
                state = State.CONNECTED;
                writeArmed = true;
                events.post(FdEvents.FD_CONNECT, null);
                notifySelect(SelectCall.WRITE);
            }
        } catch (IOException e) {
            WsaError err = connectFailed(TcpErrors.of(e));
            connectFailureUnseen = true;
            events.post(FdEvents.FD_CONNECT, err);
            notifySelect(SelectCall.EXCEPT);
        }
    }

    private void readReady(List<FinishedIo> done) {
        while (!pendingRecvs.isEmpty()) {
            PendingIo p = pendingRecvs.peek();
            WspResult<Integer> r = tryRecv(p.buffers, p.flags);
            if (r == null) {
                break;
            }
            pendingRecvs.poll();
            done.add(r.isOk() ? new FinishedIo(p.overlapped, null, r.value())
                    : new FinishedIo(p.overlapped, r.error(), 0));
        }
        notifySelect(SelectCall.READ);
        if (readArmed && !closePosted && (selectedMask & (FdEvents.FD_READ | FdEvents.FD_CLOSE)) != 0) {
            classifyForEvents();
        }
    }

    /** Data or the end of the connection? FD_READ for data; FD_CLOSE (0 after a FIN, WSAECONNRESET after an RST). */
    private void classifyForEvents() {
        int avail = stash == null ? 0 : stash.remaining();
        if (avail == 0 && !eof && !reset) {
            try {
                avail = input == null ? 0 : input.available();
            } catch (IOException e) {
                avail = 0;
            }
            if (avail == 0) {
                fillStash(1); // readable but nothing counted: take the end of stream (or the reset) into view
                avail = stash == null ? 0 : stash.remaining();
            }
        }
        if (avail > 0) {
            readArmed = false;
            events.post(FdEvents.FD_READ, null);
        } else if (eof || reset) {
            closePosted = true;
            readArmed = false;
            events.post(FdEvents.FD_CLOSE, reset ? WsaError.WSAECONNRESET : null);
        }
    }

    private void writeReady(List<FinishedIo> done) {
        while (!pendingSends.isEmpty()) {
            PendingIo p = pendingSends.peek();
            WsaError err = writeSome(p);
            if (err == null && hasRemaining(p.buffers)) {
                break;
            }
            pendingSends.poll();
            done.add(new FinishedIo(p.overlapped, err, p.done));
        }
        notifySelect(SelectCall.WRITE);
        if (writeArmed && (selectedMask & FdEvents.FD_WRITE) != 0) {
            writeArmed = false;
            events.post(FdEvents.FD_WRITE, null);
        }
    }

    private void notifySelect(int kind) {
        selectWatches.removeIf(w -> {
            if (w.kind() == kind) {
                w.call().ready(this, kind);
                return true;
            }
            return false;
        });
    }

    // ------------------------------------------------------------------ waiting

    /**
     * Parks the caller on the provider's clock until the poller reports readiness after {@code seen}. Answers
     * {@code null} to try again, WSAEINTR when the socket was closed (or the call cancelled), WSAETIMEDOUT.
     */
    private WsaError awaitReadiness(boolean write, long seen, long deadline) {
        Thread me = Thread.currentThread();
        lock.lock();
        try {
            if (closed) {
                return WsaError.WSAEINTR;
            }
            if (write) {
                writeWanted = true;
            } else {
                readWanted = true;
            }
            blocked.add(me);
            provider.poller().update(this);
            while (epoch == seen) {
                if (closed || cancelled.remove(me)) {
                    return WsaError.WSAEINTR;
                }
                long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - clock.nanoTime();
                if (left <= 0) {
                    return WsaError.WSAETIMEDOUT;
                }
                clock.awaitNanos(lock, changed, left);
            }
            return closed ? WsaError.WSAEINTR : null;
        } catch (InterruptedException e) {
            me.interrupt();
            return WsaError.WSAEINTR;
        } finally {
            blocked.remove(me);
            lock.unlock();
        }
    }

    /** WSPCancelBlockingCall: wakes {@code thread} if it waits on this socket. */
    boolean cancelBlockingCallOf(Thread thread) {
        lock.lock();
        try {
            if (!blocked.contains(thread)) {
                return false;
            }
            cancelled.add(thread);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private long deadline(int timeoutMs) {
        return timeoutMs > 0 ? clock.nanoTime() + timeoutMs * 1_000_000L : Long.MAX_VALUE;
    }

    private long epochNow() {
        lock.lock();
        try {
            return epoch;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ modes

    private boolean isNonBlocking() {
        return fionbio || events.isActive();
    }

    private boolean needsPoller() {
        return fionbio || events.isActive() || options.hasTimeouts();
    }

    private boolean channelIsBlocking() {
        SelectableChannel ch = channel();
        return ch != null && ch.isBlocking();
    }

    /** From here on the channel is nonblocking and waits go through the poller (never switched back). */
    private void ensurePolled() {
        SelectableChannel ch = channel();
        if (ch == null || !ch.isBlocking()) {
            return;
        }
        try {
            ch.configureBlocking(false); // waits for a thread inside a direct-mode call on this channel to leave
        } catch (IOException | RuntimeException e) {
            LOG.debug("switching {} to nonblocking", ch, e);
        }
    }

    // ------------------------------------------------------------------ helpers

    private void beginOverlapped(Overlapped ov) {
        if (!ov.isPending()) {
            ov.begin(Thread.currentThread()); // unless the runtime already did
        }
    }

    private void deliver(List<FinishedIo> done) {
        if (done.isEmpty()) {
            return;
        }
        var up = provider.upcalls();
        for (FinishedIo c : done) {
            if (up != null) {
                up.completeOverlapped(c.overlapped(), c.error(), c.bytes(), 0, null);
            } else {
                c.overlapped().finish(c.error(), c.bytes(), 0, null);
            }
        }
    }

    private WsaError ioFailed(IOException e) {
        lock.lock();
        try {
            return ioFailedLocked(e);
        } finally {
            lock.unlock();
        }
    }

    private WsaError ioFailedLocked(IOException e) {
        WsaError err = TcpErrors.of(e);
        if (err == WsaError.WSAECONNRESET) {
            reset = true;
        }
        soError = err;
        return err;
    }

    private void tapData(long n) {
        if (n > 0) {
            tap("DATA", (int) n, "");
        }
    }

    private void tap(String kind, int bytes, String detail) {
        WireTap tap = provider.wireTap();
        if (!tap.enabled()) {
            return;
        }
        tap.frame(new WireFrame(clock.nanoTime(), String.valueOf(local), String.valueOf(peer), kind, bytes, detail));
    }

    private static boolean hasNull(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (b == null) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasRemaining(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    private static long remaining(ByteBuffer[] buffers) {
        long n = 0;
        for (ByteBuffer b : buffers) {
            n += b.remaining();
        }
        return n;
    }

    @Override
    public String toString() {
        return "tcp[" + state + (local == null ? "" : " " + local) + (peer == null ? "" : " -> " + peer) + "]";
    }
}
