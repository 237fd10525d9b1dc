package io.jwsp.runtime;

import static io.jwsp.runtime.Fixtures.AF_INET;
import static io.jwsp.runtime.Fixtures.STREAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.fake.FakeProviderFactory;
import io.jwsp.runtime.fake.FakeSocket;
import io.jwsp.runtime.handle.HandleTable;
import io.jwsp.runtime.handle.OpenSocket;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandleTableTest {
    private final VirtualClock clock = new VirtualClock();
    private final FakeProviderFactory fake = Fixtures.inet("fake", 100);
    private final JwspRuntime rt = Fixtures.started(clock, fake);
    private final Winsock ws = rt.winsock();

    @AfterEach
    void close() {
        rt.close();
    }

    @Test
    void required_handles_ofAnotherRuntime_areNotSock_evenWhenThatRuntimeHasSockets() {
        FakeProviderFactory otherFake = Fixtures.inet("fake", 100);
        try (JwspRuntime other = Fixtures.started(new VirtualClock(), otherFake)) {
            long mine = ws.socket(AF_INET, STREAM, 0).value();
            long theirs = other.winsock().socket(AF_INET, STREAM, 0).value();
            assertNotEquals(mine, theirs, "two runtimes' first handles differ");
            assertEquals(WsaError.WSAENOTSOCK, other.winsock().closeSocket(mine).error());
            assertEquals(WsaError.WSAENOTSOCK, ws.closeSocket(theirs).error());
            assertEquals(1, other.openHandles(), "the other runtime's socket is untouched");
            assertTrue(ws.closeSocket(mine).isOk());
        }
    }

    @Test
    void required_handles_neverIssuedValue_isNotSock_beforeOtherArguments() {
        for (long bogus : new long[] {0, 1, -1, 42, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 32}) {
            assertEquals(WsaError.WSAENOTSOCK, ws.send(bogus, null, 0).error(), "send " + bogus);
            assertEquals(WsaError.WSAENOTSOCK, ws.bind(bogus, null).error(), "bind " + bogus);
            assertEquals(WsaError.WSAENOTSOCK, ws.setSockOpt(bogus, 1, 2, null, -1).error());
            assertEquals(WsaError.WSAENOTSOCK, ws.getSockOpt(bogus, null).error());
            assertEquals(WsaError.WSAENOTSOCK, ws.closeSocket(bogus).error());
            assertEquals(WsaError.WSAENOTSOCK, ws.lastError());
        }
    }

    @Test
    void required_handles_staleHandle_isNotSock_everyTime_evenAfterSlotReuse() {
        long first = ws.socket(AF_INET, STREAM, 0).value();
        assertTrue(ws.closeSocket(first).isOk());
        long second = ws.socket(AF_INET, STREAM, 0).value();
        assertNotEquals(first, second, "a reused slot gets a new generation");
        assertEquals((int) first, (int) second, "the freed slot was reused");
        for (int i = 0; i < 3; i++) {
            assertEquals(WsaError.WSAENOTSOCK, ws.recv(first, ByteBuffer.allocate(1), 0).error());
            assertEquals(WsaError.WSAENOTSOCK, ws.closeSocket(first).error());
        }
        assertTrue(ws.getSockOpt(second, SocketOptions.SO_TYPE).is(WsaError.WSAENOPROTOOPT),
                "the new socket is unharmed and reached");
    }

    @Test
    void handles_areUniqueAndNeverZeroOrNegative() {
        Set<Long> seen = new HashSet<>();
        for (int round = 0; round < 3; round++) {
            long[] hs = new long[200];
            for (int i = 0; i < hs.length; i++) {
                hs[i] = ws.socket(AF_INET, STREAM, 0).value();
                assertTrue(hs[i] > 0);
                assertTrue(seen.add(hs[i]), "never issued twice");
            }
            for (long h : hs) {
                assertTrue(ws.closeSocket(h).isOk());
            }
        }
        assertEquals(0, rt.openHandles());
    }

    @Test
    void required_duplicate_nonLastClose_releasesOnlyThatHandle() {
        long a = ws.socket(AF_INET, STREAM, 0).value();
        long b = ws.duplicateSocket(a).value();
        FakeSocket s = fake.provider().sockets.getFirst();
        assertEquals(2, rt.openHandles());
        assertTrue(ws.closeSocket(a).isOk());
        assertEquals(0, s.closeCalls, "a non-last close never reaches the provider");
        assertEquals(WsaError.WSAENOTSOCK, ws.closeSocket(a).error());
        assertTrue(ws.setSockOpt(b, SocketOptions.SO_RCVBUF, 10).isOk(), "the other handle still works");
        assertTrue(ws.closeSocket(b).isOk());
        assertEquals(1, s.closeCalls, "the last close closes the socket");
        assertEquals(0, rt.openHandles());
    }

    @Test
    void required_lastClose_wouldBlock_keepsHandleAndCount_retryIsFirstCall() {
        long a = ws.socket(AF_INET, STREAM, 0).value();
        long b = ws.duplicateSocket(a).value();
        FakeSocket s = fake.provider().sockets.getFirst();
        assertTrue(ws.closeSocket(b).isOk());
        s.closeAnswers.add(WspResult.fail(WsaError.WSAEWOULDBLOCK));
        assertEquals(WsaError.WSAEWOULDBLOCK, ws.closeSocket(a).error());
        assertEquals(WsaError.WSAEWOULDBLOCK, ws.lastError());
        assertEquals(1, rt.openHandles(), "the handle stays valid");
        assertTrue(ws.setSockOpt(a, SocketOptions.SO_RCVBUF, 1).isOk());
        assertTrue(ws.closeSocket(a).isOk(), "the retry reaches the provider again, as a first call");
        assertEquals(2, s.closeCalls);
        assertEquals(0, rt.openHandles());
    }

    @Test
    void required_duplicateOfClosedHandle_isNotSock() {
        long a = ws.socket(AF_INET, STREAM, 0).value();
        ws.closeSocket(a);
        assertEquals(WsaError.WSAENOTSOCK, ws.duplicateSocket(a).error());
    }

    @Test
    void accept_registersTheNewSocket() {
        long l = ws.socket(AF_INET, STREAM, 0).value();
        long c = ws.accept(l).value();
        assertNotEquals(l, c);
        assertEquals(2, rt.openHandles());
        assertTrue(ws.closeSocket(c).isOk());
        assertTrue(ws.closeSocket(l).isOk());
    }

    @Test
    void handles_concurrentOpenDuplicateClose_neverCollide() throws Exception {
        int threads = 4;
        int rounds = 2_000;
        ConcurrentHashMap<Long, Boolean> live = new ConcurrentHashMap<>();
        AtomicInteger problems = new AtomicInteger();
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            ts[t] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < rounds; i++) {
                    long a = ws.socket(AF_INET, STREAM, 0).value();
                    long b = ws.duplicateSocket(a).value();
                    if (live.putIfAbsent(a, true) != null || live.putIfAbsent(b, true) != null) {
                        problems.incrementAndGet();
                    }
                    live.remove(a);
                    live.remove(b);
                    if (!ws.closeSocket(a).isOk() || !ws.closeSocket(b).isOk()
                            || ws.closeSocket(a).error() != WsaError.WSAENOTSOCK) {
                        problems.incrementAndGet();
                    }
                }
            });
        }
        for (Thread t : ts) {
            t.join();
        }
        assertEquals(0, problems.get());
        assertEquals(0, rt.openHandles());
        assertTrue(fake.provider().sockets.stream().allMatch(s -> s.closeCalls == 1), "each socket closed once");
    }

    @Test
    void table_lookupMissesAfterRelease() {
        HandleTable t = new HandleTable();
        OpenSocket os = new OpenSocket(new FakeProviderFactory("x", 1).entry("e", 2, 1, 6, true)
                .create(null).socket(null, 0, 0, 0, 0).value(), null, "x", Map.of());
        long h = t.register(os);
        assertEquals(os, t.lookup(h).socket());
        assertNull(t.lookup(h + (1L << 32)), "another generation misses");
        assertTrue(t.close(h, s -> WspResult.ok()).isOk());
        assertNull(t.lookup(h));
        assertFalse(t.close(h, s -> WspResult.ok()).isOk());
    }
}
