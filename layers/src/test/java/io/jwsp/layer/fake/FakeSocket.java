package io.jwsp.layer.fake;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.io.AcceptCondition;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/** One fake stream socket; all state is guarded by the provider's lock. */
final class FakeSocket implements WspSocket {
    private final FakeStreamProvider p;
    private final ProtocolInfo info;
    private int port;
    private boolean listening;
    private boolean closed;
    private boolean sendShut;
    private final ArrayDeque<FakeSocket> backlog = new ArrayDeque<>();
    FakeSocket peer;
    private final ArrayDeque<Byte> inbound = new ArrayDeque<>();
    private boolean eof;
    private boolean reset;
    private Linger linger = Linger.DONT_LINGER;

    FakeSocket(FakeStreamProvider p, ProtocolInfo info) {
        this.p = p;
        this.info = info;
    }

    boolean readable() {
        return !inbound.isEmpty() || eof || reset || !backlog.isEmpty();
    }

    @Override
    public ProtocolInfo protocolInfo() {
        return info;
    }

    private <T> WspResult<T> check() {
        return closed ? WspResult.fail(WsaError.WSAENOTSOCK) : null;
    }

    @Override
    public WspResult<Void> bind(SockAddr name) {
        p.lock.lock();
        try {
            WspResult<Void> c = check();
            if (c != null) {
                return c;
            }
            if (!(name instanceof InetSockAddr a)) {
                return WspResult.fail(WsaError.WSAEFAULT);
            }
            port = a.port() == 0 ? p.nextPort++ : a.port();
            return WspResult.ok();
        } finally {
            p.lock.unlock();
        }
    }

    @Override
    public WspResult<Void> listen(int backlogSize) {
        p.lock.lock();
        try {
            WspResult<Void> c = check();
            if (c != null) {
                return c;
            }
            if (port == 0) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            listening = true;
            p.listeners.put(port, this);
            return WspResult.ok();
        } finally {
            p.lock.unlock();
        }
    }

    @Override
    public WspResult<Accepted> accept(AcceptCondition condition) {
        p.lock.lock();
        try {
            while (true) {
                WspResult<Accepted> c = check();
                if (c != null) {
                    return c.retype();
                }
                if (!listening) {
                    return WspResult.fail(WsaError.WSAEINVAL);
                }
                FakeSocket s = backlog.poll();
                if (s != null) {
                    s.linger = linger;
                    return WspResult.ok(new Accepted(s, InetSockAddr.loopback4(s.peer.port)));
                }
                p.await(Long.MAX_VALUE);
            }
        } finally {
            p.lock.unlock();
        }
    }

    @Override
    public WspResult<Void> connect(SockAddr name) {
        p.lock.lock();
        try {
            WspResult<Void> c = check();
            if (c != null) {
                return c;
            }
            if (!(name instanceof InetSockAddr a)) {
                return WspResult.fail(WsaError.WSAEFAULT);
            }
            FakeSocket l = p.listeners.get(a.port());
            if (l == null) {
                return WspResult.fail(WsaError.WSAECONNREFUSED);
            }
            if (port == 0) {
                port = p.nextPort++;
            }
            FakeSocket server = new FakeSocket(p, l.info);
            server.port = l.port;
            server.peer = this;
            this.peer = server;
            l.backlog.add(server);
            p.changed.signalAll();
            return WspResult.ok();
        } finally {
            p.lock.unlock();
        }
    }

    @Override
    public WspResult<Integer> send(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        p.lock.lock();
        try {
            WspResult<Integer> c = check();
            if (c != null) {
                return c;
            }
            if (buffers == null) {
                return WspResult.fail(WsaError.WSAEFAULT);
            }
            if (reset) {
                return WspResult.fail(WsaError.WSAECONNRESET);
            }
            if (peer == null) {
                return WspResult.fail(WsaError.WSAENOTCONN);
            }
            if (sendShut) {
                return WspResult.fail(WsaError.WSAESHUTDOWN);
            }
            int n = 0;
            for (ByteBuffer b : buffers) {
                if (b == null) {
                    return WspResult.fail(WsaError.WSAEFAULT);
                }
                while (b.hasRemaining()) {
                    peer.inbound.add(b.get());
                    n++;
                }
            }
            p.changed.signalAll();
            return WspResult.ok(n);
        } finally {
            p.lock.unlock();
        }
    }

    @Override
    public WspResult<Integer> recv(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        p.lock.lock();
        try {
            while (true) {
                WspResult<Integer> c = check();
                if (c != null) {
                    return c;
                }
                if (buffers == null) {
                    return WspResult.fail(WsaError.WSAEFAULT);
                }
                if (reset) {
                    return WspResult.fail(WsaError.WSAECONNRESET);
                }
                if (peer == null && !eof) {
                    return WspResult.fail(WsaError.WSAENOTCONN);
                }
                if (!inbound.isEmpty()) {
                    int n = 0;
                    for (ByteBuffer b : buffers) {
                        while (b.hasRemaining() && !inbound.isEmpty()) {
                            b.put(inbound.poll());
                            n++;
                        }
                    }
                    p.changed.signalAll();
                    return WspResult.ok(n);
                }
                if (eof) {
                    return WspResult.ok(0);
                }
                p.await(Long.MAX_VALUE);
            }
        } finally {
            p.lock.unlock();
        }
    }

    @Override
    public WspResult<Void> shutdown(int how) {
        p.lock.lock();
        try {
            WspResult<Void> c = check();
            if (c != null) {
                return c;
            }
            if (!ShutdownHow.isValid(how)) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            if (ShutdownHow.stopsSending(how) && peer != null) {
                sendShut = true;
                peer.eof = true;
                p.changed.signalAll();
            }
            return WspResult.ok();
        } finally {
            p.lock.unlock();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> WspResult<Void> setSockOpt(SockOpt<T> option, T value) {
        p.lock.lock();
        try {
            WspResult<Void> c = check();
            if (c != null) {
                return c;
            }
            if (value == null) {
                return WspResult.fail(WsaError.WSAEFAULT);
            }
            if (option.equals(SocketOptions.SO_LINGER)) {
                linger = (Linger) value;
                return WspResult.ok();
            }
            if (option.equals(SocketOptions.SO_DONTLINGER)) {
                linger = linger.withDontLinger((Boolean) value);
                return WspResult.ok();
            }
            return WspResult.fail(WsaError.WSAENOPROTOOPT);
        } finally {
            p.lock.unlock();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> WspResult<T> getSockOpt(SockOpt<T> option) {
        p.lock.lock();
        try {
            WspResult<T> c = check();
            if (c != null) {
                return c;
            }
            if (option.equals(SocketOptions.SO_LINGER)) {
                return WspResult.ok((T) linger);
            }
            return WspResult.fail(WsaError.WSAENOPROTOOPT);
        } finally {
            p.lock.unlock();
        }
    }

    @Override
    public WspResult<SockAddr> getSockName() {
        p.lock.lock();
        try {
            WspResult<SockAddr> c = check();
            return c != null ? c : port == 0 ? WspResult.fail(WsaError.WSAEINVAL)
                    : WspResult.ok(InetSockAddr.loopback4(port));
        } finally {
            p.lock.unlock();
        }
    }

    @Override
    public WspResult<SockAddr> getPeerName() {
        p.lock.lock();
        try {
            WspResult<SockAddr> c = check();
            return c != null ? c : peer == null || reset ? WspResult.fail(WsaError.WSAENOTCONN)
                    : WspResult.ok(InetSockAddr.loopback4(peer.port));
        } finally {
            p.lock.unlock();
        }
    }

    /** The close table, in small: linger(1,0) resets the peer; linger(1,N) waits for the peer to read. */
    @Override
    public WspResult<Void> closeSocket() {
        p.lock.lock();
        try {
            WspResult<Void> c = check();
            if (c != null) {
                return c;
            }
            closed = true;
            if (listening) {
                p.listeners.remove(port);
            }
            if (peer != null && !reset) {
                if (linger.isAbortive()) {
                    peer.reset = true;
                } else if (linger.waits() && !peer.inbound.isEmpty()) {
                    long left = linger.seconds() * 1_000_000_000L;
                    long deadline = p.clock.nanoTime() + left;
                    while (!peer.inbound.isEmpty() && left > 0) {
                        p.await(left);
                        left = deadline - p.clock.nanoTime();
                    }
                    if (peer.inbound.isEmpty()) {
                        peer.eof = true;
                    } else {
                        peer.reset = true;
                    }
                } else {
                    peer.eof = true;
                }
                peer.peer = null;
            }
            p.changed.signalAll();
            return WspResult.ok();
        } finally {
            p.lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "FakeSocket[" + port + "]";
    }
}
