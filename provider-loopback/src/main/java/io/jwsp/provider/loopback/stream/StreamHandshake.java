package io.jwsp.provider.loopback.stream;

import io.jwsp.provider.loopback.core.CountedCondition;
import io.jwsp.provider.loopback.core.LoopbackStack;
import io.jwsp.provider.loopback.net.Transport;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.AcceptCondition;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.kit.wait.BlockingWait;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Connection setup of a loopback stream socket: listen and its backlog, connect, and accept with its condition
 * (SO_CONDITIONAL_ACCEPT defers the connector's answer until accept decides). A connect offers itself to a listener
 * under the connector's lock, then takes the listener's: connector before listener is the only order.
 *
 * <p>One layer of {@link StreamSocket}; see {@link StreamDataPath} for why layers rather than parts.
 */
abstract sealed class StreamHandshake extends StreamDataPath permits StreamSocket {
    /** Winsock's SOMAXCONN answer: a reasonable maximum. */
    private static final int MAX_BACKLOG = 4096;
    private static final Object REFUSED = new Object();

    volatile boolean listening;
    boolean connectFailed;
    ArrayDeque<StreamSocket> backlog;
    private int backlogLimit;
    boolean acceptSignalled;

    final StreamOptions options = new StreamOptions();

    StreamHandshake(LoopbackStack stack, ProtocolInfo info, int family) {
        super(stack, info, family);
    }

    StreamHandshake(LoopbackStack stack, ProtocolInfo info, int family, ReentrantLock lock,
                    CountedCondition cond) {
        super(stack, info, family, lock, cond);
    }

    /** This endpoint as the socket it is; the hierarchy is sealed, so the cast cannot fail. */
    private StreamSocket self() {
        return (StreamSocket) this;
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
    final Object offer(StreamSocket client, InetSockAddr destination) {
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

    final void attach(Connection c, StreamSocket other, InetSockAddr local, InetSockAddr remote) {
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
        static Inherited from(StreamHandshake listener) {
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
                WsaError e = parkOnce(wait);
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
    final void establish() {
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
    final void refuse() {
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
                    Object answer = listener.offer(self(), destination);
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
                WsaError e = parkOnce(wait);
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
}
