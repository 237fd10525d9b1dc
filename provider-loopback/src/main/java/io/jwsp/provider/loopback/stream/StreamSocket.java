package io.jwsp.provider.loopback.stream;

import io.jwsp.provider.loopback.core.Buffers;
import io.jwsp.provider.loopback.core.LoopbackSocket;
import io.jwsp.provider.loopback.core.LoopbackStack;
import io.jwsp.provider.loopback.net.Transport;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.IpProtocol;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.close.CloseOutcome;
import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.close.CloseTable;
import io.jwsp.spi.close.CloseType;
import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.AcceptCondition;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.io.MsgFlags;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.kit.closing.CloseFacts;
import io.jwsp.spi.kit.closing.CloseRows;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.kit.pending.PendingTransfer;
import io.jwsp.spi.kit.wait.BlockingWait;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback stream socket (the TCP role), from socket() through listen/accept or connect to close.
 *
 * <p>Data path: a send copies into the peer's {@link ByteRing}; the first SO_RCVBUF bytes there are the peer's
 * receive buffer and anything beyond is "queued data" still held for the sender, bounded by the sender's SO_SNDBUF.
 * A peer that does not read therefore leaves data queued at the sender, which is what the close/linger table
 * turns on. Both endpoints of a connection share the connector's lock and condition: one lock per connection.
 *
 * <p>Close: {@link #closeSocket} runs the socket kit's close sequence, which asks {@link CloseTable#decide} for the
 * row; this class performs each row in the method named after it ({@link #closeGracefullyInBackground},
 * {@link #closeAbortively}, {@link #closeAfterLinger}). Decisions where Winsock leaves room:
 * a hard close discards the peer's queued-but-unread data too, so the peer's next recv answers WSAECONNRESET (as
 * Windows does on an RST); the closer's own unread data is dropped without turning a graceful close into a reset;
 * a send to a peer that has closed resets the connection and answers WSAECONNRESET at once; TIME_WAIT is entered
 * by the active closer when its socket is closed and its FIN has reached the peer.
 */
public final class StreamSocket extends LoopbackSocket implements CloseRows {
    private static final Logger LOG = LoggerFactory.getLogger(StreamSocket.class);
    /** Winsock's SOMAXCONN answer: a reasonable maximum. */
    private static final int MAX_BACKLOG = 4096;
    /** From this many bytes a blocking send or recv copies with the lock released, so both ends copy at once. */
    private static final int UNLOCKED_COPY_MIN = 16 * 1024;

    private enum State { OPEN, LISTENING, CONNECTING, CONNECTED }

    private State state = State.OPEN;
    private volatile boolean listening;

    // connection
    private Connection conn;
    private StreamSocket peer;
    private ByteRing inbound;
    private InetSockAddr connectedLocal;
    private InetSockAddr peerName;
    private boolean finIn;
    private boolean finArrived;
    private boolean sendShutdown;
    private boolean receiveShutdown;
    private boolean timeWaitEntered;
    private boolean connectFailed;

    // listening
    private ArrayDeque<StreamSocket> backlog;
    private int backlogLimit;

    // options
    private final StreamOptions options = new StreamOptions();

    // close (set by stopMedium for the row that follows)
    private boolean connectedAtClose;
    private DeferredCompletions closing;
    private WsaError closeAnswer;
    private List<StreamSocket> orphans;

    // event re-enabling (Winsock's rules in spirit)
    private boolean readSignalled;
    private boolean acceptSignalled;
    private boolean writeBlocked;

    public StreamSocket(LoopbackStack stack, ProtocolInfo info, int family) {
        super(stack, info, family);
        this.sendBuffer = stack.settings().sendBuffer();
        this.receiveBuffer = stack.settings().receiveBuffer();
    }

    private StreamSocket(LoopbackStack stack, ProtocolInfo info, int family, ReentrantLock lock, Condition cond) {
        super(stack, info, family, lock, cond);
        this.sendBuffer = stack.settings().sendBuffer();
        this.receiveBuffer = stack.settings().receiveBuffer();
    }

    @Override
    protected Transport transport() {
        return Transport.STREAM;
    }

    // ================================================================== capacities

    private int receiveCapacity() {
        return Math.max(1, receiveBuffer);
    }

    /** Bytes this side may still hand to the stack: the peer's receive buffer plus this side's send buffer. */
    private int room() {
        long cap = (long) peer.receiveCapacity() + sendBuffer;
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, cap - peer.inbound.size()));
    }

    /** Bytes the peer has not had yet: beyond its receive buffer, still queued at this side. */
    private boolean dataQueued() {
        return state == State.CONNECTED && !conn.reset && !peer.isClosing()
                && peer.inbound.size() > peer.receiveCapacity();
    }

    /** Bytes a recv returns at once: what sits in this side's receive buffer. */
    private int available() {
        return Math.min(inbound.size(), receiveCapacity());
    }

    // ================================================================== listen / accept

    @Override
    protected WsaError bindState() {
        return state == State.CONNECTED || state == State.CONNECTING ? WsaError.WSAEINVAL : null;
    }

    @Override
    public WspResult<Void> listen(int backlogSize) {
        lock.lock();
        try {
            if (isClosing()) {
                return fail(WsaError.WSAENOTSOCK);
            }
            if (state == State.CONNECTED || state == State.CONNECTING) {
                return fail(WsaError.WSAEISCONN);
            }
            if (localName == null) {
                return fail(WsaError.WSAEINVAL);
            }
            backlogLimit = Math.max(1, Math.min(backlogSize, MAX_BACKLOG));
            if (state != State.LISTENING) {
                state = State.LISTENING;
                backlog = new ArrayDeque<>();
                listening = true;
            }
            return WspResult.ok();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A connect arrives (the connector's lock is held; this takes the listener's: connector before listener is the
     * only order). Answers the new server endpoint, queued in the backlog; {@code null} when this socket no longer
     * listens; {@link #REFUSED} when the backlog is full (the connector sees WSAECONNREFUSED, as from an RST).
     */
    private Object offer(StreamSocket client, InetSockAddr destination) {
        lock.lock();
        try {
            if (isClosing() || state != State.LISTENING) {
                return null;
            }
            if (backlog.size() >= backlogLimit) {
                return REFUSED;
            }
            StreamSocket server = new StreamSocket(stack, info, family, client.lock, client.changed);
            Inherited.from(this).applyTo(server); // buffer sizes count from the first byte
            InetSockAddr local = localName.isWildcard()
                    ? new InetSockAddr(destination.address(), localName.port()) : localName;
            InetSockAddr remote = client.localName.isWildcard()
                    ? new InetSockAddr(destination.address(), client.localName.port()) : client.localName;
            Connection c = new Connection(client, server, !options.conditionalAccept);
            client.attach(c, server, remote, destination);
            server.attach(c, client, local, remote);
            server.localName = local;
            backlog.addLast(server);
            if (!acceptSignalled) {
                acceptSignalled = true;
                post(FdEvents.FD_ACCEPT, null);
            }
            changed.signalAll();
            return server;
        } finally {
            lock.unlock();
        }
    }

    private static final Object REFUSED = new Object();

    private void attach(Connection c, StreamSocket other, InetSockAddr local, InetSockAddr remote) {
        conn = c;
        peer = other;
        inbound = new ByteRing();
        connectedLocal = local;
        peerName = remote;
        state = c.established || c.server == this ? State.CONNECTED : State.CONNECTING;
    }

    /**
     * What an accepted socket takes from its listener (linger, buffer sizes, time-outs, blocking mode, options and the
     * event-select association), captured under the listener's lock and applied under the connection's.
     */
    private record Inherited(StreamOptions options, int sendBuffer, int receiveBuffer, int sendTimeoutMillis,
                             int receiveTimeoutMillis, boolean nonBlocking, WspEvent event, int eventMask) {
        static Inherited from(StreamSocket listener) {
            StreamOptions copy = new StreamOptions();
            copy.inheritFrom(listener.options);
            return new Inherited(copy, listener.sendBuffer, listener.receiveBuffer, listener.sendTimeoutMillis,
                    listener.receiveTimeoutMillis, listener.nonBlocking, listener.selectedEvent(),
                    listener.selectedMask());
        }

        void applyTo(StreamSocket s) {
            s.options.inheritFrom(options);
            s.sendBuffer = sendBuffer;
            s.receiveBuffer = receiveBuffer;
            s.sendTimeoutMillis = sendTimeoutMillis;
            s.receiveTimeoutMillis = receiveTimeoutMillis;
            s.nonBlocking = nonBlocking;
        }
    }

    @Override
    public WspResult<Accepted> accept(AcceptCondition condition) {
        StreamSocket server;
        Inherited inherited;
        lock.lock();
        BlockingWait wait = null;
        try {
            if (isClosing()) {
                return fail(WsaError.WSAENOTSOCK);
            }
            if (state != State.LISTENING) {
                return fail(WsaError.WSAEINVAL);
            }
            while (backlog.isEmpty()) {
                if (nonBlocking) {
                    acceptSignalled = false;
                    return fail(WsaError.WSAEWOULDBLOCK);
                }
                if (wait == null) {
                    wait = startWait(0);
                }
                WsaError e = wait.park();
                if (isClosing()) {
                    return fail(WsaError.WSAEINTR);
                }
                if (e != null) {
                    return fail(e);
                }
            }
            server = backlog.pollFirst();
            acceptSignalled = false;
            if (!backlog.isEmpty()) {
                acceptSignalled = true;
                post(FdEvents.FD_ACCEPT, null);
            }
            inherited = Inherited.from(this);
        } finally {
            if (wait != null) {
                wait.end();
            }
            lock.unlock();
        }
        stack.readiness().changed();

        int decision = AcceptCondition.CF_ACCEPT;
        if (condition != null) {
            try {
                decision = condition.decide(server.peerName);
            } catch (RuntimeException e) {
                LOG.warn("accept condition threw; rejecting the connection from {}", server.peerName, e);
                decision = AcceptCondition.CF_REJECT;
            }
        }
        if (decision == AcceptCondition.CF_DEFER) {
            lock.lock();
            try {
                if (!isClosing() && state == State.LISTENING) {
                    backlog.addFirst(server);
                    return fail(WsaError.WSATRY_AGAIN);
                }
            } finally {
                lock.unlock();
            }
            server.refuse();
            return fail(WsaError.WSATRY_AGAIN);
        }
        if (decision != AcceptCondition.CF_ACCEPT) {
            server.refuse();
            return fail(decision == AcceptCondition.CF_REJECT ? WsaError.WSAECONNREFUSED : WsaError.WSAEINVAL);
        }
        DeferredCompletions done = new DeferredCompletions();
        server.lock.lock();
        try {
            inherited.applyTo(server);
            Connection c = server.conn;
            if (!c.established) {
                server.establish();
            }
            if (inherited.eventMask() != 0) {
                server.inheritEventSelect(inherited.event(), inherited.eventMask());
                server.postCurrentConditions();
            }
            c.pump(done);
            server.changed.signalAll();
            return WspResult.ok(new Accepted(server, server.peerName));
        } finally {
            server.lock.unlock();
            done.fire(stack::complete);
            stack.readiness().changed();
        }
    }

    /** A conditional accept said yes: the connector's connect completes. Called on the server side, lock held. */
    private void establish() {
        conn.established = true;
        StreamSocket client = peer;
        if (client.state == State.CONNECTING && !client.isClosing()) {
            client.state = State.CONNECTED;
            client.post(FdEvents.FD_CONNECT, null);
            client.post(FdEvents.FD_WRITE, null);
        }
        if (stack.tracing()) {
            stack.frame(connectedLocal, peerName, "SYN-ACK", 0, "accepted");
        }
    }

    /** The accept's condition rejected this (server-side) endpoint, or its listener went away. */
    private void refuse() {
        DeferredCompletions done = new DeferredCompletions();
        lock.lock();
        try {
            if (isClosing()) {
                return;
            }
            StreamSocket client = peer;
            if (!conn.established && client.state == State.CONNECTING) {
                // The connect is still in progress (SO_CONDITIONAL_ACCEPT): it fails with WSAECONNREFUSED.
                conn.reset = true;
                client.state = State.OPEN;
                client.connectFailed = true;
                client.pendingError = WsaError.WSAECONNREFUSED;
                client.conn = null;
                client.peer = null;
                client.inbound = null;
                client.post(FdEvents.FD_CONNECT, WsaError.WSAECONNREFUSED);
                if (stack.tracing()) {
                    stack.frame(connectedLocal, peerName, "RST", 0, "connection refused");
                }
            } else if (!conn.reset) {
                resetConnection(done, "accept rejected");
            }
            release();
        } finally {
            lock.unlock();
            done.fire(stack::complete);
            stack.readiness().changed();
        }
    }

    // ================================================================== connect

    @Override
    public WspResult<Void> connect(SockAddr name) {
        lock.lock();
        BlockingWait wait = null;
        try {
            if (isClosing()) {
                return fail(WsaError.WSAENOTSOCK);
            }
            if (!(name instanceof InetSockAddr destination)) {
                return fail(WsaError.WSAEFAULT);
            }
            if (destination.addressFamily() != family) {
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
                default -> { }
            }
            if (destination.isWildcard() || destination.port() == 0) {
                return fail(WsaError.WSAEADDRNOTAVAIL);
            }
            WsaError bindError = bindImplicitly();
            if (bindError != null) {
                return fail(bindError);
            }
            connectFailed = false;
            pendingError = null;
            if (stack.tracing()) {
                stack.frame(localName, destination, "SYN", 0, null);
            }
            WsaError refused = WsaError.WSAECONNREFUSED;
            for (Object candidate : stack.addresses().receivers(Transport.STREAM, destination)) {
                if (candidate instanceof StreamSocket listener && listener.listening) {
                    Object answer = listener.offer(this, destination);
                    if (answer == REFUSED) {
                        break;
                    }
                    if (answer != null) {
                        refused = null;
                        break;
                    }
                }
            }
            stack.readiness().changed();
            if (refused != null) {
                if (stack.tracing()) {
                    stack.frame(destination, localName, "RST", 0, "nothing listening");
                }
                if (nonBlocking) {
                    connectFailed = true;
                    pendingError = refused;
                    post(FdEvents.FD_CONNECT, refused);
                    return fail(WsaError.WSAEWOULDBLOCK);
                }
                return fail(refused);
            }
            if (state == State.CONNECTED) {
                if (stack.tracing()) {
                    stack.frame(destination, connectedLocal, "SYN-ACK", 0, null);
                }
                if (nonBlocking) {
                    post(FdEvents.FD_CONNECT, null);
                    post(FdEvents.FD_WRITE, null);
                    return fail(WsaError.WSAEWOULDBLOCK);
                }
                return WspResult.ok();
            }
            // A conditional accept decides: a nonblocking connect learns the answer through FD_CONNECT.
            if (nonBlocking) {
                return fail(WsaError.WSAEWOULDBLOCK);
            }
            while (state == State.CONNECTING) {
                if (wait == null) {
                    wait = startWait(0);
                }
                WsaError e = wait.park();
                if (isClosing()) {
                    return fail(WsaError.WSAEINTR);
                }
                if (e != null) {
                    return fail(e);
                }
            }
            if (state == State.CONNECTED) {
                return WspResult.ok();
            }
            WsaError e = pendingError == null ? WsaError.WSAECONNREFUSED : pendingError;
            pendingError = null;
            connectFailed = false;
            return fail(e);
        } finally {
            if (wait != null) {
                wait.end();
            }
            lock.unlock();
        }
    }

    // ================================================================== send

    @Override
    public WspResult<Integer> send(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        return transfer(false, buffers, flags, overlapped);
    }

    /**
     * A send or a recv: the call under the connection's lock, then, outside it, the completions it produced and, for
     * an overlapped call that finished at once, its own completion.
     */
    private WspResult<Integer> transfer(boolean receive, ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        DeferredCompletions done = new DeferredCompletions();
        WspResult<Integer> result;
        lock.lock();
        try {
            result = receive ? recvLocked(buffers, flags, overlapped, done)
                    : sendLocked(buffers, flags, overlapped, done);
        } finally {
            lock.unlock();
        }
        done.fire(stack::complete);
        if (result.isOk() && overlapped != null) {
            stack.complete(overlapped, null, result.value(), 0, null);
        }
        return result;
    }

    private WspResult<Integer> sendLocked(ByteBuffer[] buffers, int flags, Overlapped overlapped,
                                          DeferredCompletions done) {
        WsaError refusal = transferRefusal(buffers, flags, false);
        if (refusal != null) {
            return fail(refusal);
        }
        refusal = sendRefusal(done);
        if (refusal != null) {
            return fail(refusal);
        }
        int total = Buffers.remaining(buffers);
        if (overlapped != null) {
            return sendOverlapped(buffers, flags, overlapped, total, done);
        }
        int sent = 0;
        BlockingWait wait = null;
        try {
            while (true) {
                if (core.sends().isEmpty() && !peer.inbound.writing()) {
                    int want = Math.min(total - sent, room());
                    int n = want >= UNLOCKED_COPY_MIN ? transferUnlocked(buffers, want) : transfer(buffers, want);
                    if (n < 0) {
                        return fail(isClosing() ? WsaError.WSAEINTR : WsaError.WSAESHUTDOWN);
                    }
                    sent += n;
                    if (n > 0) {
                        conn.pump(done);
                        stack.readiness().changed();
                    }
                    if (want >= UNLOCKED_COPY_MIN && sent < total) {
                        refusal = sendRefusal(done); // the lock was released: the connection may have ended
                        if (refusal != null) {
                            return fail(refusal);
                        }
                    }
                }
                if (sent == total) {
                    return WspResult.ok(sent);
                }
                if (nonBlocking) {
                    if (sent > 0) {
                        return WspResult.ok(sent);
                    }
                    writeBlocked = true;
                    return fail(WsaError.WSAEWOULDBLOCK);
                }
                if (wait == null) {
                    wait = startWait(millisToNanos(sendTimeoutMillis));
                }
                WsaError e = wait.park();
                if (isClosing()) {
                    return fail(WsaError.WSAEINTR);
                }
                if (e != null) {
                    return fail(e);
                }
                refusal = sendRefusal(done);
                if (refusal != null) {
                    return fail(refusal);
                }
            }
        } finally {
            if (wait != null) {
                wait.end();
            }
        }
    }

    /** Why a send cannot go ahead now, or {@code null}. A send to a peer that has closed resets the connection. */
    private WsaError sendRefusal(DeferredCompletions done) {
        if (state != State.CONNECTED || !conn.established) {
            return WsaError.WSAENOTCONN;
        }
        if (sendShutdown) {
            return WsaError.WSAESHUTDOWN;
        }
        if (conn.reset) {
            return WsaError.WSAECONNRESET;
        }
        if (peer.isClosing()) {
            peer.resetConnection(done, "data for a closed socket");
            return WsaError.WSAECONNRESET;
        }
        return null;
    }

    /** Hands up to {@code max} bytes to the peer's ring, as far as there is room. */
    private int transfer(ByteBuffer[] buffers, int max) {
        int n = peer.inbound.write(buffers, Math.min(max, room()));
        traceData(n);
        return n;
    }

    /**
     * Hands {@code n} bytes (room checked) to the peer's ring, copying with the lock released so that the reader can
     * copy out at the same time. Answers -1, with nothing moved and the sources as they were, when this socket was
     * closed or shut down for sending meanwhile (its FIN may already be queued).
     */
    private int transferUnlocked(ByteBuffer[] buffers, int n) {
        ByteRing ring = peer.inbound;
        ByteRing.Slot slot = ring.reserveWrite(n);
        int[] marks = Buffers.positions(buffers);
        boolean filled = false;
        lock.unlock();
        try {
            slot.fill(buffers);
            filled = true;
        } finally {
            lock.lock();
            boolean keep = filled && !isClosing() && !sendShutdown;
            ring.commitWrite(slot, keep);
            if (!keep) {
                Buffers.restore(buffers, marks);
            }
        }
        if (isClosing() || sendShutdown) {
            return -1;
        }
        traceData(n);
        return n;
    }

    private void traceData(int n) {
        if (n > 0 && stack.tracing()) {
            stack.frame(connectedLocal, peerName, "DATA", n, null);
        }
    }

    private WspResult<Integer> sendOverlapped(ByteBuffer[] buffers, int flags, Overlapped overlapped, int total,
                                              DeferredCompletions done) {
        WsaError claim = stack.claim(overlapped);
        if (claim != null) {
            return fail(claim);
        }
        int n = 0;
        if (core.sends().isEmpty() && !peer.inbound.writing()) {
            n = transfer(buffers, total);
            if (n > 0) {
                conn.pump(done);
                stack.readiness().changed();
            }
            if (n == total) {
                return WspResult.ok(n);
            }
        }
        core.sends().add(new PendingTransfer(overlapped, buffers, flags, n));
        stack.pending(overlapped);
        return WspResult.pending();
    }

    /** Moves pending overlapped sends into the peer's ring while there is room; completes the finished ones. */
    boolean servePendingSends(DeferredCompletions done) {
        if (core.sends().isEmpty() || isClosing() || conn.reset || peer.isClosing()
                || peer.inbound.writing()) {
            return false;
        }
        boolean progress = false;
        while (!core.sends().isEmpty()) {
            PendingTransfer p = core.sends().first();
            int n = transfer(p.buffers(), (int) p.remaining());
            p.moved(n);
            progress |= n > 0;
            if (p.remaining() > 0) {
                break;
            }
            core.sends().completeFirst(null, 0, null, done);
        }
        return progress;
    }

    // ================================================================== receive

    @Override
    public WspResult<Integer> recv(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        return transfer(true, buffers, flags, overlapped);
    }

    private WspResult<Integer> recvLocked(ByteBuffer[] buffers, int flags, Overlapped overlapped,
                                          DeferredCompletions done) {
        WsaError refusal = transferRefusal(buffers, flags, true);
        if (refusal != null) {
            return fail(refusal);
        }
        if (state != State.CONNECTED || !conn.established) {
            return fail(WsaError.WSAENOTCONN);
        }
        if (receiveShutdown) {
            return fail(WsaError.WSAESHUTDOWN);
        }
        boolean peek = (flags & MsgFlags.MSG_PEEK) != 0;
        boolean waitAll = (flags & MsgFlags.MSG_WAITALL) != 0 && !peek;
        if (waitAll && nonBlocking && overlapped == null) {
            return fail(WsaError.WSAEOPNOTSUPP);
        }
        int total = Buffers.remaining(buffers);
        if (overlapped != null) {
            return recvOverlapped(buffers, flags, overlapped, total, peek, done);
        }
        int got = 0;
        BlockingWait wait = null;
        try {
            while (true) {
                if (conn.reset) {
                    return fail(WsaError.WSAECONNRESET);
                }
                int avail = inbound.reading() ? 0 : available();
                if (avail > 0 && total > got) {
                    int want = Math.min(avail, total - got);
                    int n = want >= UNLOCKED_COPY_MIN && !peek ? takeUnlocked(buffers, want, done)
                            : take(buffers, want, peek, done);
                    if (n < 0) {
                        return fail(WsaError.WSAEINTR);
                    }
                    got += n;
                    if (!waitAll || got == total) {
                        return WspResult.ok(got);
                    }
                    continue;
                }
                if (total == got || finIn && inbound.size() == 0) {
                    readSignalled = false;
                    return WspResult.ok(got);
                }
                if (nonBlocking) {
                    readSignalled = false;
                    return got > 0 ? WspResult.ok(got) : fail(WsaError.WSAEWOULDBLOCK);
                }
                if (wait == null) {
                    wait = startWait(millisToNanos(receiveTimeoutMillis));
                }
                WsaError e = wait.park();
                if (isClosing()) {
                    return fail(WsaError.WSAEINTR);
                }
                if (e != null) {
                    return fail(e);
                }
                // shutdown never ends a recv already blocked (observed Windows): data, the end or a close do.
            }
        } finally {
            if (wait != null) {
                wait.end();
            }
        }
    }

    /** Reads from this side's receive buffer; a real read frees room, which the connection then passes on. */
    private int take(ByteBuffer[] buffers, int max, boolean peek, DeferredCompletions done) {
        int n = inbound.read(buffers, max, peek);
        readSignalled = false;
        if (!peek) {
            roomFreed(done);
        } else {
            settle();
        }
        return n;
    }

    /** A real read freed room: the connection passes it on (pending sends, FD_WRITE) and the writer wakes. */
    private void roomFreed(DeferredCompletions done) {
        conn.pump(done);
        changed.signalAll();
        stack.readiness().changed();
    }

    /**
     * Takes {@code n} available bytes, copying with the lock released so that the writer can copy in at the same
     * time. Answers -1, with nothing consumed and the targets as they were, when this socket was closed meanwhile.
     */
    private int takeUnlocked(ByteBuffer[] buffers, int n, DeferredCompletions done) {
        ByteRing.Slot slot = inbound.reserveRead(n);
        int[] marks = Buffers.positions(buffers);
        boolean drained = false;
        lock.unlock();
        try {
            slot.drain(buffers);
            drained = true;
        } finally {
            lock.lock();
            boolean keep = drained && !isClosing();
            inbound.commitRead(slot, keep);
            if (!keep) {
                Buffers.restore(buffers, marks);
            }
        }
        if (isClosing()) {
            return -1;
        }
        readSignalled = false;
        roomFreed(done);
        return n;
    }

    private WspResult<Integer> recvOverlapped(ByteBuffer[] buffers, int flags, Overlapped overlapped, int total,
                                              boolean peek, DeferredCompletions done) {
        if (conn.reset) {
            return fail(WsaError.WSAECONNRESET);
        }
        WsaError claim = stack.claim(overlapped);
        if (claim != null) {
            return fail(claim);
        }
        if (core.receives().isEmpty() && !inbound.reading()) {
            int avail = available();
            if (avail > 0 || total == 0 || finIn && inbound.size() == 0) {
                int n = avail > 0 ? take(buffers, Math.min(avail, total), peek, done) : 0;
                return WspResult.ok(n);
            }
        }
        core.receives().add(new PendingTransfer(overlapped, buffers, flags, 0));
        stack.pending(overlapped);
        readSignalled = false;
        return WspResult.pending();
    }

    /** Completes pending overlapped receives from the receive buffer, or with 0 at the end of the stream. */
    boolean servePendingReceives(DeferredCompletions done) {
        if (core.receives().isEmpty() || isClosing() || conn.reset || inbound.reading()) {
            return false;
        }
        boolean progress = false;
        while (!core.receives().isEmpty()) {
            int avail = available();
            PendingTransfer p = core.receives().first();
            boolean peek = (p.flags() & MsgFlags.MSG_PEEK) != 0;
            if (avail > 0) {
                int n = inbound.read(p.buffers(), (int) Math.min(avail, p.remaining()), peek);
                p.moved(n);
                core.receives().completeFirst(null, 0, null, done);
                progress |= !peek && n > 0;
            } else if (finIn && inbound.size() == 0) {
                core.receives().completeFirst(null, 0, null, done);
            } else {
                break;
            }
        }
        return progress;
    }

    // ================================================================== events

    /**
     * Brings events up to date after data moved: FD_READ when data arrived and none is signalled, FD_WRITE when a
     * send was refused for room and room returned, and the FIN's arrival once everything before it fits in the
     * receive buffer. Wakes this connection's waiters. Lock held.
     */
    void settle() {
        if (isClosing() || state != State.CONNECTED) {
            return;
        }
        if (!conn.reset) {
            if (!readSignalled && inbound.size() > 0) {
                readSignalled = true;
                post(FdEvents.FD_READ, null);
            }
            if (finIn && !finArrived && inbound.size() <= receiveCapacity()) {
                finArrived();
            }
            if (writeBlocked && !peer.isClosing() && room() > 0) {
                writeBlocked = false;
                post(FdEvents.FD_WRITE, null);
            }
        }
        changed.signalAll();
    }

    /** The peer's FIN reached this side: FD_CLOSE (graceful), and the peer may now be in TIME_WAIT. */
    private void finArrived() {
        finArrived = true;
        StreamSocket sender = peer;
        if (stack.tracing()) {
            stack.frame(sender.connectedLocal, connectedLocal, "FIN", 0, null);
        }
        if (conn.activeCloser == null && !sender.finArrived) {
            conn.activeCloser = sender;
        }
        post(FdEvents.FD_CLOSE, null);
        sender.maybeEnterTimeWait();
    }

    /** A closed active closer whose FIN has arrived holds its connection's name in TIME_WAIT. */
    private void maybeEnterTimeWait() {
        if (isClosing() && !timeWaitEntered && conn != null && !conn.reset && conn.activeCloser == this
                && peer.finArrived) {
            timeWaitEntered = true;
            stack.timeWait().enter(connectedLocal, peerName, stack.clock().nanoTime(),
                    stack.settings().timeWaitNanos());
            LOG.debug("{} -> {} enters TIME_WAIT", connectedLocal, peerName);
        }
    }

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

    /** Puts this side's FIN behind its queued data; it arrives once the peer's receive buffer holds the rest. */
    private void sendFin(DeferredCompletions done) {
        if (peer.finIn) {
            return;
        }
        peer.finIn = true;
        conn.pump(done);
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

    /**
     * An RST from this side: both directions' data is discarded; the other side (if still open) gets FD_CLOSE with
     * WSAECONNRESET, and its pending overlapped operations complete with WSAECONNRESET.
     */
    private void resetConnection(DeferredCompletions done, String why) {
        conn.reset = true;
        inbound.clear();
        peer.inbound.clear();
        if (stack.tracing()) {
            stack.frame(connectedLocal, peerName, "RST", 0, why);
        }
        for (StreamSocket side : new StreamSocket[] {this, peer}) {
            if (!side.isClosing()) {
                side.core.sends().abortAll(WsaError.WSAECONNRESET, done);
                side.core.receives().abortAll(WsaError.WSAECONNRESET, done);
                side.post(FdEvents.FD_CLOSE, WsaError.WSAECONNRESET);
            }
        }
        changed.signalAll();
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
}
