package io.jwsp.provider.loopback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.time.VirtualClock;
import io.jwsp.spi.trace.WireTap;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A loopback provider driven through the contract alone: started with {@link RecordingUpcalls}, on a virtual clock
 * (or a given time source), with a recording wire tap. Helpers make connected pairs, move bytes, and run a blocking
 * call on another thread.
 */
final class Loop {
    static final Duration REAL = Duration.ofSeconds(10);

    final TimeSource clock;
    final RecordingUpcalls upcalls = new RecordingUpcalls();
    final RecordingWireTap tap = new RecordingWireTap();
    final LoopbackProvider provider;

    record Pair(WspSocket listener, WspSocket client, WspSocket server) {
    }

    Loop() {
        this(new VirtualClock(), Map.of());
    }

    Loop(Map<String, String> settings) {
        this(new VirtualClock(), settings);
    }

    Loop(TimeSource clock, Map<String, String> settings) {
        this.clock = clock;
        Map<String, String> copy = new HashMap<>(settings);
        WireTap wire = tap;
        ProviderContext context = new ProviderContext() {
            @Override
            public TimeSource timeSource() {
                return clock;
            }

            @Override
            public WireTap wireTap() {
                return wire;
            }

            @Override
            public Map<String, String> settings() {
                return copy;
            }
        };
        WspProvider p = new LoopbackProviderFactory().create(context);
        provider = (LoopbackProvider) p;
        ok(provider.startup(WsaVersion.V2_2, upcalls));
    }

    VirtualClock virtual() {
        return (VirtualClock) clock;
    }

    static ProtocolInfo entry(int af, int type) {
        return new LoopbackProviderFactory().protocolEntries().stream()
                .filter(e -> e.addressFamily() == af && e.socketType() == type)
                .findFirst().orElseThrow();
    }

    WspSocket stream() {
        return ok(provider.socket(entry(AddressFamily.AF_INET, SocketType.SOCK_STREAM), AddressFamily.AF_INET,
                SocketType.SOCK_STREAM, 0, 0));
    }

    WspSocket stream6() {
        return ok(provider.socket(entry(AddressFamily.AF_INET6, SocketType.SOCK_STREAM), AddressFamily.AF_INET6,
                SocketType.SOCK_STREAM, 0, 0));
    }

    WspSocket datagram() {
        return ok(provider.socket(entry(AddressFamily.AF_INET, SocketType.SOCK_DGRAM), AddressFamily.AF_INET,
                SocketType.SOCK_DGRAM, 0, 0));
    }

    static InetSockAddr local(int port) {
        return InetSockAddr.loopback4(port);
    }

    WspSocket listener() {
        WspSocket l = stream();
        ok(l.bind(local(0)));
        ok(l.listen(8));
        return l;
    }

    Pair pair() {
        WspSocket l = listener();
        WspSocket c = stream();
        ok(c.connect(ok(l.getSockName())));
        Accepted a = ok(l.accept(null));
        return new Pair(l, c, a.socket());
    }

    /** A connected pair with SO_SNDBUF and SO_RCVBUF of {@code bytes} on both ends: at most twice that in flight. */
    Pair pairWithBuffers(int bytes) {
        Pair p = pair();
        for (WspSocket s : new WspSocket[] {p.client(), p.server()}) {
            ok(s.setSockOpt(SocketOptions.SO_SNDBUF, bytes));
            ok(s.setSockOpt(SocketOptions.SO_RCVBUF, bytes));
        }
        return p;
    }

    /** A pair whose client buffers are small, so a few KiB fill them. */
    Pair smallPair() {
        WspSocket l = stream();
        ok(l.setSockOpt(SocketOptions.SO_RCVBUF, 4096));
        ok(l.setSockOpt(SocketOptions.SO_SNDBUF, 4096));
        ok(l.bind(local(0)));
        ok(l.listen(8));
        WspSocket c = stream();
        ok(c.setSockOpt(SocketOptions.SO_RCVBUF, 4096));
        ok(c.setSockOpt(SocketOptions.SO_SNDBUF, 4096));
        ok(c.connect(ok(l.getSockName())));
        return new Pair(l, c, ok(l.accept(null)).socket());
    }

    // ---- bytes

    static ByteBuffer[] bytes(int n, int from) {
        ByteBuffer b = ByteBuffer.allocate(n);
        for (int i = 0; i < n; i++) {
            b.put((byte) (from + i));
        }
        return new ByteBuffer[] {b.flip()};
    }

    static ByteBuffer[] room(int n) {
        return new ByteBuffer[] {ByteBuffer.allocate(n)};
    }

    static int send(WspSocket s, int n) {
        return ok(s.send(bytes(n, 0), 0, null));
    }

    /** Nonblocking sends until WSAEWOULDBLOCK; answers the bytes accepted. The socket stays nonblocking. */
    static int fill(WspSocket s) {
        ok(s.ioctl(IoControls.FIONBIO, true, null));
        int total = 0;
        while (true) {
            WspResult<Integer> r = s.send(bytes(1024, total), 0, null);
            if (r.is(WsaError.WSAEWOULDBLOCK)) {
                return total;
            }
            total += ok(r);
            if (total > 16 << 20) {
                fail("the peer never pushed back");
            }
        }
    }

    /** Reads until recv answers 0 or fails; answers the bytes read and the ending error (null for 0). */
    static Object[] readToEnd(WspSocket s) {
        long total = 0;
        while (true) {
            ByteBuffer[] b = room(8192);
            WspResult<Integer> r = s.recv(b, 0, null);
            if (!r.isOk()) {
                return new Object[] {total, r.error()};
            }
            if (r.value() == 0) {
                return new Object[] {total, null};
            }
            total += r.value();
        }
    }

    /** closesocket with linger (1, 0): an abortive close, the RST. */
    static void hardClose(WspSocket s) {
        ok(s.setSockOpt(SocketOptions.SO_LINGER, Linger.of(0)));
        ok(s.closeSocket());
    }

    static void linger(WspSocket s, int seconds) {
        ok(s.setSockOpt(SocketOptions.SO_LINGER, Linger.of(seconds)));
    }

    static void nonBlocking(WspSocket s, boolean on) {
        ok(s.ioctl(IoControls.FIONBIO, on, null));
    }

    // ---- threads

    static <T> CompletableFuture<T> inBackground(Callable<T> call) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(call.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "loopback-test-call");
        t.setDaemon(true);
        t.start();
        return f;
    }

    /** Starts {@code call} on a thread and returns once it is parked on the virtual clock. */
    <T> CompletableFuture<T> blocked(Callable<T> call) throws Exception {
        int before = virtual().waiters();
        CompletableFuture<T> f = inBackground(call);
        virtual().awaitWaiters(before + 1, REAL);
        assertTrue(!f.isDone(), "the call returned instead of blocking");
        return f;
    }

    static <T> T join(CompletableFuture<T> f) throws Exception {
        return f.get(REAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- results

    static <T> T ok(WspResult<T> r) {
        if (!r.isOk()) {
            fail("expected success, got " + (r.isPending() ? "pending" : r.error()));
        }
        return r.value();
    }

    static <T> T ok(WspResult<T> r, String what) {
        if (!r.isOk()) {
            fail(what + ": expected success, got " + (r.isPending() ? "pending" : r.error()));
        }
        return r.value();
    }

    static void fails(WsaError expected, WspResult<?> r, String what) {
        assertEquals(expected, r.isOk() ? null : r.error(), () -> what + ": expected " + expected + ", got "
                + (r.isOk() ? "success" : r.isPending() ? "pending" : r.error()));
    }

    static void fails(WsaError expected, WspResult<?> r) {
        assertEquals(expected, r.isOk() ? null : r.error(),
                () -> "expected " + expected + ", got " + (r.isOk() ? "success" : r.isPending() ? "pending" : r.error()));
    }

    static SockAddr name(WspSocket s) {
        return ok(s.getSockName());
    }

    static SockAddr peer(WspSocket s) {
        return ok(s.getPeerName());
    }
}
