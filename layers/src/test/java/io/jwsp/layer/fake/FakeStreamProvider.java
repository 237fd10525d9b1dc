package io.jwsp.layer.fake;

import io.jwsp.spi.StartupReply;
import io.jwsp.spi.Upcalls;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.IpProtocol;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ProviderFlags;
import io.jwsp.spi.catalog.ServiceFlags;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.TimeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A tiny in-memory stream provider for the layer tests, independent of the real base providers: connect, accept,
 * blocking send/recv on the given clock, graceful and hard close, and linger(1,N) waiting for the peer to read.
 */
public final class FakeStreamProvider implements WspProvider {
    public static final UUID ID = UUID.fromString("00000000-0000-4000-8000-00000000fa4e");
    public static final ProtocolInfo ENTRY = ProtocolInfo.base("fake stream", ID, AddressFamily.AF_INET,
            SocketType.SOCK_STREAM, IpProtocol.IPPROTO_TCP,
            ServiceFlags.XP1_GRACEFUL_CLOSE | ServiceFlags.XP1_GUARANTEED_DELIVERY | ServiceFlags.XP1_GUARANTEED_ORDER,
            ProviderFlags.PFL_MATCHES_PROTOCOL_ZERO, 0).withCatalogEntryId(1001);

    final TimeSource clock;
    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();
    final Map<Integer, FakeSocket> listeners = new HashMap<>();
    int nextPort = 40000;
    int startups;
    /** The protocol info every socket() call received, in order. */
    public final List<ProtocolInfo> socketInfos = new CopyOnWriteArrayList<>();

    public FakeStreamProvider(TimeSource clock) {
        this.clock = clock;
    }

    public int startups() {
        lock.lock();
        try {
            return startups;
        } finally {
            lock.unlock();
        }
    }

    void await(long nanos) {
        try {
            clock.awaitNanos(lock, changed, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public WspResult<StartupReply> startup(WsaVersion requested, Upcalls upcalls) {
        lock.lock();
        try {
            startups++;
        } finally {
            lock.unlock();
        }
        return WsaVersion.negotiate(requested, WsaVersion.V2_0, WsaVersion.V2_2);
    }

    @Override
    public WspResult<Void> cleanup() {
        lock.lock();
        try {
            if (startups == 0) {
                return WspResult.fail(WsaError.WSANOTINITIALISED);
            }
            startups--;
            return WspResult.ok();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public WspResult<WspSocket> socket(ProtocolInfo info, int addressFamily, int socketType, int protocol,
                                       int flags) {
        socketInfos.add(info);
        if (socketType != SocketType.SOCK_STREAM) {
            return WspResult.fail(WsaError.WSAESOCKTNOSUPPORT);
        }
        return WspResult.ok(new FakeSocket(this, info));
    }

    /** Polls only: the ready subsets now. */
    @Override
    public WspResult<SelectSets> select(SelectSets sets, long timeoutNanos) {
        lock.lock();
        try {
            List<WspSocket> read = new ArrayList<>();
            for (WspSocket s : sets.read()) {
                if (!(s instanceof FakeSocket f)) {
                    return WspResult.fail(WsaError.WSAENOTSOCK);
                }
                if (f.readable()) {
                    read.add(s);
                }
            }
            List<WspSocket> write = new ArrayList<>();
            for (WspSocket s : sets.write()) {
                if (!(s instanceof FakeSocket f)) {
                    return WspResult.fail(WsaError.WSAENOTSOCK);
                }
                if (f.peer != null) {
                    write.add(s);
                }
            }
            return WspResult.ok(new SelectSets(read, write, List.of()));
        } finally {
            lock.unlock();
        }
    }
}
