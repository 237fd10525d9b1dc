package io.jwsp.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jwsp.runtime.Winsock;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import io.jwsp.testkit.IsolatedRuntime;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The TCK's base: one isolated runtime per test (the provider under test alone in its catalog, its settings, a
 * virtual or real clock), and the helpers every contract uses: connect a pair, queue data at a stalled sender,
 * read to the end, run a blocking call on another thread and know when it is parked. Handles the helpers open are
 * closed after the test (without lingering); anything else still open then fails the test as a leak.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ExtendWith(TckFixture.Outcome.class)
public abstract class TckFixture {
    private static final int READ_BUFFER = 64 * 1024;

    /** The provider under test; called once per test. */
    protected abstract ProviderUnderTest provider();

    protected ProviderUnderTest put;
    protected IsolatedRuntime rt;
    protected Winsock ws;
    private final List<Long> opened = new ArrayList<>();
    private final List<BackgroundCall<?>> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean failed;

    @BeforeEach
    final void startTckRuntime() {
        put = provider();
        rt = IsolatedRuntime.builder()
                .provider(put.factory())
                .settings(put.settings())
                .virtualClock(put.virtualTime())
                .start();
        ws = rt.winsock();
    }

    @AfterEach
    final void stopTckRuntime() {
        if (rt == null) {
            return;
        }
        for (long h : opened.reversed()) {
            // Cleanup never lingers: a graceful close in the background, whatever the test left set.
            ws.setSockOpt(h, SocketOptions.SO_DONTLINGER, true);
            ws.closeSocket(h);
        }
        if (failed) {
            rt.closeQuietly();
        } else {
            rt.close();
        }
    }

    /** Marks the fixture when the test itself failed, so the leak check does not pile onto the real failure. */
    public static final class Outcome implements AfterTestExecutionCallback {
        @Override
        public void afterTestExecution(ExtensionContext context) {
            if (context.getExecutionException().isPresent()
                    && context.getTestInstance().orElse(null) instanceof TckFixture f) {
                f.failed = true;
            }
        }
    }

    // ---- capabilities

    /** Skips the test, with the reason shown, when the provider declares {@code capability} absent. */
    protected static void requires(boolean capability, String reason) {
        Assumptions.assumeTrue(capability, () -> "not applicable: the provider declares " + reason);
    }

    protected void requiresFlowControl() {
        requires(put.peerFlowControl(),
                "peerFlowControl() = false: a peer that stops reading never leaves data queued at the sender");
    }

    protected void requiresGracefulClose() {
        requires(put.gracefulClose(), "no XP1_GRACEFUL_CLOSE on " + put.streamEntry().name());
    }

    protected ProtocolInfo requiresDatagramEntry() {
        requires(put.datagramEntry().isPresent(), "no SOCK_DGRAM entry");
        return put.datagramEntry().orElseThrow();
    }

    // ---- sockets

    /** A stream socket of the entry under test. */
    protected long open() {
        return openWith(0);
    }

    /** A stream socket with WSASocket flags (WSA_FLAG_OVERLAPPED). */
    protected long openWith(int flags) {
        return track(ok(ws.socket(put.addressFamily(), put.socketType(), put.protocol(), null, flags),
                "WSASocket(" + put.streamEntry().name() + ")"));
    }

    protected long openDatagram(ProtocolInfo entry) {
        return track(ok(ws.socket(entry.addressFamily(), entry.socketType(), entry.protocol()),
                "socket(" + entry.name() + ")"));
    }

    /** Remembers a handle so it is closed after the test. */
    protected long track(long handle) {
        opened.add(handle);
        return handle;
    }

    /** A bound, listening socket. */
    protected long listener() {
        long l = open();
        ok(ws.bind(l, put.listenAddress()), "bind(" + put.listenAddress() + ")");
        ok(ws.listen(l, 8), "listen");
        return l;
    }

    protected Connection connect() {
        return connect(0);
    }

    /** Listener, client (made with {@code clientFlags}) connected to its getsockname, and the accepted socket. */
    protected Connection connect(int clientFlags) {
        return connect(listener(), clientFlags);
    }

    protected Connection connect(long listener, int clientFlags) {
        SockAddr address = ok(ws.getSockName(listener), "getsockname(listener)");
        long client = openWith(clientFlags);
        BackgroundCall<WspResult<Void>> connecting = spawn("connect", () -> ws.connect(client, address));
        long accepted = track(ok(settle("accept", () -> ws.accept(listener)), "accept"));
        ok(settle(connecting, "connect"), "connect(" + address + ")");
        return new Connection(listener, client, accepted);
    }

    protected void setBlocking(long s, boolean blocking) {
        ok(ws.ioctl(s, IoControls.FIONBIO, !blocking), "ioctlsocket(FIONBIO, " + !blocking + ")");
    }

    protected void setLinger(long s, boolean onOff, int seconds) {
        ok(ws.setSockOpt(s, SocketOptions.SO_LINGER, new Linger(onOff, seconds)),
                "setsockopt(SO_LINGER, " + new Linger(onOff, seconds) + ")");
    }

    protected Linger linger(long s) {
        return ok(ws.getSockOpt(s, SocketOptions.SO_LINGER), "getsockopt(SO_LINGER)");
    }

    // ---- data

    /** Sends {@code length} stream bytes from {@code offset} in blocking mode; answers the bytes sent. */
    protected long send(long s, long offset, int length) {
        long sent = 0;
        while (sent < length) {
            int n = (int) Math.min(put.fillChunk(), length - sent);
            ByteBuffer b = Payload.at(offset + sent, n);
            while (b.hasRemaining()) {
                ByteBuffer chunk = b;
                int r = ok(settle("send", () -> ws.send(s, chunk, 0)), "send");
                if (r <= 0) {
                    fail("send answered " + r + " bytes");
                }
                sent += r;
            }
        }
        return sent;
    }

    /**
     * The stalled-peer situation: puts {@code s} in nonblocking mode and sends until WSAEWOULDBLOCK, so the peer's
     * receive side and the sender's queue are full. Answers the bytes accepted by send. {@code s} stays nonblocking.
     */
    protected long fill(long s) {
        setBlocking(s, false);
        long total = 0;
        while (true) {
            ByteBuffer b = Payload.at(total, put.fillChunk());
            WspResult<Integer> r = ws.send(s, b, 0);
            if (r.is(WsaError.WSAEWOULDBLOCK)) {
                assertTrue(total > 0, "the very first nonblocking send answered WSAEWOULDBLOCK");
                return total;
            }
            int n = ok(r, "nonblocking send at offset " + total);
            total += n;
            if (total > put.fillLimit()) {
                fail(total + " bytes sent without WSAEWOULDBLOCK: the peer never pushed back "
                        + "(declare peerFlowControl() = false if that is the provider's nature)");
            }
        }
    }

    /** Data for the peer that is still at (or on its way from) the sender: a stalled fill, or a few chunks. */
    protected long queue(long s) {
        if (put.peerFlowControl()) {
            long n = fill(s);
            setBlocking(s, true);
            return n;
        }
        return send(s, 0, put.fillChunk() * 4);
    }

    /**
     * Reads {@code s} in blocking mode until recv answers 0 or fails, checking every byte against the stream from
     * {@code offset}. Fails if that does not happen within the real-time bound.
     */
    protected StreamEnd readAll(long s, long offset) {
        setBlocking(s, true);
        return settle("reading to the end of the stream", () -> read(s, offset, false));
    }

    /** Reads {@code s} in nonblocking mode until WSAEWOULDBLOCK, 0, or an error. */
    protected StreamEnd drain(long s, long offset) {
        setBlocking(s, false);
        return atOnce("draining the stream", () -> read(s, offset, true));
    }

    /** Blocking reads until exactly {@code count} bytes have arrived (no end expected). */
    protected void readExactly(long s, long offset, long count) {
        setBlocking(s, true);
        settle("reading " + count + " bytes", () -> {
            long got = 0;
            while (got < count) {
                ByteBuffer b = ByteBuffer.allocate((int) Math.min(READ_BUFFER, count - got));
                int n = ok(ws.recv(s, b, 0), "recv after " + got + " of " + count + " bytes");
                assertTrue(n > 0, "the stream ended after " + got + " of " + count + " bytes");
                assertTrue(Payload.matches(b, offset + got), "bytes differ from what was sent at " + (offset + got));
                got += n;
            }
            return got;
        });
    }

    private StreamEnd read(long s, long offset, boolean untilDry) {
        long total = 0;
        boolean intact = true;
        ByteBuffer b = ByteBuffer.allocate(READ_BUFFER);
        while (true) {
            b.clear();
            WspResult<Integer> r = ws.recv(s, b, 0);
            if (r.isOk()) {
                int n = r.value();
                if (n == 0) {
                    return new StreamEnd(total, StreamEnd.Kind.END_OF_STREAM, null, intact);
                }
                intact &= Payload.matches(b, offset + total);
                total += n;
            } else if (untilDry && r.is(WsaError.WSAEWOULDBLOCK)) {
                return new StreamEnd(total, StreamEnd.Kind.OPEN, null, intact);
            } else if (r.isFailed()) {
                return new StreamEnd(total, StreamEnd.Kind.ERROR, r.error(), intact);
            } else {
                fail("recv answered pending without an overlapped record");
            }
        }
    }

    /** After a graceful close: every byte sent (a prefix when the provider may lose the tail), then its end. */
    protected void assertGracefulEnd(StreamEnd end, long sent) {
        assertTrue(end.intact(), "the peer read bytes that differ from what was sent: " + end);
        if (put.closeMayOvertakeData()) {
            assertTrue(end.bytes() <= sent, "the peer read more than was sent: " + end);
        } else {
            assertEquals(sent, end.bytes(), "bytes the peer read before the end (" + end + ")");
        }
        assertTrue(end.is(put.gracefulEndSeenByPeer()),
                "after a graceful close the peer should see " + put.gracefulEndSeenByPeer() + ", saw " + end);
    }

    /** After a hard close: at most what was sent, intact, then the provider's hard-close end. */
    protected void assertHardEnd(StreamEnd end, long sent) {
        assertTrue(end.intact(), "the peer read bytes that differ from what was sent: " + end);
        assertTrue(end.bytes() <= sent, "the peer read more than was sent: " + end);
        assertTrue(end.is(put.hardCloseSeenByPeer()),
                "after a hard close the peer should see " + put.hardCloseSeenByPeer() + ", saw " + end);
    }

    // ---- time and threads

    /** Runs {@code call} and fails unless it returns within the real-time bound without the clock moving. */
    protected <T> T atOnce(String what, Callable<T> call) {
        BackgroundCall<T> c = spawn(what, call);
        try {
            return c.join(put.realTimeout());
        } catch (AssertionError e) {
            if (!c.isDone() && rt.isVirtual()) {
                throw new AssertionError(e.getMessage() + "; it is parked on the virtual clock ("
                        + rt.virtualClock().waiters() + " waiter(s)), so it waits for time that no one advances", e);
            }
            throw e;
        }
    }

    /**
     * Runs {@code call}, whose progress may need the provider's medium: like {@link #atOnce}, except that for a
     * provider whose clock drives delivery the virtual clock is advanced from timer to timer until the call returns.
     */
    protected <T> T settle(String what, Callable<T> call) {
        if (!rt.isVirtual() || !put.clockDrivesDelivery()) {
            return atOnce(what, call);
        }
        return settle(spawn(what, call), what);
    }

    /** Waits for {@code c}, advancing the clock from timer to timer when the provider needs it (see above). */
    protected <T> T settle(BackgroundCall<T> c, String what) {
        if (!rt.isVirtual() || !put.clockDrivesDelivery()) {
            return c.join(put.realTimeout());
        }
        VirtualClock clock = clock();
        long virtualLimit = clock.nanoTime() + put.settleLimit().toNanos();
        long realEnd = System.nanoTime() + put.realTimeout().toNanos();
        // A short real slice first, so threads already signalled run before time moves on.
        while (!c.await(Duration.ofMillis(2))) {
            long next = clock.nextDeadline();
            if (next >= 0 && next <= virtualLimit && quiescent(clock)) {
                clock.advanceNanos(Math.max(0, next - clock.nanoTime()));
                realEnd = System.nanoTime() + put.realTimeout().toNanos();
            } else if (System.nanoTime() > realEnd) {
                throw new AssertionError(what + " made no progress: no timer due within the settle limit and nothing"
                        + " happened for " + put.realTimeout().toMillis() + " ms (real time)");
            }
        }
        return c.join(Duration.ZERO);
    }

    protected <T> BackgroundCall<T> inBackground(String what, Callable<T> call) {
        return spawn(what, call);
    }

    private <T> BackgroundCall<T> spawn(String what, Callable<T> call) {
        BackgroundCall<T> c = BackgroundCall.start(what, call);
        calls.add(c);
        calls.removeIf(BackgroundCall::isDone);
        return c;
    }

    /**
     * Whether every call this test started and that has not returned is parked (waiting), and stays so over a
     * second look a few milliseconds later with the same number of clock waiters: only then may time move on.
     */
    private boolean quiescent(VirtualClock clock) {
        int waiters = clock.waiters();
        for (int look = 0; look < 2; look++) {
            for (BackgroundCall<?> c : calls) {
                Thread.State st = c.thread().getState();
                if (!c.isDone() && st != Thread.State.WAITING && st != Thread.State.TIMED_WAITING) {
                    return false;
                }
            }
            if (look == 0) {
                LockSupport.parkNanos(3_000_000);
            }
        }
        return clock.waiters() == waiters;
    }

    /**
     * Returns once {@code call}'s thread is blocked: on a virtual clock, when {@code waiters} threads are parked on
     * it; on the real clock, when the thread is waiting (a bounded real wait if it blocks where that cannot be seen).
     */
    protected void awaitBlocked(BackgroundCall<?> call, int waiters) {
        if (rt.isVirtual()) {
            // Short real-time slices, so a call that returns instead of blocking fails the test at once.
            long end = System.nanoTime() + put.realTimeout().toNanos();
            while (true) {
                assertTrue(!call.isDone(), () -> "the call returned instead of blocking: " + call.join(Duration.ZERO));
                try {
                    rt.virtualClock().awaitWaiters(waiters, Duration.ofMillis(20));
                    break;
                } catch (TimeoutException e) {
                    if (System.nanoTime() > end) {
                        fail(e.getMessage(), e);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail(e);
                }
            }
            assertTrue(!call.isDone(), () -> "the call returned instead of blocking: " + call.join(Duration.ZERO));
            return;
        }
        // Real clock: the thread must be seen waiting twice, 5 ms apart (a brief lock wait on the way in does not
        // count); a call blocked where the JVM cannot see it (a native poll) gets a bounded second instead.
        long end = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        int waitingSeen = 0;
        while (System.nanoTime() < end && !call.isDone()) {
            Thread.State st = call.thread().getState();
            waitingSeen = st == Thread.State.WAITING || st == Thread.State.TIMED_WAITING ? waitingSeen + 1 : 0;
            if (waitingSeen >= 2) {
                return;
            }
            LockSupport.parkNanos(5_000_000);
        }
        assertTrue(!call.isDone(), () -> "the call returned instead of blocking: " + call.join(Duration.ZERO));
    }

    protected long now() {
        return rt.timeSource().nanoTime();
    }

    protected VirtualClock clock() {
        return rt.virtualClock();
    }

    protected Duration lingerTime() {
        return Duration.ofSeconds(put.lingerSeconds());
    }

    // ---- results

    protected static <T> T ok(WspResult<T> r, String what) {
        if (!r.isOk()) {
            fail(what + " should succeed, answered " + (r.isPending() ? "pending" : r.error()));
        }
        return r.value();
    }

    protected static void fails(WsaError expected, WspResult<?> r, String what) {
        assertEquals(expected, r.isOk() ? null : r.error(),
                what + " should answer " + expected + ", answered " + describe(r));
    }

    protected static String describe(WspResult<?> r) {
        if (r.isOk()) {
            return "success (" + r.value() + ")";
        }
        return r.isPending() ? "pending" : r.error().toString();
    }

    /**
     * The time-out handed to event and completion waits: a day on a virtual clock (nothing advances it, so only the
     * real-time bound of {@link #atOnce} applies), the real-time bound on the real clock.
     */
    protected Duration eventWait() {
        return rt.isVirtual() ? Duration.ofDays(1) : put.realTimeout();
    }

    /** Waits until {@code event} is set, within the real-time bound. */
    protected void awaitEvent(io.jwsp.spi.event.WspEvent event, String what) {
        int index = ok(settle(what, () -> ws.waitForMultipleEvents(java.util.List.of(event), false, eventWait(), false)),
                "WSAWaitForMultipleEvents for " + what);
        assertEquals(0, index, what + ": WSAWaitForMultipleEvents should answer the event's index");
    }
}
