package io.jwsp.provider.loopback.core;

import io.jwsp.spi.kit.ext.ExtensionTable;
import io.jwsp.provider.loopback.LoopbackSettings;
import io.jwsp.provider.loopback.capture.TcpSynthesis;
import io.jwsp.provider.loopback.net.AddressSpace;
import io.jwsp.provider.loopback.net.TimeWaitTable;
import io.jwsp.spi.Upcalls;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.kit.SocketServices;
import io.jwsp.spi.kit.wait.BlockingCalls;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.trace.WireFrame;
import io.jwsp.spi.trace.WireTap;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The simulated network stack of one provider instance: its clock, address space, TIME_WAIT table, select wake-up,
 * blocking-call table, open sockets, and the upcalls its overlapped operations complete through. Sockets reach
 * everything they share through it; nothing here is static.
 */
public final class LoopbackStack {
    /** The extension functions this provider answers (SIO_GET_EXTENSION_FUNCTION_POINTER); its entries list them. */
    private volatile ExtensionTable extensions = ExtensionTable.none();

    private final String providerName;
    private final TimeSource clock;
    private final WireTap wireTap;
    private final LoopbackSettings settings;
    private final AddressSpace addresses = new AddressSpace();
    private final TimeWaitTable timeWait = new TimeWaitTable();
    private final Readiness readiness = new Readiness();
    private final BlockingCalls blockingCalls = new BlockingCalls();
    private final Set<LoopbackSocket> open = ConcurrentHashMap.newKeySet();
    /** Overlapped records this provider answered pending for and has not completed yet. */
    private final Set<Overlapped> inFlight = ConcurrentHashMap.newKeySet();
    private volatile Upcalls upcalls;
    private final SocketServices services;
    /** The packets a kernel would have sent for these frames, when a capture wants them. */
    private final TcpSynthesis packets;

    public LoopbackStack(String providerName, TimeSource clock, WireTap wireTap, LoopbackSettings settings) {
        this.providerName = providerName;
        this.clock = clock;
        this.wireTap = wireTap == null ? WireTap.NONE : wireTap;
        this.settings = settings;
        this.packets = this.wireTap.capturing() ? new TcpSynthesis(this.wireTap, clock, settings.receiveBuffer()) : null;
        this.services = new SocketServices(clock, blockingCalls, this::complete, this.wireTap, readiness::changed,
                LoopbackStack::spinForSignal);
    }

    /** What every socket of this stack shares with the socket kit. */
    public SocketServices services() {
        return services;
    }

    /** A blocking call on a connection's {@link CountedCondition} spins briefly for a signal before it parks. */
    private static boolean spinForSignal(Lock lock, Condition condition) {
        return condition instanceof CountedCondition counted && lock instanceof ReentrantLock reentrant
                && counted.spinForSignal(reentrant);
    }

    public String providerName() {
        return providerName;
    }

    public TimeSource clock() {
        return clock;
    }

    public LoopbackSettings settings() {
        return settings;
    }

    public AddressSpace addresses() {
        return addresses;
    }

    public TimeWaitTable timeWait() {
        return timeWait;
    }

    public Readiness readiness() {
        return readiness;
    }

    public BlockingCalls blockingCalls() {
        return blockingCalls;
    }

    public void upcalls(Upcalls u) {
        this.upcalls = u;
    }

    void opened(LoopbackSocket s) {
        open.add(s);
    }

    void released(LoopbackSocket s) {
        open.remove(s);
    }

    public boolean owns(Object s) {
        return s instanceof LoopbackSocket ls && ls.stack == this;
    }

    public List<LoopbackSocket> openSockets() {
        return new ArrayList<>(open);
    }

    /**
     * Takes {@code overlapped} for a new operation. Answers WSAEINVAL when it still belongs to an operation of this
     * provider that has not completed. A record already marked pending by the layer above (the runtime may begin it
     * before passing it down) is accepted as is.
     */
    public WsaError claim(Overlapped overlapped) {
        if (overlapped.isPending()) {
            return inFlight.contains(overlapped) ? WsaError.WSAEINVAL : null;
        }
        return overlapped.begin(Thread.currentThread()) ? null : WsaError.WSAEINVAL;
    }

    /** Records that {@code overlapped} was answered pending and completes later. */
    public void pending(Overlapped overlapped) {
        inFlight.add(overlapped);
    }

    /** WPUCompleteOverlappedRequest: the runtime records the result and performs the completion action. */
    public void complete(Overlapped overlapped, WsaError error, int bytes, int flags, SockAddr from) {
        inFlight.remove(overlapped);
        Upcalls u = upcalls;
        if (u != null) {
            u.completeOverlapped(overlapped, error, bytes, flags, from);
        } else {
            overlapped.finish(error, bytes, flags, from);
        }
    }

    public boolean tracing() {
        return wireTap.enabled();
    }

    /** Reports a frame; callers check {@link #tracing()} first so nothing is built for nobody. */
    public void frame(SockAddr from, SockAddr to, String kind, int bytes, String detail) {
        wireTap.frame(new WireFrame(clock.nanoTime(), String.valueOf(from), String.valueOf(to), kind, bytes,
                detail));
        if (packets != null) {
            packets.frame(from, to, kind, bytes);
        }
    }

    public void closed(CloseRecord record) {
        wireTap.closed(record);
    }

    public void reset() {
        addresses.clear();
        timeWait.clear();
    }

    public ExtensionTable extensions() {
        return extensions;
    }

    /** Set once by the provider, which the functions are bound to. */
    public void extensions(ExtensionTable table) {
        extensions = table;
    }
}
