package io.jwsp.provider.tcp;

import io.jwsp.provider.tcp.dup.AdoptedChannel;
import io.jwsp.provider.tcp.dup.Duplication;
import io.jwsp.provider.tcp.kernel.Descriptors;
import io.jwsp.spi.kit.ext.KitExtensions;
import io.jwsp.spi.kit.ext.KitDisconnectEx;
import io.jwsp.spi.kit.ext.InetSockAddrLayout;
import io.jwsp.spi.kit.ext.ExtensionTable;
import io.jwsp.provider.tcp.kernel.NativeSockets;
import io.jwsp.provider.tcp.kernel.ProcNetTcp;
import io.jwsp.provider.tcp.poll.Poller;
import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.StartupReply;
import io.jwsp.spi.Upcalls;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.IpProtocol;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ProviderReserved;
import io.jwsp.spi.close.TimeWaitQuery;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.kit.SocketServices;
import io.jwsp.spi.kit.transmit.TransmitExtensions;
import io.jwsp.spi.kit.wait.BlockingCalls;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.trace.WireTap;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tcp provider instance (one per runtime). It owns one {@link Poller} thread for all its sockets, the startup
 * count, and answers {@link TimeWaitQuery} from what the kernel reports in /proc/net/tcp{,6}.
 */
final class TcpProvider implements WspProvider, TimeWaitQuery {
    /** The extension functions this provider answers (SIO_GET_EXTENSION_FUNCTION_POINTER); its entries list them. */
    private final ExtensionTable extensions = TransmitExtensions.offer(KitExtensions.offer(ExtensionTable.builder(),
            this, new InetSockAddrLayout(), KitDisconnectEx.Ending.SHUTDOWN_SEND)).build();

    private static final Logger LOG = LoggerFactory.getLogger(TcpProvider.class);
    /** How long a TIME_WAIT question waits for a closer whose peer's FIN is already on its way. */
    private static final Duration TIME_WAIT_SETTLE = Duration.ofSeconds(1);

    private final String name;
    private final List<ProtocolInfo> entries;
    private final ProviderContext context;
    private final Set<TcpSocket> sockets = ConcurrentHashMap.newKeySet();
    private final Object lifecycle = new Object();
    private int startups;
    private volatile Upcalls upcalls;
    private Poller poller;
    private final int defaultSendBuffer;
    private final int defaultReceiveBuffer;
    private final boolean kernelCounters;
    /** Every socket's waits, for WSPCancelBlockingCall. */
    private final BlockingCalls blockingCalls = new BlockingCalls();
    private final SocketServices services;
    private final Duplication duplication;

    TcpProvider(String name, List<ProtocolInfo> entries, ProviderContext context) {
        this.name = name;
        this.entries = entries;
        this.context = context;
        this.defaultSendBuffer = intSetting(context, "sndbuf");
        this.defaultReceiveBuffer = intSetting(context, "rcvbuf");
        String sendQueue = context.setting("sendqueue", "kernel").trim();
        if (!sendQueue.equalsIgnoreCase("kernel") && !sendQueue.equalsIgnoreCase("unknown")) {
            throw new IllegalArgumentException("tcp.sendqueue is kernel or unknown, not " + sendQueue);
        }
        this.kernelCounters = sendQueue.equalsIgnoreCase("kernel");
        // tcp's select is woken by the sockets it watches (SocketReadiness), so the kit's select wake-up is empty
        this.services = new SocketServices(context.timeSource(), blockingCalls, this::complete, context.wireTap(),
                null, null);
        this.duplication = new Duplication(context);
        if (!NativeSockets.available()) {
            LOG.info("tcp: kernel send-queue counters unavailable ({}); a lingering close treats the queue as drained",
                    NativeSockets.unavailableReason());
        }
    }

    String name() {
        return name;
    }

    /**
     * Settings {@code jwsp.tcp.sndbuf} / {@code jwsp.tcp.rcvbuf}: SO_SNDBUF / SO_RCVBUF every new socket starts with
     * (0, the default: the kernel's own, auto-tuned). A fixed receive buffer keeps a stalled reader's window small,
     * so that a sender facing it really keeps unacknowledged bytes (the TCK's flow-control tests rely on that).
     */
    private static int intSetting(ProviderContext context, String key) {
        String v = context.setting(key, "0").trim();
        int n = Integer.parseInt(v);   // a typo is refused (the provider fails to start), never silently ignored
        if (n < 0) {
            throw new IllegalArgumentException("tcp." + key + " is 0 or more, not " + v);
        }
        return n;
    }

    /**
     * Whether closes read the kernel's send queue (SIOCOUTQ). Setting {@code jwsp.tcp.sendqueue=unknown} behaves as
     * on a system without the counter, which is how the fallback is tested on Linux.
     */
    boolean kernelCounters() {
        return kernelCounters && NativeSockets.available();
    }

    int defaultSendBuffer() {
        return defaultSendBuffer;
    }

    int defaultReceiveBuffer() {
        return defaultReceiveBuffer;
    }

    TimeSource timeSource() {
        return context.timeSource();
    }

    WireTap wireTap() {
        return context.wireTap();
    }

    SocketServices services() {
        return services;
    }

    /** Where every overlapped operation of this provider ends (never with a socket lock held). */
    private void complete(Overlapped overlapped, WsaError error, int bytes, int flags, SockAddr from) {
        Upcalls up = upcalls;
        if (up != null) {
            up.completeOverlapped(overlapped, error, bytes, flags, from);
        } else {
            overlapped.finish(error, bytes, flags, from);
        }
    }

    Poller poller() {
        synchronized (lifecycle) {
            if (poller == null) {
                poller = new Poller();
            }
            return poller;
        }
    }

    /** Flushes cancelled keys (and the deferred closes of registered channels) now; never starts a poller. */
    void wakePoller() {
        Poller p;
        synchronized (lifecycle) {
            p = poller;
        }
        if (p != null) {
            p.wakeup();
        }
    }

    void forget(TcpSocket s) {
        sockets.remove(s);
    }

    void adopt(TcpSocket s) {
        sockets.add(s);
    }

    @Override
    public WspResult<StartupReply> startup(WsaVersion requested, Upcalls newUpcalls) {
        WspResult<StartupReply> r = WsaVersion.negotiate(requested, WsaVersion.V2_0, WsaVersion.V2_2);
        if (r.isOk()) {
            if (newUpcalls == null) {
                return WspResult.fail(WsaError.WSAEFAULT);
            }
            synchronized (lifecycle) {
                if (startups++ == 0) {
                    duplication.start();
                }
                upcalls = newUpcalls;
            }
        }
        return r;
    }

    @Override
    public WspResult<Void> cleanup() {
        Poller toClose;
        synchronized (lifecycle) {
            if (startups == 0) {
                return WspResult.fail(WsaError.WSANOTINITIALISED);
            }
            if (--startups > 0) {
                return WspResult.ok();
            }
            toClose = poller;
            poller = null;
        }
        // the last cleanup: sockets still open close as their linger says, graceful ones finish in the background
        for (TcpSocket s : new ArrayList<>(sockets)) {
            s.closeAtCleanup();
        }
        sockets.clear();
        duplication.stop();
        if (toClose != null) {
            toClose.close();
        }
        return WspResult.ok();
    }

    boolean started() {
        synchronized (lifecycle) {
            return startups > 0;
        }
    }

    @Override
    public WspResult<WspSocket> socket(ProtocolInfo info, int addressFamily, int socketType, int protocol, int flags) {
        if (!started()) {
            return WspResult.fail(WsaError.WSANOTINITIALISED);
        }
        ProtocolInfo entry = info != null ? info : entries.getFirst();
        int af = addressFamily == AddressFamily.AF_UNSPEC ? entry.addressFamily() : addressFamily;
        if (af != AddressFamily.AF_INET && af != AddressFamily.AF_INET6) {
            return WspResult.fail(WsaError.WSAEAFNOSUPPORT);
        }
        if (socketType != 0 && socketType != SocketType.SOCK_STREAM) {
            return WspResult.fail(WsaError.WSAESOCKTNOSUPPORT);
        }
        if (protocol != 0 && protocol != IpProtocol.IPPROTO_TCP) {
            return WspResult.fail(WsaError.WSAEPROTONOSUPPORT);
        }
        try {
            TcpSocket s = TcpSocket.open(this, entry, af);
            sockets.add(s);
            return WspResult.ok(s);
        } catch (IOException e) {
            WsaError err = TcpErrors.of(e);
            return WspResult.fail(err == WsaError.WSAENETDOWN ? WsaError.WSAENOBUFS : err);
        }
    }

    Duplication duplication() {
        return duplication;
    }

    /** WSPSocket(FROM_PROTOCOL_INFO): the descriptor another process passed to this one's inbox, once. */
    @Override
    public WspResult<WspSocket> adoptSocket(ProtocolInfo info, ProviderReserved reserved, int flags) {
        if (!started()) {
            return WspResult.fail(WsaError.WSANOTINITIALISED);
        }
        int fd = duplication.redeem(reserved);
        if (fd < 0) {
            return WspResult.fail(WsaError.WSAEINVAL); // unknown, spent or expired
        }
        ProtocolInfo entry = info != null ? info : entries.getFirst();
        int domain = Descriptors.domain(fd);
        int af = domain == Descriptors.LINUX_AF_INET6 ? AddressFamily.AF_INET6 : AddressFamily.AF_INET;
        if (af != entry.addressFamily()) {
            Descriptors.close(fd);
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        try {
            TcpSocket s = TcpSocket.adopted(this, entry, af, AdoptedChannel.adopt(fd, domain));
            sockets.add(s);
            return WspResult.ok(s);
        } catch (IOException e) {
            LOG.warn("tcp: cannot adopt a duplicated socket: {}", e.toString());
            return WspResult.fail(WsaError.WSAENOBUFS);
        }
    }

    @Override
    public WspResult<SelectSets> select(SelectSets sets, long timeoutNanos) {
        if (sets == null) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        if (sets.total() == 0) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        for (List<WspSocket> l : List.of(sets.read(), sets.write(), sets.except())) {
            for (WspSocket w : l) {
                if (!(w instanceof TcpSocket s) || s.provider() != this || s.isClosed()) {
                    return WspResult.fail(WsaError.WSAENOTSOCK);
                }
            }
        }
        return new SelectCall(this, sets).run(timeoutNanos);
    }

    @Override
    public WspResult<SockAddr> stringToAddress(String text, int addressFamily, ProtocolInfo info) {
        if (text == null) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        try {
            InetSockAddr a = InetSockAddr.parse(text.trim());
            if (addressFamily != AddressFamily.AF_UNSPEC && addressFamily != a.addressFamily()) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            return WspResult.ok(a);
        } catch (IllegalArgumentException e) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
    }

    @Override
    public WspResult<String> addressToString(SockAddr address, ProtocolInfo info) {
        if (address == null) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        if (!(address instanceof InetSockAddr)) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        return WspResult.ok(address.toString());
    }

    @Override
    public WspResult<Void> cancelBlockingCall(Thread thread) {
        return blockingCalls.cancel(thread) ? WspResult.ok() : WspResult.fail(WsaError.WSAEINVAL);
    }

    /** TIME_WAIT as the kernel reports it (/proc/net/tcp and /proc/net/tcp6, state 06). */
    @Override
    public boolean inTimeWait(SockAddr local, SockAddr peer) {
        if (local instanceof InetSockAddr l && peer instanceof InetSockAddr p) {
            return ProcNetTcp.inTimeWait(l.toInetSocketAddress(), p.toInetSocketAddress(), TIME_WAIT_SETTLE);
        }
        return false;
    }

    ExtensionTable extensions() {
        return extensions;
    }
}
