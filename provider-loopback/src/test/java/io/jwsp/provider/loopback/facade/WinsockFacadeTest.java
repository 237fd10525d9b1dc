package io.jwsp.provider.loopback.facade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jwsp.provider.loopback.LoopbackProviderFactory;
import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.Winsock;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.close.TimeWaitQuery;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.CompletionPacket;
import io.jwsp.spi.io.CompletionPort;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The loopback provider behind the Winsock facade of a real runtime (JwspRuntime.builder()), on a virtual clock:
 * what an application sees. The TCK (LoopbackTckTest) covers the close table through the same facade; these add the
 * overlapped send path, the 30-second linger measured on the clock, TIME_WAIT through the runtime, and discovery.
 */
class WinsockFacadeTest {
    private static final Duration REAL = Duration.ofSeconds(10);
    private final VirtualClock clock = new VirtualClock();
    private final JwspRuntime runtime = JwspRuntime.builder()
            .provider(new LoopbackProviderFactory())
            .timeSource(clock)
            .setting("loopback.sendBufferBytes", "4096")
            .setting("loopback.receiveBufferBytes", "4096")
            .build();
    private final Winsock ws = runtime.winsock();

    private record Pair(long listener, long client, long server) {
    }

    @AfterEach
    void close() {
        runtime.close();
    }

    private static <T> T ok(WspResult<T> r) {
        if (!r.isOk()) {
            fail("expected success, got " + (r.isPending() ? "pending" : r.error()));
        }
        return r.value();
    }

    private Pair pair(int clientFlags) {
        ok(ws.startup(WsaVersion.V2_2));
        long l = ok(ws.socket(AddressFamily.AF_INET, SocketType.SOCK_STREAM, 0));
        ok(ws.bind(l, InetSockAddr.loopback4(0)));
        ok(ws.listen(l, 4));
        long c = ok(ws.socket(AddressFamily.AF_INET, SocketType.SOCK_STREAM, 0, null, clientFlags));
        ok(ws.connect(c, ok(ws.getSockName(l))));
        return new Pair(l, c, ok(ws.accept(l)));
    }

    /** Fills the client's send path until WSAEWOULDBLOCK; leaves it nonblocking. */
    private long fill(long s) {
        ok(ws.ioctl(s, IoControls.FIONBIO, true));
        long total = 0;
        while (true) {
            WspResult<Integer> r = ws.send(s, ByteBuffer.allocate(1024), 0);
            if (r.is(WsaError.WSAEWOULDBLOCK)) {
                return total;
            }
            total += ok(r);
        }
    }

    @Test
    void required_closesocket_lingerThirtySeconds_runsOnTheVirtualClockInMilliseconds() throws Exception {
        Pair p = pair(0);
        fill(p.client());
        ok(ws.ioctl(p.client(), IoControls.FIONBIO, false));
        ok(ws.setSockOpt(p.client(), SocketOptions.SO_LINGER, Linger.of(30)));
        long realStart = System.nanoTime();
        CompletableFuture<Long> closing = CompletableFuture.supplyAsync(() -> {
            long t0 = clock.nanoTime();
            ok(ws.closeSocket(p.client()));
            return clock.nanoTime() - t0;
        });
        clock.awaitWaiters(1, REAL);
        clock.advance(Duration.ofSeconds(30));
        long waited = closing.get(REAL.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(Duration.ofSeconds(30).toNanos(), waited, "closesocket lingered 30 s on the clock");
        assertTrue(System.nanoTime() - realStart < Duration.ofSeconds(5).toNanos(), "in real milliseconds");
        WspResult<Integer> r = ws.recv(p.server(), ByteBuffer.allocate(10), 0);
        assertTrue(r.is(WsaError.WSAECONNRESET), "the time-out ends in a reset: " + r);
    }

    @Test
    void required_closesocket_pendingOverlappedSend_abortedThroughEventRoutineAndPort() throws Exception {
        Pair p = pair(WspProvider.WSA_FLAG_OVERLAPPED);
        fill(p.client());
        // event
        WspEvent event = ws.createEvent();
        Overlapped byEvent = Overlapped.withEvent(event);
        assertTrue(ws.wsaSend(p.client(), new ByteBuffer[] {ByteBuffer.allocate(9000)}, 0, byEvent).isPending());
        // port
        CompletionPort port = ws.createCompletionPort();
        Overlapped byPort = Overlapped.withPort(port, 7);
        assertTrue(ws.wsaSend(p.client(), new ByteBuffer[] {ByteBuffer.allocate(10)}, 0, byPort).isPending());
        // routine, issued by a thread that then waits alertably
        AtomicReference<WsaError> routineError = new AtomicReference<>();
        AtomicReference<Thread> routineThread = new AtomicReference<>();
        Overlapped byRoutine = Overlapped.withRoutine((error, bytes, o, flags) -> {
            routineError.set(error);
            routineThread.set(Thread.currentThread());
        });
        AtomicReference<Thread> issuer = new AtomicReference<>();
        CompletableFuture<WspResult<Integer>> alertable = CompletableFuture.supplyAsync(() -> {
            issuer.set(Thread.currentThread());
            WspResult<Integer> r = ws.wsaSend(p.client(), new ByteBuffer[] {ByteBuffer.allocate(10)}, 0, byRoutine);
            if (!r.isPending()) {
                return r;
            }
            return ws.sleep(Duration.ofDays(1), true);
        });
        clock.awaitWaiters(1, REAL);
        assertFalse(event.isSet());
        ok(ws.closeSocket(p.client()));
        assertEquals(0, ok(ws.waitForMultipleEvents(List.of(event), false, Duration.ofDays(1), false)));
        assertEquals(WsaError.WSA_OPERATION_ABORTED, byEvent.error());
        CompletionPacket packet = ok(ws.getQueuedCompletionStatus(port, Duration.ofDays(1)));
        assertSame(byPort, packet.overlapped());
        assertEquals(7, packet.key());
        assertEquals(WsaError.WSA_OPERATION_ABORTED, packet.error());
        assertEquals(Winsock.WAIT_IO_COMPLETION, ok(alertable.get(REAL.toMillis(), TimeUnit.MILLISECONDS)));
        assertEquals(WsaError.WSA_OPERATION_ABORTED, routineError.get());
        assertSame(issuer.get(), routineThread.get(), "the routine runs on the issuing thread");
    }

    @Test
    void required_overlappedRecv_completesThroughItsEventWhenDataArrives() {
        Pair p = pair(WspProvider.WSA_FLAG_OVERLAPPED);
        WspEvent event = ws.createEvent();
        Overlapped ov = Overlapped.withEvent(event);
        ByteBuffer into = ByteBuffer.allocate(16);
        assertTrue(ws.wsaRecv(p.client(), new ByteBuffer[] {into}, 0, ov).isPending());
        assertTrue(ws.getOverlappedResult(p.client(), ov, false).is(WsaError.WSA_IO_INCOMPLETE));
        ok(ws.send(p.server(), ByteBuffer.wrap(new byte[] {1, 2, 3}), 0));
        assertTrue(event.isSet());
        assertEquals(3, ok(ws.getOverlappedResult(p.client(), ov, false)));
        assertNull(ov.error());
    }

    @Test
    void required_timeWait_visibleThroughTheRuntimeExtension() {
        Pair p = pair(0);
        SockAddr local = ok(ws.getSockName(p.client()));
        SockAddr peer = ok(ws.getPeerName(p.client()));
        ok(ws.closeSocket(p.client()));
        TimeWaitQuery q = runtime.providerExtension("loopback", TimeWaitQuery.class).orElseThrow();
        assertTrue(q.inTimeWait(local, peer));
        clock.advance(Duration.ofMinutes(4));
        assertFalse(q.inTimeWait(local, peer), "held for 240 s, Windows' 2MSL");
    }

    @Test
    void required_discovery_findsTheLoopbackEntriesThroughServiceLoader() {
        try (JwspRuntime discovered = JwspRuntime.builder().discover(getClass().getClassLoader())
                .timeSource(new VirtualClock()).build()) {
            Winsock w = discovered.winsock();
            ok(w.startup(WsaVersion.V2_2));
            long names = ok(w.enumProtocols()).stream().filter(e -> e.name().startsWith("jwsp loopback")).count();
            assertEquals(4, names);
            long s = ok(w.socket(AddressFamily.AF_INET6, SocketType.SOCK_DGRAM, 0));
            ok(w.closeSocket(s));
        }
    }
}
