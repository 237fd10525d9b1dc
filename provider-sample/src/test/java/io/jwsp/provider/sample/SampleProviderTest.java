package io.jwsp.provider.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.Winsock;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.testkit.IsolatedRuntime;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the TCK does not cover: registration and catalog placement, named addresses, select, the buffer and error
 * options, and the address parser the CLI uses. Each test runs in its own runtime on a virtual clock.
 */
class SampleProviderTest {
    private IsolatedRuntime rt;
    private Winsock ws;

    private void start(IsolatedRuntime.Builder b) {
        rt = b.virtualClock(true).start();
        ws = rt.winsock();
    }

    private void start() {
        start(IsolatedRuntime.builder().provider(new SampleProviderFactory()));
    }

    @AfterEach
    void stop() {
        if (rt != null) {
            rt.closeQuietly();
        }
    }

    private long stream() {
        return ok(ws.socket(AddressFamily.AF_UNIX, SocketType.SOCK_STREAM, 0));
    }

    private static <T> T ok(WspResult<T> r) {
        assertTrue(r.isOk(), () -> "expected success, got " + (r.isPending() ? "pending" : r.error()));
        return r.value();
    }

    private static ByteBuffer text(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** listener bound to {@code name}, a client connected to it, and the accepted socket. */
    private long[] connectedPair(String name) {
        long l = stream();
        ok(ws.bind(l, new SampleSockAddr(name)));
        ok(ws.listen(l, 4));
        long c = stream();
        ok(ws.connect(c, new SampleSockAddr(name)));
        long a = ok(ws.accept(l));
        return new long[] {l, c, a};
    }

    @Test
    void serviceLoader_findsTheFactory_andTheCatalogListsOneAfUnixStreamEntry() {
        List<Class<?>> found = ServiceLoader.load(WspProviderFactory.class).stream()
                .<Class<?>>map(ServiceLoader.Provider::type).toList();
        assertTrue(found.contains(SampleProviderFactory.class), "META-INF/services names the factory: " + found);

        start(IsolatedRuntime.builder().discover(getClass().getClassLoader()));
        List<ProtocolInfo> entries = rt.catalog().entries();
        assertEquals(1, entries.size(), "only the sample is on this test's class path: " + entries);
        ProtocolInfo e = entries.getFirst();
        assertEquals("jwsp sample stream", e.name());
        assertEquals(AddressFamily.AF_UNIX, e.addressFamily());
        assertEquals(SocketType.SOCK_STREAM, e.socketType());
        assertEquals(SampleProviderFactory.SERVICE_FLAGS, e.serviceFlags());
        assertTrue(ws.socket(AddressFamily.AF_INET, SocketType.SOCK_STREAM, 0).isFailed(),
                "an IP socket never lands on the sample's entry");
        ok(ws.closeSocket(stream()));
    }

    @Test
    void namedAddresses_bindListenConnect_carryBytes() {
        start();
        long[] p = connectedPair("echo");
        long other = stream();
        assertEquals(WsaError.WSAEADDRINUSE, ws.bind(other, new SampleSockAddr("echo")).error());
        assertEquals(WsaError.WSAECONNREFUSED, ws.connect(other, new SampleSockAddr("nobody")).error());
        assertEquals(new SampleSockAddr("echo"), ok(ws.getPeerName(p[1])));
        assertEquals(ok(ws.getSockName(p[1])), ok(ws.getPeerName(p[2])), "the accepted side sees the client's name");

        assertEquals(5, ok(ws.send(p[1], text("hello"), 0)));
        assertEquals(5, ok(ws.ioctl(p[2], IoControls.FIONREAD, null)));
        ByteBuffer in = ByteBuffer.allocate(16);
        assertEquals(5, ok(ws.recv(p[2], in, 0)));
        assertEquals("hello", new String(in.array(), 0, 5, StandardCharsets.US_ASCII));
    }

    @Test
    void select_reportsAcceptReadAndWriteReadiness() {
        start();
        long l = stream();
        ok(ws.bind(l, SampleSockAddr.ANY));
        ok(ws.listen(l, 4));
        long c = stream();
        assertEquals(Set.of(), ok(ws.select(Set.of(l), Set.of(), Set.of(), Duration.ZERO)).read(), "nothing to accept");
        ok(ws.connect(c, ok(ws.getSockName(l))));
        assertEquals(Set.of(l), ok(ws.select(Set.of(l), Set.of(), Set.of(), Duration.ZERO)).read(), "acceptable");
        long a = ok(ws.accept(l));
        Winsock.Ready quiet = ok(ws.select(Set.of(a), Set.of(c), Set.of(), Duration.ZERO));
        assertEquals(Set.of(), quiet.read(), "nothing sent yet");
        assertEquals(Set.of(c), quiet.write(), "room to send");
        ok(ws.send(c, text("x"), 0));
        assertEquals(Set.of(a), ok(ws.select(Set.of(a), Set.of(), Set.of(), Duration.ZERO)).read(), "data arrived");
    }

    @Test
    void select_withATimeout_waitsExactlyThatLongOnTheClock() throws Exception {
        start();
        long[] p = connectedPair("quiet");
        long t0 = rt.timeSource().nanoTime();
        CompletableFuture<WspResult<Winsock.Ready>> waiting = CompletableFuture.supplyAsync(
                () -> ws.select(Set.of(p[2]), Set.of(), Set.of(), Duration.ofSeconds(5)));
        rt.virtualClock().awaitWaiters(1, Duration.ofSeconds(10));
        rt.virtualClock().advance(Duration.ofSeconds(5));
        Winsock.Ready ready = ok(waiting.get(10, TimeUnit.SECONDS));
        assertEquals(Set.of(), ready.read(), "nothing arrived");
        assertEquals(Duration.ofSeconds(5).toNanos(), rt.timeSource().nanoTime() - t0);
    }

    @Test
    void options_buffersTypeAndTheErrorAHardCloseLeaves() {
        start();
        long[] p = connectedPair("opts");
        assertEquals(SocketType.SOCK_STREAM, ok(ws.getSockOpt(p[1], SocketOptions.SO_TYPE)));
        ok(ws.setSockOpt(p[1], SocketOptions.SO_SNDBUF, 1024));
        assertEquals(1024, ok(ws.getSockOpt(p[1], SocketOptions.SO_SNDBUF)));
        assertEquals(WsaError.WSAEINVAL, ws.setSockOpt(p[1], SocketOptions.SO_RCVBUF, -1).error());
        assertEquals(WsaError.WSAENOPROTOOPT, ws.setSockOpt(p[1], SocketOptions.SO_TYPE, 2).error(), "read-only");

        ok(ws.setSockOpt(p[2], SocketOptions.SO_LINGER, Linger.of(0)));
        ok(ws.closeSocket(p[2]));
        assertEquals(WsaError.WSAECONNRESET.code(), ok(ws.getSockOpt(p[1], SocketOptions.SO_ERROR)));
        assertEquals(0, ok(ws.getSockOpt(p[1], SocketOptions.SO_ERROR)), "reading SO_ERROR clears it");
    }

    @Test
    void addressText_starIsAnyName_anythingElseIsAName() {
        start();
        SampleProvider provider = rt.runtime().providerExtension(SampleProviderFactory.NAME, SampleProvider.class)
                .orElseThrow();
        ProtocolInfo entry = rt.catalog().entries().getFirst();
        SockAddr any = ok(provider.stringToAddress("*", AddressFamily.AF_UNIX, entry));
        assertEquals(SampleSockAddr.ANY, any);
        assertEquals(new SampleSockAddr("db-primary"),
                ok(provider.stringToAddress("db-primary", AddressFamily.AF_UNIX, entry)));
        assertEquals("db-primary", ok(provider.addressToString(new SampleSockAddr("db-primary"), entry)));
    }
}
