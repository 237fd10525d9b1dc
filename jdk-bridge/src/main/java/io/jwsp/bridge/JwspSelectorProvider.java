package io.jwsp.bridge;

import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.Winsock;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ServiceFlags;
import io.jwsp.spi.result.WspResult;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Pipe;
import java.nio.channels.spi.AbstractSelector;
import java.nio.channels.spi.SelectorProvider;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@link SelectorProvider} whose channels and selector run over a jwsp runtime and one catalog entry, so code
 * that knows only java.nio (Netty's NIO transport, say) runs unchanged over any provider:
 * <pre>{@code
 * var nio = JwspSelectorProvider.open(runtime, "loopback");
 * var group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory(nio));
 * new ServerBootstrap().group(group).channelFactory(() -> new NioServerSocketChannel(nio)) ...
 * }</pre>
 * It starts Winsock once on construction; {@link #close()} cleans it up. Pass it where the code takes a
 * SelectorProvider, or make jwsp the JVM's provider with {@link io.jwsp.bridge.jvmwide.JvmWideSelectorProvider}.
 */
public class JwspSelectorProvider extends SelectorProvider implements AutoCloseable {
    private final JwspRuntime runtime;
    private final Winsock winsock;
    private final ProtocolInfo stream;

    /** Over {@code runtime}'s catalog entry {@code stream}; see {@link #streamEntry} to find one by name. */
    protected JwspSelectorProvider(JwspRuntime runtime, ProtocolInfo stream) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.stream = Objects.requireNonNull(stream, "stream");
        this.winsock = runtime.winsock();
        WspResult<?> r = winsock.startup(WsaVersion.V2_2);
        if (r.isFailed()) {
            throw new IllegalStateException("Winsock startup failed: " + r.error());
        }
    }

    /** Over the catalog entry {@code stream} (a SOCK_STREAM entry). */
    public static JwspSelectorProvider open(JwspRuntime runtime, ProtocolInfo stream) {
        return new JwspSelectorProvider(runtime, stream);
    }

    /**
     * Over the first visible connection-oriented entry whose name contains {@code providerName} (for instance
     * {@code "loopback"}, {@code "tcp"}, {@code "irda"}, {@code "atm"}), in catalog order: a SOCK_STREAM entry, or
     * a message-oriented one such as ATM's SOCK_RAW, whose reads then return one message at a time.
     */
    public static JwspSelectorProvider open(JwspRuntime runtime, String providerName) {
        return new JwspSelectorProvider(runtime, streamEntry(runtime, providerName));
    }

    /** The entry {@link #open(JwspRuntime, String)} uses for {@code providerName}. */
    public static ProtocolInfo streamEntry(JwspRuntime runtime, String providerName) {
        String needle = providerName.toLowerCase(Locale.ROOT);
        for (ProtocolInfo p : runtime.catalog().visibleEntries()) {
            if (!p.hasService(ServiceFlags.XP1_CONNECTIONLESS) && p.name().toLowerCase(Locale.ROOT).contains(needle)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no connection-oriented entry of provider '" + providerName
                + "' in the catalog");
    }

    public JwspRuntime runtime() {
        return runtime;
    }

    public ProtocolInfo streamEntry() {
        return stream;
    }

    /** A datagram channel over the provider's SOCK_DGRAM entry of the stream entry's family. */
    @Override
    public DatagramChannel openDatagramChannel() throws IOException {
        return new JwspDatagramChannel(this, newHandle(entryFor(stream.addressFamily(), SocketType.SOCK_DGRAM)));
    }

    @Override
    public DatagramChannel openDatagramChannel(ProtocolFamily family) throws IOException {
        return new JwspDatagramChannel(this, newHandle(entryFor(afOf(family), SocketType.SOCK_DGRAM)));
    }

    /**
     * A pipe made of a connected pair of this provider's stream sockets (as the JDK on Windows makes its pipes of
     * a loopback TCP connection), so that code that opens a Pipe runs unchanged and its ends register with this
     * provider's selectors.
     */
    @Override
    public Pipe openPipe() throws IOException {
        return JwspPipe.open(this);
    }

    @Override
    public AbstractSelector openSelector() throws IOException {
        return new JwspSelector(this, winsock, runtime.timeSource());
    }

    @Override
    public JwspServerSocketChannel openServerSocketChannel() throws IOException {
        return new JwspServerSocketChannel(this, newHandle(stream), true);
    }

    @Override
    public JwspSocketChannel openSocketChannel() throws IOException {
        return new JwspSocketChannel(this, newHandle(stream), false, true);
    }

    @Override
    public JwspSocketChannel openSocketChannel(ProtocolFamily family) throws IOException {
        return new JwspSocketChannel(this, newHandle(entryFor(family)), false, false);
    }

    @Override
    public JwspServerSocketChannel openServerSocketChannel(ProtocolFamily family) throws IOException {
        return new JwspServerSocketChannel(this, newHandle(entryFor(family)), false);
    }

    /**
     * The handle a channel opened without a protocol family uses to reach {@code target}: {@code h} itself, or,
     * when {@code target} is of the other IP family and the provider has an entry for it, a socket of that entry
     * in its place ({@link BridgedHandle#reopen}). The JDK's channels are dual-stack; a Winsock socket is not.
     */
    BridgedHandle familyFor(BridgedHandle h, SocketAddress target) throws IOException {
        if (!(target instanceof InetSocketAddress inet) || inet.isUnresolved()) {
            return h;
        }
        int af = inet.getAddress() instanceof Inet6Address ? AddressFamily.AF_INET6 : AddressFamily.AF_INET;
        int have = h.entry.addressFamily();
        if (af == have || have != AddressFamily.AF_INET && have != AddressFamily.AF_INET6) {
            return h;
        }
        ProtocolInfo other;
        try {
            other = entryFor(af, h.entry.socketType());
        } catch (UnsupportedOperationException e) {
            return h; // the provider answers for the address as it does
        }
        return h.reopen(other);
    }

    private static int afOf(ProtocolFamily family) {
        return family == StandardProtocolFamily.INET ? AddressFamily.AF_INET
                : family == StandardProtocolFamily.INET6 ? AddressFamily.AF_INET6 : -1;
    }

    private ProtocolInfo entryFor(ProtocolFamily family) {
        return entryFor(afOf(family), stream.socketType());
    }

    /** The same provider's entry for another family or type; UnsupportedOperationException when it has none. */
    private ProtocolInfo entryFor(int af, int type) {
        if (af == stream.addressFamily() && type == stream.socketType()) {
            return stream;
        }
        for (ProtocolInfo p : runtime.catalog().visibleEntries()) {
            if (p.providerId().equals(stream.providerId()) && p.addressFamily() == af && p.socketType() == type) {
                return p;
            }
        }
        throw new UnsupportedOperationException(stream.name() + " has no " + AddressFamily.name(af) + " "
                + SocketType.name(type) + " entry");
    }

    private BridgedHandle newHandle(ProtocolInfo entry) throws IOException {
        WspResult<Long> s = winsock.socket(entry.addressFamily(), entry.socketType(), entry.protocol(), entry, 0);
        if (s.isFailed()) {
            throw WsaErrorTranslation.forIo(s.error());
        }
        return new BridgedHandle(winsock, s.value(), entry);
    }

    /**
     * Where a listener binds when the application gives no address: the loopback address with an ephemeral port.
     * Unlike the JDK (the wildcard), jwsp listens beyond 127.0.0.1 only when asked.
     */
    SocketAddress wildcardAddress() {
        if (stream.addressFamily() == AddressFamily.AF_INET) {
            return InetSockAddr.loopback4(0).toInetSocketAddress();
        }
        if (stream.addressFamily() == AddressFamily.AF_INET6) {
            return new InetSocketAddress(InetSockAddr.parse("[::1]:0").address(), 0);
        }
        throw new IllegalArgumentException("bind needs an address for " + AddressFamily.name(stream.addressFamily()));
    }

    /** A blocking {@link javax.net.SocketFactory} over this provider's entry. */
    public JwspSocketFactory socketFactory() {
        return new JwspSocketFactory(this);
    }

    /** A {@link javax.net.ServerSocketFactory} over this provider's entry. */
    public JwspServerSocketFactory serverSocketFactory() {
        return new JwspServerSocketFactory(this);
    }

    @Override
    public void close() {
        winsock.cleanup();
    }
}
