package io.jwsp.layer.metricslayer;

// Not in io.jwsp.layer.metrics: that package is the layers-metrics module's, and the tests compile into io.jwsp.layers.

import static io.jwsp.layer.support.Session.recv;
import static io.jwsp.layer.support.Session.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.layer.fake.FakeStreamProvider;
import io.jwsp.layer.metrics.MetricsLayer;
import io.jwsp.layer.support.Session;
import io.jwsp.layer.support.TestContext;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MetricsLayerTest {
    private final VirtualClock clock = new VirtualClock();
    private final FakeStreamProvider base = new FakeStreamProvider(clock);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final WspProvider p = Session.chain(TestContext.of(clock), base, new MetricsLayer(registry));

    private double count(String name, String... tags) {
        var c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void scriptedSession_countsCallsBytesErrorsAndCloseTypes() throws Exception {
        WspSocket listener = Session.listener(p, FakeStreamProvider.ENTRY);
        WspSocket[] a = Session.connect(p, FakeStreamProvider.ENTRY, listener);
        send(a[0], "hello").orElseThrow();
        send(a[0], "world!").orElseThrow();
        assertEquals("helloworld!", recv(a[1], 64).orElseThrow());
        assertTrue(a[0].shutdown(7).is(WsaError.WSAEINVAL));

        // a graceful close (no linger), then a hard one the peer sees as a reset
        a[0].closeSocket().orElseThrow();
        WspSocket[] b = Session.connect(p, FakeStreamProvider.ENTRY, listener);
        b[0].setSockOpt(SocketOptions.SO_LINGER, Linger.of(0)).orElseThrow();
        b[0].closeSocket().orElseThrow();
        assertTrue(recv(b[1], 8).is(WsaError.WSAECONNRESET));
        assertTrue(recv(b[1], 8).is(WsaError.WSAECONNRESET));

        assertEquals(2, count("jwsp.calls", "call", "send"));
        assertEquals(3, count("jwsp.calls", "call", "recv"));
        assertEquals(2, count("jwsp.calls", "call", "connect"));
        assertEquals(2, count("jwsp.calls", "call", "accept"));
        assertEquals(11, count("jwsp.bytes.sent"));
        assertEquals(11, count("jwsp.bytes.received"));
        assertEquals(2, count("jwsp.errors", "call", "recv", "error", "WSAECONNRESET", "code", "10054"));
        assertEquals(1, count("jwsp.errors", "call", "shutdown", "error", "WSAEINVAL"));
        assertEquals(1, count("jwsp.closes", "outcome", "GRACEFUL_IN_BACKGROUND", "type", "GRACEFUL"));
        assertEquals(1, count("jwsp.closes", "outcome", "ABORTIVE", "type", "HARD"));
    }

    @Test
    void lingerWait_isTimedOnTheRuntimesClock_andATimeOutIsAHardCloseAfterLinger() throws Exception {
        WspSocket listener = Session.listener(p, FakeStreamProvider.ENTRY);
        WspSocket[] a = Session.connect(p, FakeStreamProvider.ENTRY, listener);
        a[0].setSockOpt(SocketOptions.SO_LINGER, Linger.of(5)).orElseThrow();
        send(a[0], "nobody reads this").orElseThrow();
        CompletableFuture<WspResult<Void>> close = CompletableFuture.supplyAsync(a[0]::closeSocket);
        clock.awaitWaiters(1, Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(5));
        assertTrue(close.get(5, TimeUnit.SECONDS).isOk());

        // a lingering close with nothing queued completes at once
        WspSocket[] b = Session.connect(p, FakeStreamProvider.ENTRY, listener);
        b[0].setSockOpt(SocketOptions.SO_LINGER, Linger.of(5)).orElseThrow();
        b[0].closeSocket().orElseThrow();

        assertEquals(1, count("jwsp.closes", "outcome", "LINGER_WAIT", "type", "HARD_AFTER_LINGER_TIMEOUT"));
        assertEquals(1, count("jwsp.closes", "outcome", "GRACEFUL_NOW", "type", "GRACEFUL"));
        Timer waits = registry.find("jwsp.close.duration").tag("outcome", "LINGER_WAIT").timer();
        assertEquals(1, waits.count());
        assertEquals(5.0, waits.totalTime(TimeUnit.SECONDS), 1e-9);
    }

    @Test
    void closeOfAnUnconnectedSocket_isNoConnection() {
        WspSocket s = Session.stream(p, FakeStreamProvider.ENTRY);
        s.closeSocket().orElseThrow();
        assertEquals(1, count("jwsp.closes", "outcome", "GRACEFUL_IN_BACKGROUND", "type", "NO_CONNECTION"));
    }

    @Test
    void registry_isReachableThroughTheChain_andTheServiceLoaderInstanceHasItsOwn() {
        assertSame(registry, p.unwrap(MeterRegistry.class).orElseThrow());
        MetricsLayer discovered = new MetricsLayer();
        WspProvider q = Session.chain(TestContext.of(clock, Map.of("metrics.prefix", "app.net")),
                new FakeStreamProvider(clock), discovered);
        Session.stream(q, FakeStreamProvider.ENTRY);
        assertSame(discovered.registry(), q.unwrap(MeterRegistry.class).orElseThrow());
        assertEquals(1, discovered.registry().find("app.net.calls").tag("call", "socket").counter().count());
    }
}
