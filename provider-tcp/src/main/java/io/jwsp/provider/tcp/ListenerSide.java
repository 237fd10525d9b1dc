package io.jwsp.provider.tcp;

import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.AcceptCondition;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.kit.SocketCore;
import io.jwsp.spi.kit.state.SocketState;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * listen and accept on the kernel: a bound SocketChannel hands its address to a ServerSocketChannel; a blocking
 * accept on a blocking channel is the JDK's own (without the socket's lock), any other waits in the kit's loop for
 * the poller. The accept condition runs without any lock (it is the application's code); a deferred connection
 * (CF_DEFER) is kept for the next accept.
 */
final class ListenerSide {
    private final TcpSocket socket;
    private final SocketCore core;
    private final ReentrantLock lock;
    private final KernelChannel channel;
    /** A connection the condition deferred (guarded by the lock). */
    private SocketChannel deferred;

    ListenerSide(TcpSocket socket) {
        this.socket = socket;
        this.core = socket.core();
        this.lock = socket.lock();
        this.channel = socket.channel();
    }

    /** Whether a deferred connection waits (select reports the listener readable). Lock held. */
    boolean hasDeferred() {
        return deferred != null;
    }

    /** closesocket: a deferred connection is closed with its listener. Lock held; never waits. */
    void dropDeferred() {
        KernelChannel.closeQuietly(deferred);
        deferred = null;
    }

    WspResult<Void> listen(int backlog) {
        lock.lock();
        try {
            WsaError notOpen = core.status().ensureOpen();
            if (notOpen != null) {
                return WspResult.fail(notOpen);
            }
            switch (core.status().state()) {
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
            InetSocketAddress at = socket.local();
            channel.stream().close();
            ServerSocketChannel ssc = channel.openListener();
            try {
                socket.options().applyTo(ssc);
                ssc.bind(at, Math.max(1, backlog));
                channel.configureNew(ssc, socket.needsPoller());
            } catch (IOException | RuntimeException e) {
                ssc.close();
                channel.reopenStream(socket.options(), socket.needsPoller());
                socket.setLocal(null);
                core.status().moveTo(SocketState.OPEN);
                return WspResult.fail(TcpErrors.of(e));
            }
            channel.becomeListener(ssc);
            socket.setLocal((InetSocketAddress) ssc.getLocalAddress());
            core.status().moveTo(SocketState.LISTENING);
            if (core.events().isActive()) {
                socket.readiness().update();
            }
            return WspResult.ok();
        } catch (IOException e) {
            return WspResult.fail(TcpErrors.of(e));
        } finally {
            lock.unlock();
        }
    }

    WspResult<Accepted> accept(AcceptCondition condition) {
        SocketChannel c;
        boolean direct;
        lock.lock();
        try {
            WsaError notOpen = core.status().ensureOpen();
            if (notOpen != null) {
                return WspResult.fail(notOpen);
            }
            if (!core.status().is(SocketState.LISTENING)) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            c = deferred;
            deferred = null;
            direct = c == null && socket.enterDirectCall();
        } finally {
            lock.unlock();
        }
        if (direct) {
            try {
                c = channel.listener().accept();
            } catch (ClosedChannelException e) {
                return WspResult.fail(socket.isClosed() ? WsaError.WSAEINTR : WsaError.WSAENOTSOCK);
            } catch (IOException e) {
                return WspResult.fail(TcpErrors.of(e));
            } finally {
                channel.leaveDirect();
            }
        }
        if (c == null) {
            channel.ensurePolled();
            WspResult<SocketChannel> waited = polledAccept();
            if (!waited.isOk()) {
                return WspResult.fail(waited.error());
            }
            c = waited.value();
        }
        return admit(c, condition);
    }

    private WspResult<SocketChannel> polledAccept() {
        lock.lock();
        try {
            return core.block(socket.isNonBlocking(), 0, () -> {
                try {
                    SocketChannel c = channel.listener().accept();
                    if (c != null) {
                        return WspResult.ok(c);
                    }
                } catch (ClosedChannelException e) {
                    return WspResult.fail(socket.isClosed() ? WsaError.WSAEINTR : WsaError.WSAENOTSOCK);
                } catch (IOException e) {
                    return WspResult.fail(TcpErrors.of(e));
                }
                if (socket.isNonBlocking()) {
                    socket.readiness().reenableAccept();
                    return null;
                }
                return socket.readiness().awaitReadable();
            });
        } finally {
            lock.unlock();
        }
    }

    /** The condition's verdict, then a socket for the connection inheriting the listener's options and events. */
    private WspResult<Accepted> admit(SocketChannel c, AcceptCondition condition) {
        try {
            InetSocketAddress from = (InetSocketAddress) c.getRemoteAddress();
            if (condition != null) {
                int verdict = condition.decide(InetSockAddr.of(from));
                if (verdict == AcceptCondition.CF_REJECT) {
                    c.setOption(StandardSocketOptions.SO_LINGER, 0);
                    c.close();
                    reenableAccept();
                    return WspResult.fail(WsaError.WSAECONNREFUSED);
                }
                if (verdict == AcceptCondition.CF_DEFER) {
                    lock.lock();
                    try {
                        deferred = c;
                    } finally {
                        lock.unlock();
                    }
                    return WspResult.fail(WsaError.WSATRY_AGAIN);
                }
            }
            TcpSocket s = socket.acceptedSocket(c);
            WspEvent event;
            int mask;
            lock.lock();
            try {
                // Accepted sockets inherit the listener's options (linger too), mode and event selection.
                s.inheritFrom(socket);
                s.options().applyTo(c);
                event = core.events().event();
                mask = core.events().mask();
            } finally {
                lock.unlock();
            }
            s.lock().lock();
            try {
                s.channel().configureNew(c, s.needsPoller());
                s.becomeConnected();
            } finally {
                s.lock().unlock();
            }
            socket.provider().adopt(s);
            s.readiness().inheritSelection(event, mask);
            reenableAccept();
            return WspResult.ok(new Accepted(s, InetSockAddr.of(from)));
        } catch (IOException e) {
            KernelChannel.closeQuietly(c);
            return WspResult.fail(TcpErrors.of(e));
        }
    }

    private void reenableAccept() {
        lock.lock();
        try {
            socket.readiness().reenableAccept();
        } finally {
            lock.unlock();
        }
    }
}
