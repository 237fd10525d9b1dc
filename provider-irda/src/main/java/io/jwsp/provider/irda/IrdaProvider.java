package io.jwsp.provider.irda;

import io.jwsp.spi.ext.connect.DisconnectEx;
import io.jwsp.spi.ext.accept.GetAcceptExSockaddrs;
import io.jwsp.spi.ext.accept.AcceptEx;
import io.jwsp.spi.kit.ext.KitGetAcceptExSockaddrs;
import io.jwsp.spi.kit.ext.KitAcceptEx;
import io.jwsp.spi.kit.ext.KitDisconnectEx;
import io.jwsp.spi.kit.ext.TextSockAddrLayout;
import io.jwsp.spi.kit.ext.ExtensionTable;
import io.jwsp.provider.irda.handover.Adoptions;
import io.jwsp.provider.irda.handover.HandoverCounters;
import io.jwsp.provider.irda.handover.HandoverDesk;
import io.jwsp.provider.irda.handover.HandoverToken;
import io.jwsp.provider.irda.handover.TransportWire;
import io.jwsp.provider.irda.medium.IrSpace;
import io.jwsp.provider.irda.medium.MediumSettings;
import io.jwsp.provider.irda.medium.UdpTransport;
import io.jwsp.provider.irda.stack.IrlmpStack;
import io.jwsp.provider.irda.stack.TtpConnection;
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
import io.jwsp.spi.catalog.ProviderReserved;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.kit.SocketServices;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.kit.transmit.TransmitExtensions;
import io.jwsp.spi.kit.wait.BlockingCalls;
import io.jwsp.spi.kit.wait.BlockingWait;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.trace.WireTap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IrDA provider instance: its own {@link IrSpace} (two runtimes never share one) with the IrLMP stack on its
 * devices, its sockets, and what its sockets share from the socket kit: the cancel registry (WSAEINTR on close or
 * WSACancelBlockingCall) and the completions decided under the space's lock, fired once it is released.
 */
public final class IrdaProvider implements WspProvider {
    /** The extension functions this provider answers (SIO_GET_EXTENSION_FUNCTION_POINTER); its entries list them. */
    private final ExtensionTable extensions = extensionTable();
    /** The longest address text in an AcceptEx buffer (a device id and a service name of up to 24 bytes). */
    private static final int MAX_ADDRESS_TEXT = 64;

    private static final Logger LOG = LoggerFactory.getLogger(IrdaProvider.class);

    private final ProviderContext context;
    private final MediumSettings settings;
    private final IrSpace space;
    private final IrlmpStack stack;
    private final ReentrantLock lock;
    private final Set<IrdaSocket> sockets = new LinkedHashSet<>();
    private final BlockingCalls blockingCalls = new BlockingCalls();
    private final SocketServices services;
    // guarded by lock: overlapped completions decided under it (often inside the medium's delivery), fired after it
    private DeferredCompletions due = new DeferredCompletions();
    private boolean fireScheduled;
    private volatile Upcalls upcalls;
    private int startups;
    private UdpTransport udp;
    // guarded by lock: connections moving between processes (WSADuplicateSocket), over UDP only
    private HandoverDesk handovers;
    // guarded by lock: the last cleanup is draining and closing the UDP medium (outside the lock)
    private boolean mediumStopping;

    IrdaProvider(ProviderContext context) {
        this.context = context;
        this.settings = MediumSettings.from(context.settings());
        this.space = new IrSpace(context.timeSource(), context.wireTap(), settings);
        this.stack = new IrlmpStack(space);
        this.lock = space.lock();
        this.services = new SocketServices(context.timeSource(), blockingCalls, this::completeOverlapped,
                context.wireTap(), this::wakeSelects, null);
    }

    SocketServices services() {
        return services;
    }

    /**
     * Where a socket records an overlapped completion decided under the lock (held). The socket calls that made it
     * fire it as they return; one made by the medium alone (a frame delivered on the clock's thread) is fired by a
     * task on the clock, which runs after the medium released the lock. At most one such task is outstanding.
     */
    DeferredCompletions due() {
        if (!fireScheduled) {
            fireScheduled = true;
            clock().schedule(this::fireDueFromClock, 0);
        }
        return due;
    }

    private void fireDueFromClock() {
        lock.lock();
        try {
            fireScheduled = false;
        } finally {
            lock.unlock();
        }
        fireDue();
    }

    /** Performs the completions recorded in {@link #due()}; a nested call (lock held) leaves them to the outer one. */
    void fireDue() {
        if (lock.isHeldByCurrentThread()) {
            return;
        }
        DeferredCompletions now;
        lock.lock();
        try {
            now = due;
            due = new DeferredCompletions();
        } finally {
            lock.unlock();
        }
        now.fire(services.completer());
    }

    private void completeOverlapped(Overlapped ov, WsaError error, int bytes, int flags, SockAddr from) {
        Upcalls u = upcalls;
        if (u != null) {
            u.completeOverlapped(ov, error, bytes, flags, from);
        } else {
            ov.finish(error, bytes, flags, from);
        }
    }

    /** Selects wait on the space's condition with every other wait of this provider. */
    private void wakeSelects() {
        lock.lock();
        try {
            space.changed().signalAll();
        } finally {
            lock.unlock();
        }
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
            if (mediumStopping) {
                return WspResult.fail(WsaError.WSASYSNOTREADY); // the last cleanup is still stopping the medium
            }
            if (startups == 0 && settings.overUdp() && udp == null) {
                UdpTransport t = new UdpTransport(settings);
                try {
                    space.useTransport(t);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("IrDA UDP medium on {} failed to start", settings.udpBind(), e);
                    return WspResult.fail(WsaError.WSASYSNOTREADY);
                }
                udp = t;
                handovers = new HandoverDesk(space, stack, new TransportWire(t), acceptsDuplicates(),
                        duplicateTtlNanos());
                t.onOtherPayloads(handovers::arrived);
            }
            startups++;
            upcalls = calls;
            return r;
        } finally {
            lock.unlock();
        }
    }

    /** {@code irda.acceptduplicates}: whether sockets other processes duplicate may move into this one. */
    private boolean acceptsDuplicates() {
        return Boolean.parseBoolean(context.setting("acceptduplicates", "false").trim());
    }

    /** {@code irda.duplicatettlms} (30 000): how long a duplicated connection waits for its claim. */
    private long duplicateTtlNanos() {
        long ms = Long.parseLong(context.setting("duplicatettlms", "30000").trim());
        if (ms < 0) {
            throw new IllegalArgumentException("irda.duplicatettlms is 0 or more, not " + ms);
        }
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }

    /** The hand-overs between processes, while the UDP medium runs; {@code null} otherwise. Lock held. */
    HandoverDesk handovers() {
        return handovers;
    }

    /** Whether {@code c} is exported to another process (its socket's close then releases the handle only). */
    boolean exported(TtpConnection c) {
        return handovers != null && handovers.exports().holds(c);
    }

    /** The socket of an exported connection closed. */
    void exportReleased(TtpConnection c) {
        if (handovers != null) {
            handovers.exports().release(c);
        }
    }

    /**
     * WSPSocket(FROM_PROTOCOL_INFO): claims the connection another process duplicated into this one (its token in
     * {@code reserved}) and waits for it, bounded. WSAEINVAL when this process does not accept duplicates
     * ({@code irda.acceptduplicates}), the medium is not UDP, or the token is not IrDA's or is unknown, spent or
     * expired at its source; WSAETIMEDOUT when the source does not answer; WSAENOBUFS without a free selector.
     */
    @Override
    public WspResult<WspSocket> adoptSocket(ProtocolInfo info, ProviderReserved reserved, int flags) {
        HandoverToken token = HandoverToken.of(reserved);
        lock.lock();
        try {
            if (startups == 0) {
                return WspResult.fail(WsaError.WSANOTINITIALISED);
            }
            if (token == null || handovers == null || !handovers.accepting()) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            int device = space.primaryDevice().id();
            int lsap = stack.allocateLsap(device);
            if (lsap < 0) {
                return WspResult.fail(WsaError.WSAENOBUFS);
            }
            WspResult<Adoptions.Arrival> arrival = handovers.adoptions().claim(token, device, lsap);
            if (!arrival.isOk()) {
                stack.releaseLsap(device, lsap);
                return arrival.retype();
            }
            return WspResult.ok(IrdaSocket.adopted(this, info, device, lsap, arrival.value()));
        } finally {
            lock.unlock();
            fireDue();
        }
    }

    @Override
    public WspResult<Void> cleanup() {
        UdpTransport stopping;
        WspResult<Void> r;
        try {
            r = cleanupLocked();
        } finally {
            fireDue();
        }
        lock.lock();
        try {
            stopping = startups == 0 ? udp : null;
            if (stopping != null) {
                udp = null;
                handovers = null;
                mediumStopping = true;
            }
        } finally {
            lock.unlock();
        }
        if (stopping != null) {
            // outside the lock: the carriage's receive thread takes it to deliver a frame, and the acknowledgements
            // the drain waits for come on that thread
            stopping.drain();
            space.close();
            lock.lock();
            try {
                mediumStopping = false;
            } finally {
                lock.unlock();
            }
        }
        return r;
    }

    private WspResult<Void> cleanupLocked() {
        lock.lock();
        try {
            if (startups == 0) {
                return WspResult.fail(WsaError.WSANOTINITIALISED);
            }
            if (--startups > 0) {
                return WspResult.ok();
            }
            for (IrdaSocket s : List.copyOf(sockets)) {
                s.closeForCleanup(due());
            }
            if (udp != null) {
                finishHandovers();
                finishGracefulCloses();
                // the medium stops once the lock is released (cleanup)
            }
            return WspResult.ok();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Hand-overs already claimed finish (each is bounded by its own deadline) before the medium stops, so the
     * process they go to gets its connection; tokens not claimed yet run out now.
     */
    private void finishHandovers() {
        try {
            while (handovers.exports().underWay() > 0) {
                clock().awaitNanos(lock, space.changed(), settings.thresholdNanos());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        handovers.exports().expireAll();
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
        BlockingWait wait = null;
        lock.lock();
        try {
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
                    if (i.writeReady() || i.isClosing() && !sets.read().contains(s)) {
                        w.add(s);
                    }
                }
                for (WspSocket s : sets.except()) {
                    IrdaSocket i = (IrdaSocket) s;
                    if (i.exceptReady()
                            || i.isClosing() && !sets.read().contains(s) && !sets.write().contains(s)) {
                        e.add(s);
                    }
                }
                SelectSets ready = new SelectSets(r, w, e);
                if (ready.total() > 0 || timeoutNanos == 0) {
                    return WspResult.ok(ready);
                }
                if (wait == null) {
                    // negative: no limit; the kit's wait reads <= 0 as none, so a positive timeout stays one
                    wait = BlockingWait.start(clock(), blockingCalls, this, lock, space.changed(), null,
                            timeoutNanos < 0 ? 0 : timeoutNanos);
                }
                WsaError stop = wait.park();
                if (stop == WsaError.WSAETIMEDOUT) {
                    return WspResult.ok(ready);
                }
                if (stop != null) {
                    return WspResult.fail(stop);
                }
            }
        } finally {
            if (wait != null) {
                wait.end();
            }
            lock.unlock();
        }
    }

    @Override
    public WspResult<Void> cancelBlockingCall(Thread thread) {
        return blockingCalls.cancel(thread) ? WspResult.ok() : WspResult.fail(WsaError.WSAEINVAL);
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
        if (type == HandoverCounters.class && handovers != null) {
            return Optional.of(type.cast(handovers.counters()));
        }
        return WspProvider.super.unwrap(type);
    }

    /**
     * AcceptEx, GetAcceptExSockaddrs and DisconnectEx; no ConnectEx: ConnectEx needs a bound socket, and an IrDA
     * socket that is bound is a server (bind registers its IAS entry), whose connect is WSAEINVAL.
     */
    private ExtensionTable extensionTable() {
        TextSockAddrLayout layout = new TextSockAddrLayout(this, MAX_ADDRESS_TEXT);
        return TransmitExtensions.offer(ExtensionTable.builder()
                .offer(AcceptEx.ID, new KitAcceptEx(this, layout))
                .offer(GetAcceptExSockaddrs.ID, new KitGetAcceptExSockaddrs(layout))
                .offer(DisconnectEx.ID, new KitDisconnectEx(this, KitDisconnectEx.Ending.SHUTDOWN_SEND)))
                .build();
    }

    ExtensionTable extensions() {
        return extensions;
    }
}
