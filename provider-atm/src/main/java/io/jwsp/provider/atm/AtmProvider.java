package io.jwsp.provider.atm;

import io.jwsp.spi.kit.ext.KitExtensions;
import io.jwsp.spi.kit.ext.KitDisconnectEx;
import io.jwsp.spi.kit.ext.TextSockAddrLayout;
import io.jwsp.spi.kit.ext.ExtensionTable;
import io.jwsp.provider.atm.addr.AtmAddress;
import io.jwsp.provider.atm.addr.AtmSockAddr;
import io.jwsp.provider.atm.addr.Bhli;
import io.jwsp.provider.atm.addr.Blli;
import io.jwsp.provider.atm.sw.AtmSwitch;
import io.jwsp.provider.atm.sw.CellFault;
import io.jwsp.provider.atm.sw.PortAssignment;
import io.jwsp.provider.atm.sw.SwitchStatistics;
import io.jwsp.provider.atm.sw.SwitchTiming;
import io.jwsp.provider.atm.sw.Sync;
import io.jwsp.provider.atm.sw.UdpSwitchHost;
import io.jwsp.provider.atm.sw.UdpSwitchLink;
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
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.kit.SocketServices;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.kit.transmit.TransmitExtensions;
import io.jwsp.spi.kit.wait.BlockingCalls;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.trace.WireTap;
import io.jwsp.carriage.CarriageKey;
import io.jwsp.carriage.CarriageStatistics;
import io.jwsp.carriage.CarriageSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ATM provider instance: its adapters, and in-process (or as the UDP switch host) its own switch. Nothing is
 * shared with another instance, so two runtimes never reach each other's switch in-process.
 */
public final class AtmProvider implements WspProvider {
    /** The extension functions this provider answers (SIO_GET_EXTENSION_FUNCTION_POINTER); its entries list them. */
    private final ExtensionTable extensions = TransmitExtensions.offerPackets(KitExtensions.offer(
            ExtensionTable.builder(), this, new TextSockAddrLayout(this, MAX_ADDRESS_TEXT),
            KitDisconnectEx.Ending.SHUTDOWN_SEND)).build();
    /** The longest address text in an AcceptEx buffer (an AESA with its BLLI and BHLI). */
    private static final int MAX_ADDRESS_TEXT = 200;

    private static final Logger LOG = LoggerFactory.getLogger(AtmProvider.class);
    private static final long SELF = ProcessHandle.current().pid();

    private final ProviderContext context;
    private final AtmSettings settings;
    private final Sync sync = new Sync();
    private final List<AtmAdapter> adapters = new ArrayList<>();
    private final Set<AtmSocket> sockets = new LinkedHashSet<>();
    private final List<AtmSocket> listeners = new ArrayList<>();
    private final SyncLock syncLock = new SyncLock(sync);
    private final BlockingCalls blockingCalls = new BlockingCalls();
    private final SocketServices services;
    private Upcalls upcalls;
    private int startups;
    private AtmSwitch atmSwitch;
    private UdpSwitchHost udpHost;
    private final List<UdpSwitchLink> udpLinks = new ArrayList<>();

    AtmProvider(ProviderContext context) {
        this.context = context;
        this.settings = AtmSettings.from(context.settings());
        // Before a blocked call parks, what its thread deferred under the lock runs (a zero-latency switch moves
        // only then); completions end in the runtime's upcall; selects wait on the one condition.
        this.services = new SocketServices(context.timeSource(), blockingCalls,
                (ov, error, bytes, flags, from) -> upcalls.completeOverlapped(ov, error, bytes, flags, from),
                context.wireTap(), () -> sync.run(sync::signalAll), (lock, condition) -> {
                    if (!sync.hasDeferred()) {
                        return false;
                    }
                    sync.flush();
                    return true;
                });
    }

    SocketServices services() {
        return services;
    }

    /** The provider's lock as the socket kit takes it. */
    SyncLock syncLock() {
        return syncLock;
    }

    Sync sync() {
        return sync;
    }

    TimeSource time() {
        return context.timeSource();
    }

    WireTap tap() {
        return context.wireTap();
    }

    SwitchTiming timing() {
        return settings.timing();
    }

    Upcalls upcalls() {
        return upcalls;
    }

    List<AtmAdapter> adapters() {
        return adapters;
    }

    @Override
    public WspResult<StartupReply> startup(WsaVersion requested, Upcalls up) {
        WspResult<StartupReply> r = WsaVersion.negotiate(requested, WsaVersion.V2_0, WsaVersion.V2_2);
        if (!r.isOk()) {
            return r;
        }
        if (up == null) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        sync.enter();
        try {
            upcalls = up;
            if (startups == 0) {
                try {
                    buildNetwork();
                } catch (IOException | RuntimeException e) {
                    LOG.warn("atm: the network could not be built (transport {}, switch signalling {}, cells {})",
                            settings.transport(), settings.udpSignalling(), settings.udpCells(), e);
                    tearDownNetwork();
                    return WspResult.fail(WsaError.WSASYSNOTREADY);
                }
            }
            startups++;
            return r;
        } finally {
            sync.exit();
        }
    }

    private void buildNetwork() throws IOException {
        String role = settings.udpRole();
        boolean udp = settings.transport().equals(AtmSettings.UDP);
        if (udp && !role.equals("switch") && !role.equals("attach") && !role.equals("auto")) {
            throw new IllegalArgumentException("atm.udp.role is switch, attach or auto");
        }
        if (udp && time().isVirtual()) {
            LOG.warn("atm: transport udp on a virtual clock: the switch moves only when the clock is advanced");
        }
        boolean host = !udp || role.equals("switch");
        if (udp && role.equals("auto")) {
            host = UdpSwitchHost.addressFree(settings.udpSignalling(), settings.udpCells());
        }
        if (host) {
            atmSwitch = new AtmSwitch(sync, time(), settings.timing(), tap(), settings.prefix());
            if (settings.cellLossEvery() > 0) {
                atmSwitch.cellFault(CellFault.everyNth(settings.cellLossEvery()));
            }
            atmSwitch.signallingSilent(settings.signallingSilent());
            for (int d = 0; d < settings.devices(); d++) {
                AtmAdapter a = new AtmAdapter(this, d);
                a.connectTo(atmSwitch, atmSwitch.attach(a, SELF, settings.acceptDuplicates()));
                adapters.add(a);
            }
            if (udp) {
                udpHost = UdpSwitchHost.start(sync, atmSwitch, settings.udpSignalling(), settings.udpCells(),
                        carriage());
                LOG.info("atm: hosting the switch on signalling {} and cells {}", settings.udpSignalling(),
                        settings.udpCells());
            }
        } else {
            CarriageSettings carriage = carriage();
            for (int d = 0; d < settings.devices(); d++) {
                AtmAdapter a = new AtmAdapter(this, d);
                UdpSwitchLink link = UdpSwitchLink.attach(sync, a, settings.udpSignalling(), settings.udpCells(),
                        carriage, SELF, settings.acceptDuplicates());
                udpLinks.add(link);
                a.connectTo(link, link.assignment());
                adapters.add(a);
            }
            LOG.info("atm: attached to the switch at {} as {}", settings.udpSignalling(),
                    adapters.getFirst().address());
        }
    }

    /** The UDP carriage's settings: the shared key, the bind policy, the keepalive. */
    private CarriageSettings carriage() throws IOException {
        byte[] key = CarriageKey.resolve(settings.udpKey(), settings.udpKeyFile(), "atm");
        return CarriageSettings.of(key, settings.udpAllowNonLoopback(),
                Duration.ofMillis(settings.udpKeepaliveMillis()));
    }

    private void tearDownNetwork() {
        for (AtmAdapter a : adapters) {
            a.stop();
        }
        adapters.clear();
        // after the lock is released: a link delivers what it holds before it detaches, and deliveries need the lock
        List<UdpSwitchLink> links = List.copyOf(udpLinks);
        UdpSwitchHost host = udpHost;
        sync.defer(() -> {
            links.forEach(UdpSwitchLink::close);
            if (host != null) {
                host.close();
            }
        });
        udpLinks.clear();
        udpHost = null;
        atmSwitch = null;
    }

    @Override
    public WspResult<Void> cleanup() {
        List<AtmSocket> toClose;
        sync.enter();
        try {
            if (startups == 0) {
                return WspResult.fail(WsaError.WSANOTINITIALISED);
            }
            startups--;
            if (startups > 0) {
                return WspResult.ok();
            }
            toClose = new ArrayList<>(sockets);
        } finally {
            sync.exit();
        }
        DeferredCompletions done = new DeferredCompletions();
        for (AtmSocket s : toClose) {
            s.release(done);
        }
        done.fire(services.completer()); // after the lock: never an upcall under it
        sync.run(() -> {
            sockets.clear();
            listeners.clear();
            tearDownNetwork();
        });
        return WspResult.ok();
    }

    @Override
    public WspResult<WspSocket> socket(ProtocolInfo info, int addressFamily, int socketType, int protocol,
                                       int flags) {
        sync.enter();
        try {
            if (startups == 0) {
                return WspResult.fail(WsaError.WSANOTINITIALISED);
            }
            if (addressFamily != AddressFamily.AF_ATM && addressFamily != AddressFamily.AF_UNSPEC) {
                return WspResult.fail(WsaError.WSAEAFNOSUPPORT);
            }
            if (socketType != SocketType.SOCK_RAW && socketType != 0) {
                return WspResult.fail(WsaError.WSAESOCKTNOSUPPORT);
            }
            if (protocol != AtmProviderFactory.ATMPROTO_AAL5 && protocol != AtmProviderFactory.ATMPROTO_AALUSER) {
                return WspResult.fail(WsaError.WSAEPROTONOSUPPORT);
            }
            ProtocolInfo entry = info != null ? info : AtmProviderFactory.entries().getFirst();
            AtmSocket s = new AtmSocket(this, entry);
            sockets.add(s);
            return WspResult.ok(s);
        } finally {
            sync.exit();
        }
    }

    /**
     * WSASocket(FROM_PROTOCOL_INFO) of a VC another process handed over: CLAIM its token at the switch and wait (at
     * most {@link HandOverSource#STEP_WAIT}) for the VC. WSAEINVAL for another provider's info, an unknown, spent or
     * expired token, a switch that refuses, and a process that does not take duplicates ({@code atm.acceptDuplicates}).
     */
    @Override
    public WspResult<WspSocket> adoptSocket(ProtocolInfo info, ProviderReserved reserved, int flags) {
        byte[] token = AtmDuplicateToken.of(reserved);
        sync.enter();
        try {
            if (startups == 0) {
                return WspResult.fail(WsaError.WSANOTINITIALISED);
            }
            if (token == null || !settings.acceptDuplicates() || adapters.isEmpty()) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            AtmAdapter adapter = adapters.getFirst();
            PendingClaim claim = new PendingClaim(token, info != null ? info : AtmProviderFactory.entries().getFirst());
            adapter.claim(claim);
            if (!await(claim::answered, HandOverSource.STEP_WAIT)) {
                adapter.abandonClaim(claim);
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            return claim.socket != null ? WspResult.ok(claim.socket) : WspResult.fail(claim.error);
        } finally {
            sync.exit();
        }
    }

    /**
     * Waits, with the lock held once and released while parked, until {@code done} or {@code bound} passes in real
     * time (an exchange with a switch in another process); answers {@code done}.
     */
    boolean await(BooleanSupplier done, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!done.getAsBoolean()) {
            sync.flush(); // a zero-latency switch and the adapter's drain move only when deferred work runs
            if (done.getAsBoolean()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                sync.changed().awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return done.getAsBoolean();
            }
        }
        return true;
    }

    int duplicateTtlMillis() {
        return settings.duplicateTtlMillis();
    }

    void register(AtmSocket s) {
        sockets.add(s);
    }

    void forget(AtmSocket s) {
        sockets.remove(s);
        listeners.remove(s);
    }

    // ---- listeners (SAPs)

    /** A listening socket whose SAP overlaps {@code sap}, other than {@code self}. */
    boolean sapInUse(AtmSockAddr sap, AtmSocket self) {
        for (AtmSocket l : listeners) {
            if (l != self && l.sap().overlaps(sap)) {
                return true;
            }
        }
        return false;
    }

    /** The lowest selector (1..255) of {@code adapter} no socket is bound to, or -1. */
    int freeSelector(AtmAdapter adapter) {
        java.util.BitSet used = new java.util.BitSet(256);
        for (AtmSocket s : sockets) {
            AtmSockAddr n = s.boundName();
            if (n != null && n.number().isAesa() && adapter.owns(n.number())) {
                used.set(n.number().selector());
            }
        }
        int free = used.nextClearBit(1);
        return free <= 0xFF ? free : -1;
    }

    void addListener(AtmSocket s) {
        if (!listeners.contains(s)) {
            listeners.add(s);
        }
    }

    void removeListener(AtmSocket s) {
        listeners.remove(s);
    }

    /** The listener whose SAP accepts a SETUP that arrived on {@code adapter}. */
    AtmSocket listenerFor(AtmAdapter adapter, AtmAddress called, Blli blli, Bhli bhli) {
        for (AtmSocket l : listeners) {
            if (l.listensOn(adapter) && l.sap().accepts(called, blli, bhli)) {
                return l;
            }
        }
        return null;
    }

    AtmAdapter adapterFor(AtmAddress number) {
        for (AtmAdapter a : adapters) {
            if (a.owns(number)) {
                return a;
            }
        }
        return null;
    }

    // ---- blocking calls

    BlockingCalls blockingCalls() {
        return blockingCalls;
    }

    @Override
    public WspResult<Void> cancelBlockingCall(Thread thread) {
        return blockingCalls.cancel(thread) ? WspResult.ok() : WspResult.fail(WsaError.WSAEINVAL);
    }

    @Override
    public WspResult<SelectSets> select(SelectSets sets, long timeoutNanos) {
        if (sets == null) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        return AtmSelect.run(this, sets, timeoutNanos);
    }

    @Override
    public WspResult<String> addressToString(SockAddr address, ProtocolInfo info) {
        if (address == null) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        if (!(address instanceof AtmSockAddr a)) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        return WspResult.ok(a.toString());
    }

    /**
     * Parses an ATM address: the forms of {@link AtmSockAddr#parse}, or {@code @PORT.SEL} for selector SEL on the
     * switch port PORT (decimal) under this provider's switch prefix (for instance {@code @0.1}).
     */
    @Override
    public WspResult<SockAddr> stringToAddress(String text, int addressFamily, ProtocolInfo info) {
        if (text == null) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        if (addressFamily != AddressFamily.AF_ATM && addressFamily != AddressFamily.AF_UNSPEC) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        try {
            String t = text.strip();
            if (t.startsWith("@")) {
                String[] parts = t.substring(1).split("\\.", 2);
                int port = Integer.parseInt(parts[0]);
                int selector = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
                if (port < 0 || port > 0xFFFF || selector < 0 || selector > 0xFF) {
                    return WspResult.fail(WsaError.WSAEINVAL);
                }
                return WspResult.ok(AtmSockAddr.of(AtmAddress.aesa(settings.prefix(), AtmSwitch.esi(port), selector)));
            }
            return WspResult.ok(AtmSockAddr.parse(t));
        } catch (IllegalArgumentException e) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        if (type == AtmNetwork.class) {
            return Optional.of(type.cast(network));
        }
        return WspProvider.super.unwrap(type);
    }

    private final AtmNetwork network = new AtmNetwork() {
        @Override
        public List<PortAssignment> devices() {
            return sync.call(() -> adapters.stream().map(AtmAdapter::port).toList());
        }

        @Override
        public boolean hostsSwitch() {
            return sync.call(() -> atmSwitch != null);
        }

        @Override
        public void cellFault(CellFault fault) {
            sync.run(() -> {
                if (atmSwitch != null) {
                    atmSwitch.cellFault(fault);
                }
            });
        }

        @Override
        public void signallingSilent(boolean silent) {
            sync.run(() -> {
                if (atmSwitch != null) {
                    atmSwitch.signallingSilent(silent);
                }
            });
        }

        @Override
        public Optional<SwitchStatistics> statistics() {
            return sync.call(() -> Optional.ofNullable(atmSwitch).map(AtmSwitch::statistics));
        }

        @Override
        public List<CarriageStatistics> carriageStatistics() {
            List<CarriageStatistics> all = new ArrayList<>();
            sync.run(() -> {
                if (udpHost != null) {
                    all.addAll(udpHost.statistics());
                }
                udpLinks.forEach(l -> all.addAll(l.statistics()));
            });
            return all;
        }

        @Override
        public List<AdapterStatistics> adapterStatistics() {
            return sync.call(() -> adapters.stream().map(AtmAdapter::statistics).toList());
        }
    };

    ExtensionTable extensions() {
        return extensions;
    }
}
