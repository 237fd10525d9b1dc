package io.jwsp.reliability.race;

import static io.jwsp.reliability.fixture.RuntimeUnderTest.BOUND;
import static io.jwsp.reliability.fixture.RuntimeUnderTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jwsp.reliability.fixture.Bounded;
import io.jwsp.reliability.fixture.Medium;
import io.jwsp.reliability.fixture.RuntimeUnderTest;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * closesocket against every other call on the same socket from other threads, on every base provider (DESIGN.md:
 * "A thread blocked in recv, send, accept or connect on a socket that another thread closes returns SOCKET_ERROR
 * with WSAEINTR"; "After close every call answers WSAENOTSOCK"; duplicated handles share one socket). Each race runs
 * several rounds: even rounds close once the other call is parked on the clock (really blocked), odd rounds close
 * at once (the race on the way in). Every call must return within a real-time bound, answer a result from its
 * allowed set, and leave the handle table where it was: nothing lost, nothing freed twice.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CloseRaceTest {
    private static final int ROUNDS = Integer.getInteger("race.rounds", 8);
    private static final Set<WsaError> INTERRUPTED = Set.of(WsaError.WSAEINTR, WsaError.WSAENOTSOCK);
    /** The most a send probe queues before deciding a provider never pushes back (ATM: AAL5 has no flow control). */
    private static final long FILL_LIMIT = 8L << 20;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Medium.class)
    void required_closeAgainstBlockedRecv_recvReturnsWsaeintr(Medium medium) {
        try (RuntimeUnderTest rt = new RuntimeUnderTest(medium)) {
            long l = rt.listener(8);
            for (int round = 0; round < ROUNDS; round++) {
                long[] pair = rt.connect(l);
                long c = pair[0];
                Bounded<WspResult<Integer>> recv = Bounded.start("recv", () -> rt.ws.recv(c, ByteBuffer.allocate(64), 0));
                closeAndCheck(rt, round, c, recv, "recv");
                closeTwice(rt, pair[1]);
                assertEquals(1, rt.runtime.openHandles(), "only the listener is left");
            }
            rt.finish();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Medium.class)
    void required_closeAgainstBlockedSend_sendReturnsWsaeintr(Medium medium) {
        try (RuntimeUnderTest rt = new RuntimeUnderTest(medium)) {
            long l = rt.listener(8);
            for (int round = 0; round < ROUNDS; round++) {
                long[] pair = rt.connect(l);
                long c = pair[0];
                long queued = fill(rt, c);
                Assumptions.assumeTrue(queued >= 0, () -> medium + " accepted " + FILL_LIMIT + " bytes for a peer that"
                        + " never reads without answering WSAEWOULDBLOCK (no flow control): a send never blocks");
                rt.blocking(c, true);
                Bounded<WspResult<Integer>> send = Bounded.start("send", () -> sendUntilFailure(rt, c, medium.chunk()));
                closeAndCheck(rt, round, c, send, "send");
                closeTwice(rt, pair[1]);
                assertEquals(1, rt.runtime.openHandles(), "only the listener is left");
            }
            rt.finish();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Medium.class)
    void required_closeAgainstBlockedAccept_acceptReturnsWsaeintr(Medium medium) {
        try (RuntimeUnderTest rt = new RuntimeUnderTest(medium)) {
            for (int round = 0; round < ROUNDS; round++) {
                long l = rt.listener(8);
                Bounded<WspResult<Long>> accept = Bounded.start("accept", () -> rt.ws.accept(l));
                closeAndCheck(rt, round, l, accept, "accept");
                assertEquals(0, rt.runtime.openHandles(), "nothing is left");
            }
            rt.finish();
        }
    }

    /**
     * An overlapped recv pending when another thread closes the socket completes with WSA_OPERATION_ABORTED through
     * its own completion path (here its event), possibly after close has returned (DESIGN.md decisions).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Medium.class)
    void required_closeAgainstPendingOverlappedRecv_completesWithOperationAborted(Medium medium) {
        try (RuntimeUnderTest rt = new RuntimeUnderTest(medium)) {
            long l = rt.listener(8);
            for (int round = 0; round < ROUNDS; round++) {
                long[] pair = rt.connect(l, WspProvider.WSA_FLAG_OVERLAPPED);
                long c = pair[0];
                WspEvent event = rt.ws.createEvent();
                Overlapped ov = Overlapped.withEvent(event);
                WspResult<Integer> started = rt.ws.wsaRecv(c, new ByteBuffer[] {ByteBuffer.allocate(64)}, 0, ov);
                Assumptions.assumeFalse(started.is(WsaError.WSAEOPNOTSUPP),
                        () -> medium + " answers WSAEOPNOTSUPP to an overlapped recv");
                assertTrue(started.isPending(), "an overlapped recv with nothing to read should be pending, answered "
                        + started);
                if (round % 2 == 1) {
                    Thread.yield();
                }
                ok(Bounded.start("close", () -> rt.ws.closeSocket(c)).join(BOUND), "closesocket with a pending recv");
                WspResult<Integer> woke = Bounded.start("wait for the completion", () -> rt.ws.waitForMultipleEvents(
                        List.of(event), false, Duration.ofDays(1), false)).join(BOUND);
                assertEquals(0, ok(woke, "WSAWaitForMultipleEvents"), "the overlapped record's event is set");
                assertTrue(ov.isDone(), "the overlapped operation is done");
                assertEquals(WsaError.WSA_OPERATION_ABORTED, ov.error(), "the pending recv's outcome");
                assertEquals(WsaError.WSAENOTSOCK, rt.ws.closeSocket(c).error(), "a second close");
                closeTwice(rt, pair[1]);
                assertEquals(1, rt.runtime.openHandles(), "only the listener is left");
            }
            rt.finish();
        }
    }

    /**
     * Closing one handle of a duplicated socket while another thread is blocked in recv on the other handle: the
     * socket is still open (only the last close disconnects and cancels), so the recv stays blocked and then reads
     * what the peer sends.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Medium.class)
    void required_closeOfOneDuplicate_leavesARecvOnTheOtherBlocked(Medium medium) {
        try (RuntimeUnderTest rt = new RuntimeUnderTest(medium)) {
            long l = rt.listener(8);
            for (int round = 0; round < ROUNDS / 2; round++) {
                long[] pair = rt.connect(l);
                long c = pair[0];
                long d = rt.track(ok(rt.ws.duplicateSocket(c), "duplicate"));
                Bounded<WspResult<Integer>> recv = Bounded.start("recv on the duplicate",
                        () -> rt.ws.recv(d, ByteBuffer.allocate(64), 0));
                rt.awaitParked(1);
                ok(Bounded.start("close", () -> rt.ws.closeSocket(c)).join(BOUND), "close the first handle");
                assertTrue(!recv.isDone() || !recv.join(BOUND).is(WsaError.WSAEINTR),
                        "a recv on a still-open socket was interrupted by the close of another of its handles");
                ok(rt.ws.send(pair[1], ByteBuffer.wrap(new byte[] {9}), 0), "the peer sends");
                assertEquals(1, ok(recv.join(BOUND), "recv on the duplicate"), "the byte the peer sent");
                closeTwice(rt, d);
                closeTwice(rt, pair[1]);
                assertEquals(1, rt.runtime.openHandles(), "only the listener is left");
            }
            rt.finish();
        }
    }

    /**
     * connect on the simulated media and on loopback completes without waiting for anything, so this is the race on
     * the way in: the connect may win (then the close is an ordinary close of a connected socket) or lose. (tcp
     * once answered WSAENETDOWN here, 1 run in 10; {@code -Drace.rounds=200} reproduced it every time.)
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Medium.class)
    void required_closeAgainstConnect_connectReturnsAResult(Medium medium) {
        closeAgainstConnect(medium);
    }

    private static void closeAgainstConnect(Medium medium) {
        try (RuntimeUnderTest rt = new RuntimeUnderTest(medium)) {
            long l = rt.listener(ROUNDS * 2);
            SockAddr to = rt.nameOf(l);
            int won = 0;
            for (int round = 0; round < ROUNDS * 2; round++) {
                long c = rt.open();
                CyclicBarrier start = new CyclicBarrier(2);
                Bounded<WspResult<Void>> connect = Bounded.start("connect", () -> {
                    start.await();
                    return rt.ws.connect(c, to);
                });
                await(start);
                if (round % 2 == 1) {
                    Thread.yield();
                }
                WspResult<Void> closed = Bounded.start("close", () -> rt.ws.closeSocket(c)).join(BOUND);
                ok(closed, "closesocket racing connect");
                WspResult<Void> r = connect.join(BOUND);
                if (r.isOk()) {
                    won++;
                } else {
                    assertTrue(Set.of(WsaError.WSAEINTR, WsaError.WSAENOTSOCK, WsaError.WSAECONNABORTED,
                                    WsaError.WSAECONNREFUSED).contains(r.error()),
                            "connect racing closesocket answered " + r.error());
                }
                assertEquals(WsaError.WSAENOTSOCK, rt.ws.closeSocket(c).error(), "a second close");
            }
            // Whatever reached the listener is accepted and closed: nothing may stay behind.
            rt.blocking(l, false);
            while (true) {
                WspResult<Long> a = rt.ws.accept(l);
                if (!a.isOk()) {
                    break;
                }
                ok(rt.ws.closeSocket(a.value()), "close an accepted socket");
            }
            assertTrue(won >= 0);
            assertEquals(1, rt.runtime.openHandles(), "only the listener is left");
            rt.finish();
        }
    }

    /** Two threads close one handle at the same moment: exactly one closes it, the other answers WSAENOTSOCK. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Medium.class)
    void required_closeAgainstClose_exactlyOneWins(Medium medium) {
        try (RuntimeUnderTest rt = new RuntimeUnderTest(medium)) {
            long l = rt.listener(8);
            for (int round = 0; round < ROUNDS; round++) {
                long[] pair = rt.connect(l);
                long c = pair[0];
                CyclicBarrier start = new CyclicBarrier(3);
                List<Bounded<WspResult<Void>>> closers = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    closers.add(Bounded.start("close#" + i, () -> {
                        start.await();
                        return rt.ws.closeSocket(c);
                    }));
                }
                int wins = 0;
                for (Bounded<WspResult<Void>> b : closers) {
                    WspResult<Void> r = b.join(BOUND);
                    if (r.isOk()) {
                        wins++;
                    } else {
                        assertEquals(WsaError.WSAENOTSOCK, r.error(), "a losing close");
                    }
                }
                assertEquals(1, wins, "closes of one handle that succeeded");
                // The peer sees the end once: the socket was closed once.
                rt.blocking(pair[1], true);
                WspResult<Integer> end = Bounded.start("peer recv", () -> drainToEnd(rt, pair[1])).join(BOUND);
                assertTrue(end.isFailed() || end.value() == 0, "the peer's last recv after the close: " + end);
                closeTwice(rt, pair[1]);
                assertEquals(1, rt.runtime.openHandles(), "only the listener is left");
            }
            rt.finish();
        }
    }

    /** setsockopt/getsockopt in a loop while another thread closes: every answer is success or WSAENOTSOCK. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Medium.class)
    void required_closeAgainstSetsockopt_answersSuccessThenWsaenotsock(Medium medium) {
        try (RuntimeUnderTest rt = new RuntimeUnderTest(medium)) {
            long l = rt.listener(8);
            for (int round = 0; round < ROUNDS; round++) {
                long[] pair = rt.connect(l);
                long c = pair[0];
                ok(rt.ws.setSockOpt(c, SocketOptions.SO_LINGER, new Linger(false, 5)), "setsockopt(SO_LINGER)");
                CyclicBarrier start = new CyclicBarrier(2);
                Bounded<WsaError> options = Bounded.start("setsockopt loop", () -> {
                    start.await();
                    for (int i = 0; ; i++) {
                        WspResult<Void> set = rt.ws.setSockOpt(c, SocketOptions.SO_DONTLINGER, i % 2 == 0);
                        if (!set.isOk()) {
                            return set.error();
                        }
                        WspResult<Linger> get = rt.ws.getSockOpt(c, SocketOptions.SO_LINGER);
                        if (!get.isOk()) {
                            return get.error();
                        }
                        // SO_DONTLINGER flips l_onoff only: the l_linger SO_LINGER set survives.
                        assertEquals(5, get.value().seconds(), "l_linger after SO_DONTLINGER");
                    }
                });
                await(start);
                if (round % 2 == 0) {
                    Thread.yield();
                }
                ok(rt.ws.closeSocket(c), "closesocket racing setsockopt");
                assertEquals(WsaError.WSAENOTSOCK, options.join(BOUND), "the option loop's first failure");
                closeTwice(rt, pair[1]);
                assertEquals(1, rt.runtime.openHandles(), "only the listener is left");
            }
            rt.finish();
        }
    }

    /**
     * duplicate in a loop while another thread closes the handle being duplicated: every duplicate that succeeded
     * is a live handle to the still-open socket; the socket closes when the last of them closes, once.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Medium.class)
    void required_closeAgainstDuplicate_noHandleLostOrFreedTwice(Medium medium) throws InterruptedException {
        try (RuntimeUnderTest rt = new RuntimeUnderTest(medium)) {
            long l = rt.listener(8);
            for (int round = 0; round < ROUNDS; round++) {
                long[] pair = rt.connect(l);
                long c = pair[0];
                java.util.concurrent.CountDownLatch going = new java.util.concurrent.CountDownLatch(1);
                List<Long> dups = new ArrayList<>();
                int before = 1 + round % 3; // close after 1, 2 or 3 duplicates exist, while the loop goes on
                Bounded<WsaError> duplicating = Bounded.start("duplicate loop", () -> {
                    while (dups.size() < 1_000_000) {
                        WspResult<Long> d = rt.ws.duplicateSocket(c);
                        if (!d.isOk()) {
                            return d.error();
                        }
                        dups.add(d.value());
                        if (dups.size() == before) {
                            going.countDown();
                        }
                    }
                    return null;
                });
                assertTrue(going.await(BOUND.toMillis(), TimeUnit.MILLISECONDS), "the duplicate loop never started");
                ok(rt.ws.closeSocket(c), "closesocket racing duplicate");
                assertEquals(WsaError.WSAENOTSOCK, duplicating.join(BOUND), "the duplicate loop's first failure");
                assertEquals(2 + dups.size(), rt.runtime.openHandles(), "listener, peer and every duplicate");
                for (int i = 0; i < dups.size(); i++) {
                    long d = dups.get(i);
                    // The socket is still open while any duplicate is: it still answers as a socket.
                    ok(rt.ws.getSockOpt(d, SocketOptions.SO_LINGER), "getsockopt on a live duplicate");
                    ok(rt.ws.closeSocket(d), "close duplicate " + i);
                    assertEquals(WsaError.WSAENOTSOCK, rt.ws.closeSocket(d).error(), "a duplicate closed twice");
                }
                closeTwice(rt, pair[1]);
                assertEquals(1, rt.runtime.openHandles(), "only the listener is left");
            }
            rt.finish();
        }
    }

    // ---- helpers

    /** Closes {@code s} while {@code call} runs (parked first on even rounds) and checks both outcomes. */
    private static <T> void closeAndCheck(RuntimeUnderTest rt, int round, long s, Bounded<WspResult<T>> call,
                                          String what) {
        if (round % 2 == 0) {
            rt.awaitParked(1);
        }
        WspResult<Void> closed = Bounded.start("close", () -> rt.ws.closeSocket(s)).join(BOUND);
        ok(closed, "closesocket against a blocked " + what);
        WspResult<T> r = call.join(BOUND);
        if (r.isOk() || !INTERRUPTED.contains(r.error())) {
            fail(what + " on a socket another thread closed should answer WSAEINTR (or WSAENOTSOCK if the close came"
                    + " first), answered " + (r.isOk() ? "success " + r.value() : String.valueOf(r.error()))
                    + (round % 2 == 0 ? " (it was parked)" : " (race on the way in)"));
        }
        assertEquals(WsaError.WSAENOTSOCK, rt.ws.closeSocket(s).error(), "a second close of the same handle");
    }

    /** Closes {@code s} once (success) and once more (WSAENOTSOCK). */
    private static void closeTwice(RuntimeUnderTest rt, long s) {
        ok(rt.ws.setSockOpt(s, SocketOptions.SO_DONTLINGER, true), "SO_DONTLINGER");
        ok(rt.ws.closeSocket(s), "close");
        assertEquals(WsaError.WSAENOTSOCK, rt.ws.closeSocket(s).error(), "a second close of the same handle");
    }

    /** Nonblocking sends until WSAEWOULDBLOCK: the bytes queued, or -1 if the provider never pushed back. */
    static long fill(RuntimeUnderTest rt, long s) {
        rt.blocking(s, false);
        long total = 0;
        ByteBuffer b = ByteBuffer.allocate(rt.medium.chunk());
        while (total < FILL_LIMIT) {
            b.clear();
            WspResult<Integer> r = rt.ws.send(s, b, 0);
            if (r.is(WsaError.WSAEWOULDBLOCK)) {
                return total;
            }
            total += ok(r, "nonblocking send after " + total + " bytes");
        }
        return -1;
    }

    private static WspResult<Integer> sendUntilFailure(RuntimeUnderTest rt, long s, int chunk) {
        ByteBuffer b = ByteBuffer.allocate(chunk);
        for (int i = 0; i < 100_000; i++) {
            b.clear();
            WspResult<Integer> r = rt.ws.send(s, b, 0);
            if (!r.isOk()) {
                return r;
            }
        }
        return WspResult.ok(-1);
    }

    private static WspResult<Integer> drainToEnd(RuntimeUnderTest rt, long s) {
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        while (true) {
            b.clear();
            WspResult<Integer> r = rt.ws.recv(s, b, 0);
            if (!r.isOk() || r.value() == 0) {
                return r;
            }
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            fail("the racing threads never met", e);
        }
    }
}
