package io.jwsp.provider.irda;

import io.jwsp.provider.irda.medium.IrSpace;
import io.jwsp.provider.irda.medium.MediumSettings;
import io.jwsp.provider.irda.medium.UdpTransport;
import io.jwsp.provider.irda.stack.IrlmpStack;
import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.StartupReply;
import io.jwsp.spi.Upcalls;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.trace.WireTap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IrDA provider instance: its own {@link IrSpace} (two runtimes never share one) with the IrLMP stack on its
 * devices, its sockets, and the blocking-call bookkeeping (WSAEINTR on close or WSACancelBlockingCall).
 */
public final class IrdaProvider implements WspProvider {
    private static final Logger LOG = LoggerFactory.getLogger(IrdaProvider.class);

    private final ProviderContext context;
    private final MediumSettings settings;
    private final IrSpace space;
    private final IrlmpStack stack;
    private final ReentrantLock lock;
    private final Set<IrdaSocket> sockets = new LinkedHashSet<>();
    private final Map<Thread, Boolean> blocked = new HashMap<>();
    private volatile Upcalls upcalls;
    private int startups;
    private UdpTransport udp;

    IrdaProvider(ProviderContext context) {
        this.context = context;
        this.settings = MediumSettings.from(context.settings());
        this.space = new IrSpace(context.timeSource(), context.wireTap(), settings);
        this.stack = new IrlmpStack(space);
        this.lock = space.lock();
    }

    IrSpace space() {
        return space;
    }

    IrlmpStack stack() {
        return stack;
    }

    MediumSettings settings() {
        return settings;
    }

    TimeSource clock() {
        return context.timeSource();
    }

    WireTap tap() {
        return context.wireTap();
    }

    Upcalls upcalls() {
        return upcalls;
    }

    @Override
    public WspResult<StartupReply> startup(WsaVersion requested, Upcalls calls) {
        WspResult<StartupReply> r = WsaVersion.negotiate(requested, WsaVersion.V2_0, WsaVersion.V2_2);
        if (!r.isOk()) {
            return r;
        }
        lock.lock();
        try {
            if (startups == 0 && settings.overUdp() && udp == null) {
                UdpTransport t = new UdpTransport(settings.udpBind(), settings.udpPeer());
                try {
                    space.useTransport(t);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("IrDA UDP medium on {} failed to start: {}", settings.udpBind(), e.toString());
                    return WspResult.fail(WsaError.WSASYSNOTREADY);
                }
                udp = t;
            }
            startups++;
            upcalls = calls;
            return r;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public WspResult<Void> cleanup() {
        lock.lock();
        try {
            if (startups == 0) {
                return WspResult.fail(WsaError.WSANOTINITIALISED);
            }
            if (--startups > 0) {
                return WspResult.ok();
            }
            for (IrdaSocket s : List.copyOf(sockets)) {
                s.closeForCleanup();
            }
            if (udp != null) {
                finishGracefulCloses();
                space.close();
                udp = null;
            }
            return WspResult.ok();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Over UDP the peer is another process: let background closes finish (their data and DISCONNECT leave) before
     * the medium stops, giving up when nothing moves for a disconnect threshold.
     */
    private void finishGracefulCloses() {
        long quietSince = clock().nanoTime();
        int last = stack.openConnections();
        try {
            while (stack.openConnections() > 0) {
                clock().awaitNanos(lock, space.changed(), settings.thresholdNanos());
                int now = stack.openConnections();
                if (now != last || space.pending(f -> true) > 0) {
                    last = now;
                    quietSince = clock().nanoTime();
                } else if (clock().nanoTime() - quietSince >= settings.thresholdNanos()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public WspResult<WspSocket> socket(ProtocolInfo info, int addressFamily, int socketType, int protocol, int flags) {
        if (addressFamily != AddressFamily.AF_IRDA && addressFamily != AddressFamily.AF_UNSPEC) {
            return WspResult.fail(WsaError.WSAEAFNOSUPPORT);
        }
        if (socketType != SocketType.SOCK_STREAM && socketType != 0) {
            return WspResult.fail(WsaError.WSAESOCKTNOSUPPORT);
        }
        if (protocol != 0 && protocol != IrdaProviderFactory.IRDA_PROTO_SOCK_STREAM) {
            return WspResult.fail(WsaError.WSAEPROTONOSUPPORT);
        }
        lock.lock();
        try {
            if (startups == 0) {
                return WspResult.fail(WsaError.WSANOTINITIALISED);
            }
            IrdaSocket s = new IrdaSocket(this, info, space.primaryDevice().id());
            sockets.add(s);
            return WspResult.ok(s);
        } finally {
            lock.unlock();
        }
    }

    void register(IrdaSocket s) {
        sockets.add(s);
    }

    void forget(IrdaSocket s) {
        sockets.remove(s);
    }

    @Override
    public WspResult<SelectSets> select(SelectSets sets, long timeoutNanos) {
        if (sets == null) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        for (List<WspSocket> l : List.of(sets.read(), sets.write(), sets.except())) {
            for (WspSocket s : l) {
                if (!(s instanceof IrdaSocket i) || i.provider() != this) {
                    return WspResult.fail(WsaError.WSAEINVAL);
                }
            }
        }
        lock.lock();
        try {
            long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : clock().nanoTime() + timeoutNanos;
            blocked.put(Thread.currentThread(), false);
            while (true) {
                List<WspSocket> r = new ArrayList<>();
                List<WspSocket> w = new ArrayList<>();
                List<WspSocket> e = new ArrayList<>();
                for (WspSocket s : sets.read()) {
                    if (((IrdaSocket) s).readReady()) {
                        r.add(s);
                    }
                }
                // a socket closed under this select is reported once (observed Windows): in the read set if it
                // was asked there, else the write set, else the except set
                for (WspSocket s : sets.write()) {
                    IrdaSocket i = (IrdaSocket) s;
                    if (i.writeReady() || i.isClosed() && !sets.read().contains(s)) {
                        w.add(s);
                    }
                }
                for (WspSocket s : sets.except()) {
                    IrdaSocket i = (IrdaSocket) s;
                    if (i.exceptReady()
                            || i.isClosed() && !sets.read().contains(s) && !sets.write().contains(s)) {
                        e.add(s);
                    }
                }
                SelectSets ready = new SelectSets(r, w, e);
                if (ready.total() > 0 || timeoutNanos == 0) {
                    return WspResult.ok(ready);
                }
                if (Boolean.TRUE.equals(blocked.get(Thread.currentThread()))) {
                    return WspResult.fail(WsaError.WSAEINTR);
                }
                long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - clock().nanoTime();
                if (left <= 0) {
                    return WspResult.ok(ready);
                }
                clock().awaitNanos(lock, space.changed(), left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WspResult.fail(WsaError.WSAEINTR);
        } finally {
            blocked.remove(Thread.currentThread());
            lock.unlock();
        }
    }

    /**
     * Waits, with the lock held, until {@code done} holds. Answers {@code null} when it does, WSAEINTR when
     * {@code socket} closed meanwhile or the wait was cancelled, WSAETIMEDOUT after {@code timeoutNanos}
     * (negative: no limit).
     */
    WsaError await(IrdaSocket socket, BooleanSupplier done, long timeoutNanos) {
        Thread me = Thread.currentThread();
        long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : clock().nanoTime() + timeoutNanos;
        blocked.put(me, false);
        try {
            while (true) {
                if (socket != null && socket.isClosed()) {
                    return WsaError.WSAEINTR;
                }
                if (Boolean.TRUE.equals(blocked.get(me))) {
                    return WsaError.WSAEINTR;
                }
                if (done.getAsBoolean()) {
                    return null;
                }
                long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - clock().nanoTime();
                if (left <= 0) {
                    return WsaError.WSAETIMEDOUT;
                }
                clock().awaitNanos(lock, space.changed(), left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WsaError.WSAEINTR;
        } finally {
            blocked.remove(me);
        }
    }

    @Override
    public WspResult<Void> cancelBlockingCall(Thread thread) {
        lock.lock();
        try {
            if (thread == null || !blocked.containsKey(thread)) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            blocked.put(thread, true);
            space.changed().signalAll();
            return WspResult.ok();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public WspResult<String> addressToString(SockAddr address, ProtocolInfo info) {
        if (address == null) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        if (!(address instanceof IrdaSockAddr a)) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        return WspResult.ok(a.toString());
    }

    @Override
    public WspResult<SockAddr> stringToAddress(String text, int addressFamily, ProtocolInfo info) {
        if (text == null) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        if (addressFamily != AddressFamily.AF_IRDA && addressFamily != AddressFamily.AF_UNSPEC) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        try {
            return WspResult.ok(IrdaSockAddr.parse(text));
        } catch (IllegalArgumentException e) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
    }

    /** The medium's controls ({@link IrSpace}), the stack ({@link IrlmpStack}), or this provider. */
    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        if (type.isInstance(space)) {
            return Optional.of(type.cast(space));
        }
        if (type.isInstance(stack)) {
            return Optional.of(type.cast(stack));
        }
        if (type == UdpTransport.class && udp != null) {
            return Optional.of(type.cast(udp));
        }
        return WspProvider.super.unwrap(type);
    }
}
