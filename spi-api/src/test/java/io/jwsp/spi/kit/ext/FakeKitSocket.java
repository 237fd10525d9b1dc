package io.jwsp.spi.kit.ext;

import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ServiceFlags;
import io.jwsp.spi.io.AcceptCondition;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.kit.KitSocket;
import io.jwsp.spi.kit.SocketCore;
import io.jwsp.spi.kit.SocketServices;
import io.jwsp.spi.kit.pending.OverlappedCompleter;
import io.jwsp.spi.kit.wait.BlockingCalls;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import io.jwsp.spi.trace.WireTap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A TCP-like socket on the kit whose accept is a script the test writes (the seam where a test acts between the
 * accept condition's answer and the accept's return), and whose names are fixed: the listener, the accept socket and
 * the accepted connection of an AcceptEx, without a provider.
 */
final class FakeKitSocket implements KitSocket {
    private static final ProtocolInfo INFO = ProtocolInfo.base("fake tcp", UUID.randomUUID(), AddressFamily.AF_INET,
            SocketType.SOCK_STREAM, 0, ServiceFlags.XP1_GRACEFUL_CLOSE | ServiceFlags.XP1_GUARANTEED_ORDER, 0, 0);

    private final ReentrantLock lock = new ReentrantLock();
    private final SocketCore core;
    private final boolean listening;
    private final SockAddr local;
    private final SockAddr remote;
    final AtomicBoolean closed = new AtomicBoolean();
    volatile Function<AcceptCondition, WspResult<Accepted>> acceptScript =
            c -> WspResult.fail(WsaError.WSAEWOULDBLOCK);

    private FakeKitSocket(OverlappedCompleter completer, boolean listening, SockAddr local, SockAddr remote) {
        this.core = new SocketCore(new SocketServices(new VirtualClock(), new BlockingCalls(), completer,
                WireTap.NONE, null, null), lock, lock.newCondition());
        this.listening = listening;
        this.local = local;
        this.remote = remote;
    }

    static FakeKitSocket listener(OverlappedCompleter completer) {
        return new FakeKitSocket(completer, true, null, null);
    }

    /** A fresh socket: neither bound nor connected. */
    static FakeKitSocket fresh(OverlappedCompleter completer) {
        return new FakeKitSocket(completer, false, null, null);
    }

    static FakeKitSocket connected(OverlappedCompleter completer, SockAddr local, SockAddr remote) {
        return new FakeKitSocket(completer, false, local, remote);
    }

    /** A blocking listener's accept with an empty backlog: the kit's wait, until a connection or a close. */
    WspResult<Accepted> acceptFromEmptyBacklog() {
        lock.lock();
        try {
            return core.block(false, 0, () -> null);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public SocketCore core() {
        return core;
    }

    @Override
    public ProtocolInfo protocolInfo() {
        return INFO;
    }

    @Override
    public WspResult<Accepted> accept(AcceptCondition condition) {
        return acceptScript.apply(condition);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> WspResult<T> getSockOpt(SockOpt<T> option) {
        return option == SocketOptions.SO_ACCEPTCONN ? (WspResult<T>) WspResult.ok(listening)
                : WspResult.fail(WsaError.WSAENOPROTOOPT);
    }

    @Override
    public WspResult<SockAddr> getSockName() {
        return local == null ? WspResult.fail(WsaError.WSAEINVAL) : WspResult.ok(local);
    }

    @Override
    public WspResult<SockAddr> getPeerName() {
        return remote == null ? WspResult.fail(WsaError.WSAENOTCONN) : WspResult.ok(remote);
    }

    @Override
    public WspResult<Void> closeSocket() {
        return closed.compareAndSet(false, true) ? WspResult.ok() : WspResult.fail(WsaError.WSAENOTSOCK);
    }
}
