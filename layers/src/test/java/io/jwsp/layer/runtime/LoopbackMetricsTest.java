package io.jwsp.layer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.layer.metrics.MetricsLayer;
import io.jwsp.provider.loopback.LoopbackProviderFactory;
import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.Winsock;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The close rows the metrics layer reports, over the loopback provider's real close table. */
class LoopbackMetricsTest {
    private final VirtualClock clock = new VirtualClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final JwspRuntime runtime = JwspRuntime.builder().provider(new LoopbackProviderFactory())
            .setting("loopback.sendBufferBytes", "4096").setting("loopback.receiveBufferBytes", "4096")
            .layer(new MetricsLayer(registry)).timeSource(clock).build();
    private final Winsock ws = runtime.winsock();

    @AfterEach
    void close() {
        runtime.close();
    }

    private double closes(String outcome, String type) {
        var c = registry.find("jwsp.closes").tags("outcome", outcome, "type", type).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void nonblockingLingerWithDataQueued_isWouldBlock_thenTheBlockingRetryLingersAndTimesOut() throws Exception {
        ws.startup(WsaVersion.V2_2).orElseThrow();
        long l = ws.socket(AddressFamily.AF_INET, SocketType.SOCK_STREAM, 0).orElseThrow();
        ws.bind(l, InetSockAddr.loopback4(0)).orElseThrow();
        ws.listen(l, 1).orElseThrow();
        long c = ws.socket(AddressFamily.AF_INET, SocketType.SOCK_STREAM, 0).orElseThrow();
        ws.connect(c, ws.getSockName(l).orElseThrow()).orElseThrow();
        ws.accept(l).orElseThrow();
        ws.ioctl(c, IoControls.FIONBIO, true).orElseThrow();
        while (ws.send(c, ByteBuffer.allocate(1024), 0).isOk()) {
            // fill until the peer, which never reads, pushes back
        }
        ws.setSockOpt(c, SocketOptions.SO_LINGER, Linger.of(5)).orElseThrow();

        assertTrue(ws.closeSocket(c).is(WsaError.WSAEWOULDBLOCK));
        ws.ioctl(c, IoControls.FIONBIO, false).orElseThrow();
        CompletableFuture<WspResult<Void>> close = CompletableFuture.supplyAsync(() -> ws.closeSocket(c));
        clock.awaitWaiters(1, Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(5));
        assertTrue(close.get(5, TimeUnit.SECONDS).isOk());

        assertEquals(1, closes("WOULD_BLOCK", "NONE"));
        assertEquals(1, closes("LINGER_WAIT", "HARD_AFTER_LINGER_TIMEOUT"));
        assertEquals(5.0, registry.find("jwsp.close.duration").tag("outcome", "LINGER_WAIT").timer()
                .totalTime(TimeUnit.SECONDS), 1e-9);
        assertEquals(1, registry.find("jwsp.errors").tags("call", "closeSocket", "error", "WSAEWOULDBLOCK")
                .counter().count());
    }
}
