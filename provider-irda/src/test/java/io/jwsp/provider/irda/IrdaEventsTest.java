package io.jwsp.provider.irda;

import static io.jwsp.provider.irda.IrdaBench.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.Winsock;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Readiness and completion: select, event select (FD_CONNECT, FD_ACCEPT), overlapped completion, cancellation. */
@Timeout(value = 15, unit = TimeUnit.SECONDS)
class IrdaEventsTest {
    private IrdaBench bench;

    @AfterEach
    void close() {
        if (bench != null) {
            bench.close();
        }
    }

    @Test
    void select_listenerReadableWithAConnectionWaiting_clientWritableOnceConnected_peerReadableWithData() {
        bench = new IrdaBench("irda.baud", "0");
        long l = bench.listener("sel");
        Winsock.Ready none = ok(bench.ws.select(Set.of(l), Set.of(), Set.of(), Duration.ZERO));
        assertEquals(0, none.count(), "nothing waits yet");
        long c = bench.socket();
        ok(bench.ws.connect(c, ok(bench.ws.getSockName(l))));
        assertEquals(Set.of(l), ok(bench.ws.select(Set.of(l), Set.of(), Set.of(), Duration.ZERO)).read());
        long a = ok(bench.ws.accept(l));
        assertEquals(Set.of(c), ok(bench.ws.select(Set.of(), Set.of(c), Set.of(), Duration.ZERO)).write());
        ok(bench.ws.send(c, IrdaBench.pattern(0, 10), 0));
        assertEquals(Set.of(a), ok(bench.ws.select(Set.of(a), Set.of(), Set.of(), Duration.ZERO)).read());
    }

    @Test
    void eventSelect_nonblockingConnect_postsFdConnect_thenFdAcceptAtTheListener() {
        bench = new IrdaBench("irda.baud", "115200");
        long l = bench.listener("ev");
        WspEvent lev = bench.ws.createEvent();
        ok(bench.ws.eventSelect(l, lev, FdEvents.FD_ACCEPT));
        long c = bench.socket();
        WspEvent cev = bench.ws.createEvent();
        ok(bench.ws.eventSelect(c, cev, FdEvents.FD_CONNECT | FdEvents.FD_WRITE));
        assertTrue(bench.ws.connect(c, ok(bench.ws.getSockName(l))).is(WsaError.WSAEWOULDBLOCK));
        bench.until(cev::isSet, Duration.ofSeconds(10));
        NetworkEvents seen = ok(bench.ws.enumNetworkEvents(c, cev));
        assertTrue(seen.has(FdEvents.FD_CONNECT) && seen.errorOf(FdEvents.FD_CONNECT) == null, "FD_CONNECT: " + seen);
        assertTrue(seen.has(FdEvents.FD_WRITE), "FD_WRITE once connected: " + seen);
        assertTrue(lev.isSet(), "FD_ACCEPT at the listener");
        assertTrue(ok(bench.ws.enumNetworkEvents(l, lev)).has(FdEvents.FD_ACCEPT));
    }

    @Test
    void nonblockingConnect_refused_postsFdConnectWithWSAECONNREFUSED_andSelectsExcept() {
        bench = new IrdaBench("irda.baud", "115200");
        long c = bench.socket();
        WspEvent cev = bench.ws.createEvent();
        ok(bench.ws.eventSelect(c, cev, FdEvents.FD_CONNECT));
        int a = bench.space().localDevices().getFirst().id();
        assertTrue(bench.ws.connect(c, IrdaSockAddr.of(a, "nobody")).is(WsaError.WSAEWOULDBLOCK));
        bench.until(cev::isSet, Duration.ofSeconds(10));
        assertEquals(WsaError.WSAECONNREFUSED, ok(bench.ws.enumNetworkEvents(c, cev)).errorOf(FdEvents.FD_CONNECT));
        assertEquals(Set.of(c), ok(bench.ws.select(Set.of(), Set.of(), Set.of(c), Duration.ZERO)).except());
    }

    @Test
    void overlappedRecv_pending_completesThroughItsEventWhenDataArrives() {
        bench = new IrdaBench("irda.baud", "115200");
        IrdaBench.Pair p = bench.connectByService("ov");
        WspEvent ev = bench.ws.createEvent();
        Overlapped ov = Overlapped.withEvent(ev);
        ByteBuffer into = ByteBuffer.allocate(64);
        assertTrue(bench.ws.wsaRecv(p.accepted(), new ByteBuffer[] {into}, 0, ov).isPending());
        ok(bench.ws.send(p.client(), IrdaBench.pattern(0, 40), 0));
        bench.until(ev::isSet, Duration.ofSeconds(10));
        assertTrue(ov.isDone());
        assertEquals(null, ov.error());
        assertEquals(40, ov.bytesTransferred());
        assertTrue(IrdaBench.matches(into, 0));
    }

    @Test
    void overlappedSends_beyondTheSendBuffer_completeInOrder_asThePeerReads() {
        for (String baud : new String[] {"0", "115200"}) {
            bench = new IrdaBench("irda.baud", baud, "irda.sndbuf", "3000");
            IrdaBench.Pair p = bench.connectByService("ovsend");
            WspEvent e1 = bench.ws.createEvent();
            WspEvent e2 = bench.ws.createEvent();
            Overlapped o1 = Overlapped.withEvent(e1);
            Overlapped o2 = Overlapped.withEvent(e2);
            WspResult<Integer> r1 = bench.ws.wsaSend(p.client(), new ByteBuffer[] {IrdaBench.pattern(0, 20_000)}, 0, o1);
            WspResult<Integer> r2 = bench.ws.wsaSend(p.client(), new ByteBuffer[] {IrdaBench.pattern(20_000, 5_000)}, 0, o2);
            assertTrue(r1.isPending() && r2.isPending(), "both wait for room: " + r1 + ", " + r2);
            bench.nonBlocking(p.accepted(), true);
            int[] got = {0};
            bench.until(() -> {
                while (true) {
                    ByteBuffer b = ByteBuffer.allocate(4096);
                    WspResult<Integer> r = bench.ws.recv(p.accepted(), b, 0);
                    if (!r.isOk()) {
                        break;
                    }
                    assertTrue(IrdaBench.matches(b, got[0]), "bytes in order at " + got[0]);
                    got[0] += r.value();
                }
                return e1.isSet() && e2.isSet() && got[0] == 25_000;
            }, Duration.ofSeconds(60));
            assertEquals(20_000, o1.bytesTransferred());
            assertEquals(5_000, o2.bytesTransferred());
            bench.close();
            bench = null;
        }
    }

    @Test
    void cancelBlockingCall_wakesTheBlockedRecvWithWSAEINTR_withoutARuntime() throws Exception {
        VirtualClock clock = new VirtualClock();
        IrdaProvider provider = (IrdaProvider) new IrdaProviderFactory()
                .create(new TestContext(clock, io.jwsp.spi.trace.WireTap.NONE, Map.of("baud", "0")));
        ok(provider.startup(WsaVersion.V2_2, new TestUpcalls()));
        ProtocolInfo entry = new IrdaProviderFactory().protocolEntries().getFirst();
        WspSocket l = ok(provider.socket(entry, AddressFamily.AF_IRDA, SocketType.SOCK_STREAM, 0, 0));
        ok(l.bind(IrdaSockAddr.local("cancel")));
        ok(l.listen(1));
        WspSocket c = ok(provider.socket(entry, AddressFamily.AF_IRDA, SocketType.SOCK_STREAM, 0, 0));
        ok(c.connect(ok(l.getSockName())));
        WspSocket a = ok(l.accept(null)).socket();
        Thread[] reader = new Thread[1];
        CompletableFuture<WspResult<Integer>> recv = CompletableFuture.supplyAsync(() -> {
            reader[0] = Thread.currentThread();
            return a.recv(new ByteBuffer[] {ByteBuffer.allocate(8)}, 0, null);
        });
        clock.awaitWaiters(1, Duration.ofSeconds(10));
        ok(provider.cancelBlockingCall(reader[0]));
        assertEquals(WsaError.WSAEINTR, recv.get(10, TimeUnit.SECONDS).error());
        assertEquals(WsaError.WSAEINVAL, provider.cancelBlockingCall(Thread.currentThread()).error(),
                "no blocking call to cancel");
        SelectSets ready = ok(provider.select(new SelectSets(List.of(a), List.of(c), List.of()), 0));
        assertFalse(ready.read().contains(a));
        assertTrue(ready.write().contains(c));
        ok(provider.cleanup());
        assertEquals(WsaError.WSANOTINITIALISED, provider.cleanup().error());
    }
}
