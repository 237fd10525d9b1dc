package io.jwsp.provider.tcp;

import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.kit.SocketCore;
import io.jwsp.spi.kit.state.SocketState;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * connect on the kernel: on a blocking channel the JDK's own blocking connect (without the socket's lock);
 * otherwise a nonblocking connect that the poller finishes (FD_CONNECT, select's write or except set), with a
 * blocking caller waiting in the kit's loop. A failed connect leaves Winsock's socket usable for another try, so the
 * JDK channel it closed is replaced.
 */
final class Connector {
    private static final Logger LOG = LoggerFactory.getLogger(Connector.class);

    private final TcpSocket socket;
    private final SocketCore core;
    private final ReentrantLock lock;
    private final KernelChannel channel;

    Connector(TcpSocket socket) {
        this.socket = socket;
        this.core = socket.core();
        this.lock = socket.lock();
        this.channel = socket.channel();
    }

    WspResult<Void> connect(SockAddr name) {
        WsaError bad = socket.checkAddress(name);
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
            WsaError notOpen = core.status().ensureOpen();
            if (notOpen != null) {
                return WspResult.fail(notOpen);
            }
            switch (core.status().state()) {
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
            ch = channel.stream();
            direct = channel.isDirect();
            socket.clearConnectFailure();
            if (direct) {
                channel.enterDirect();
            } else {
                core.status().moveTo(SocketState.CONNECTING);
            }
        } finally {
            lock.unlock();
        }
        return direct ? directConnect(ch, to) : polledConnect(ch, to);
    }

    private WspResult<Void> directConnect(SocketChannel ch, InetSockAddr to) {
        try {
            ch.connect(to.toInetSocketAddress());
        } catch (ClosedChannelException e) {
            return WspResult.fail(socket.isClosed() ? WsaError.WSAEINTR : WsaError.WSAENOTSOCK);
        } catch (IOException | RuntimeException e) {
            return WspResult.fail(failedUnlocked(TcpErrors.of(e), false));
        } finally {
            channel.leaveDirect();
        }
        lock.lock();
        try {
            socket.becomeConnected();
            return WspResult.ok();
        } catch (IOException e) {
            return WspResult.fail(TcpErrors.of(e));
        } finally {
            lock.unlock();
        }
    }

    private WspResult<Void> polledConnect(SocketChannel ch, InetSockAddr to) {
        boolean nonBlocking;
        lock.lock();
        try {
            try {
                if (ch.connect(to.toInetSocketAddress())) {
                    socket.becomeConnected();
                    core.events().post(FdEvents.FD_CONNECT, null);
                    socket.readiness().reenableWrite();
                    return WspResult.ok();
                }
            } catch (IOException | RuntimeException e) {
                WsaError err = failed(TcpErrors.of(e), false);
                core.events().post(FdEvents.FD_CONNECT, err);
                return WspResult.fail(err);
            }
            socket.readiness().update();
            nonBlocking = socket.isNonBlocking();
            return core.block(nonBlocking, 0, () -> {
                SocketState now = core.status().state();
                if (now == SocketState.CONNECTING) {
                    return null;
                }
                if (now == SocketState.CONNECTED) {
                    return WspResult.ok();
                }
                WsaError err = socket.takeError();
                return WspResult.fail(err == null ? WsaError.WSAECONNREFUSED : err);
            });
        } finally {
            lock.unlock();
        }
    }

    /**
     * The poller saw the connect end: CONNECTED and FD_CONNECT, or the failure recorded (SO_ERROR, select's except
     * set, FD_CONNECT with the error); the state says which. Lock held.
     */
    void finishConnect() {
        try {
            if (channel.stream().finishConnect()) {
                socket.becomeConnected();
                core.events().post(FdEvents.FD_CONNECT, null);
            }
        } catch (IOException e) {
            WsaError err = failed(TcpErrors.of(e), true);
            core.events().post(FdEvents.FD_CONNECT, err);
        }
    }

    private WsaError failedUnlocked(WsaError err, boolean seenByPoller) {
        lock.lock();
        try {
            return failed(err, seenByPoller);
        } finally {
            lock.unlock();
        }
    }

    /** A failed connect: back to OPEN with a fresh channel, the error kept for SO_ERROR. Lock held. */
    private WsaError failed(WsaError err, boolean seenByPoller) {
        if (core.status().isClosing()) {
            return err;
        }
        core.status().moveTo(SocketState.OPEN);
        socket.setLocal(null);
        socket.recordError(err, seenByPoller);
        try {
            channel.reopenStream(socket.options(), socket.needsPoller());
        } catch (IOException e) {
            LOG.debug("reopening after a failed connect", e);
        }
        core.changed().signalAll();
        return err;
    }
}
