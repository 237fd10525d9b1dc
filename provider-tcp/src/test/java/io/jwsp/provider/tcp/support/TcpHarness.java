package io.jwsp.provider.tcp.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.tcp.TcpProviderFactory;
import io.jwsp.provider.tcp.kernel.ProcNetTcp;
import io.jwsp.provider.tcp.kernel.TcpState;
import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.SystemTimeSource;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.trace.WireTap;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One provider instance over a chosen clock, with a recording wire tap and test upcalls, plus the helpers the
 * quirk tests share. Peers are plain java.net sockets: nothing jwsp made.
 */
public final class TcpHarness implements AutoCloseable {
    public final TimeSource clock;
    public final RecordingTap tap = new RecordingTap();
    public final TestUpcalls upcalls = new TestUpcalls();
    public final WspProvider provider;
    private final TcpProviderFactory factory = new TcpProviderFactory();

    public TcpHarness(TimeSource clock) {
        this(clock, Map.of());
    }

    /** {@code settings}: the provider's own keys ({@code jwsp.tcp.} removed), as the runtime hands them over. */
    public TcpHarness(TimeSource clock, Map<String, String> settings) {
        this.clock = clock;
        ProviderContext ctx = new ProviderContext() {
            @Override
            public TimeSource timeSource() {
                return clock;
            }

            @Override
            public WireTap wireTap() {
                return tap;
            }

            @Override
            public Map<String, String> settings() {
                return settings;
            }
        };
        provider = factory.create(ctx);
        provider.startup(WsaVersion.V2_2, upcalls).value();
    }

    public static TcpHarness realClock() {
        return new TcpHarness(new SystemTimeSource());
    }

    public ProtocolInfo entry(int af) {
        return factory.protocolEntries().stream().filter(e -> e.addressFamily() == af).findFirst().orElseThrow();
    }

    public WspSocket socket4() {
        return provider.socket(entry(AddressFamily.AF_INET), AddressFamily.AF_INET, SocketType.SOCK_STREAM, 0, 0)
                .value();
    }

    public WspSocket socket6() {
        return provider.socket(entry(AddressFamily.AF_INET6), AddressFamily.AF_INET6, SocketType.SOCK_STREAM, 0, 0)
                .value();
    }

    /** A jwsp socket connected to {@code server} (a java.net listener on 127.0.0.1 or ::1). */
    public WspSocket connectTo(ServerSocket server) {
        boolean v6 = server.getInetAddress() instanceof java.net.Inet6Address;
        WspSocket s = v6 ? socket6() : socket4();
        s.connect(new InetSockAddr(server.getInetAddress(), server.getLocalPort())).value();
        return s;
    }

    public static ServerSocket listener4() throws IOException {
        return new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
    }

    public static ServerSocket listener6() throws IOException {
        return new ServerSocket(0, 50, java.net.InetAddress.getByName("::1"));
    }

    /**
     * A listener whose accepted sockets have a small receive buffer (set before the handshake, so the window is
     * negotiated small rather than shrunk later), so that a non-reading peer fills up quickly.
     */
    public static ServerSocket smallListener4() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReceiveBufferSize(16 * 1024);
        s.bind(new InetSocketAddress(java.net.InetAddress.getByName("127.0.0.1"), 0), 50);
        return s;
    }

    public static Socket acceptSmall(ServerSocket server) throws IOException {
        return server.accept();
    }

    /** Runs {@code task} on a thread of its own (the common pool may have a single thread on small machines). */
    public static <T> java.util.concurrent.CompletableFuture<T> async(java.util.function.Supplier<T> task) {
        java.util.concurrent.CompletableFuture<T> f = new java.util.concurrent.CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                f.complete(task.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    /**
     * Sends into a peer that does not read until the kernel takes no more (FIONBIO for the filling, restored
     * after), so that the kernel holds unacknowledged bytes. Answers the bytes accepted by send.
     */
    public static long fill(WspSocket s) {
        s.ioctl(IoControls.FIONBIO, true, null).value();
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        long total = 0;
        while (true) {
            chunk.clear();
            WspResult<Integer> r = s.send(new ByteBuffer[] {chunk}, 0, null);
            if (r.is(WsaError.WSAEWOULDBLOCK)) {
                break;
            }
            total += r.value();
        }
        s.ioctl(IoControls.FIONBIO, false, null).value();
        return total;
    }

    public static int send(WspSocket s, byte[] data) {
        return s.send(new ByteBuffer[] {ByteBuffer.wrap(data)}, 0, null).value();
    }

    /** Reads until end of stream; answers the count. */
    public static long drain(Socket peer) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long n = 0;
        int k;
        while ((k = peer.getInputStream().read(buf)) >= 0) {
            n += k;
        }
        return n;
    }

    public static InetSocketAddress local(WspSocket s) {
        return ((InetSockAddr) s.getSockName().value()).toInetSocketAddress();
    }

    public static InetSocketAddress peer(WspSocket s) {
        return ((InetSockAddr) s.getPeerName().value()).toInetSocketAddress();
    }

    /** Bounded polling of kernel state: the kernel is the thing observed, with a real deadline. */
    public static void awaitKernel(String what, BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!cond.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "the kernel never showed: " + what);
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // re-read /proc about every millisecond
        }
    }

    public static List<TcpState> states(InetSocketAddress local, InetSocketAddress peer) {
        return ProcNetTcp.states(local, peer);
    }

    @Override
    public void close() {
        provider.cleanup();
        if (clock instanceof SystemTimeSource s) {
            s.close();
        }
    }
}
