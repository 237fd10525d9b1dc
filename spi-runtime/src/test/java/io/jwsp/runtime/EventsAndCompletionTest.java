package io.jwsp.runtime;

import static io.jwsp.runtime.Fixtures.AF_INET;
import static io.jwsp.runtime.Fixtures.STREAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.fake.FakeProviderFactory;
import io.jwsp.runtime.fake.FakeSocket;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.CompletionPacket;
import io.jwsp.spi.io.CompletionPort;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EventsAndCompletionTest {
    private static final Duration REAL = Duration.ofSeconds(10);
    private final VirtualClock clock = new VirtualClock();
    private final FakeProviderFactory fake = Fixtures.inet("fake", 1);
    private final JwspRuntime rt = Fixtures.started(clock, fake);
    private final Winsock ws = rt.winsock();

    @AfterEach
    void close() {
        rt.close();
    }

    @Test
    void waitForMultipleEvents_anyAllAndZeroTimeout() {
        WspEvent a = ws.createEvent();
        WspEvent b = ws.createEvent();
        assertFalse(a.isSet());
        assertEquals(Winsock.WAIT_TIMEOUT, ws.waitForMultipleEvents(List.of(a, b), false, Duration.ZERO, false)
                .value());
        b.set();
        assertEquals(1, ws.waitForMultipleEvents(List.of(a, b), false, Duration.ZERO, false).value());
        assertEquals(Winsock.WAIT_TIMEOUT, ws.waitForMultipleEvents(List.of(a, b), true, Duration.ZERO, false)
                .value());
        a.set();
        assertEquals(0, ws.waitForMultipleEvents(List.of(a, b), true, Duration.ZERO, false).value());
        assertTrue(b.isSet(), "manual reset: a wait leaves it set");
        b.reset();
        assertFalse(b.isSet());
    }

    @Test
    void waitForMultipleEvents_badArguments() {
        assertEquals(WsaError.WSA_INVALID_PARAMETER,
                ws.waitForMultipleEvents(List.of(), false, Duration.ZERO, false).error());
        WspEvent foreign = new WspEvent() {
            @Override public void set() { }
            @Override public void reset() { }
            @Override public boolean isSet() { return true; }
        };
        assertEquals(WsaError.WSA_INVALID_HANDLE,
                ws.waitForMultipleEvents(List.of(foreign), false, Duration.ZERO, false).error());
        try (JwspRuntime other = Fixtures.started(clock, Fixtures.inet("o", 1))) {
            WspEvent theirs = other.winsock().createEvent();
            assertEquals(WsaError.WSA_INVALID_HANDLE,
                    ws.waitForMultipleEvents(List.of(theirs), false, Duration.ZERO, false).error());
        }
    }

    @Test
    void waitForMultipleEvents_timesOutOnTheVirtualClock() throws Exception {
        WspEvent e = ws.createEvent();
        CompletableFuture<Integer> r = OnThread.run(() ->
                ws.waitForMultipleEvents(List.of(e), false, Duration.ofSeconds(30), false).value());
        clock.awaitWaiters(1, REAL);
        clock.advance(Duration.ofSeconds(29));
        assertFalse(r.isDone());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Winsock.WAIT_TIMEOUT, r.get(10, TimeUnit.SECONDS));
    }

    @Test
    void waitForMultipleEvents_wokenBySet() throws Exception {
        WspEvent e = ws.createEvent();
        CompletableFuture<Integer> r = OnThread.run(() ->
                ws.waitForMultipleEvents(List.of(ws.createEvent(), e), false, null, false).value());
        clock.awaitWaiters(1, REAL);
        e.set();
        assertEquals(1, r.get(10, TimeUnit.SECONDS));
    }

    @Test
    void sleep_onTheVirtualClock() throws Exception {
        CompletableFuture<Integer> r = OnThread.run(() -> ws.sleep(Duration.ofSeconds(5), false).value());
        clock.awaitWaiters(1, REAL);
        clock.advance(Duration.ofSeconds(5));
        assertEquals(0, r.get(10, TimeUnit.SECONDS));
    }

    @Test
    void completionPort_postGetAndTimeout() throws Exception {
        CompletionPort port = ws.createCompletionPort();
        Overlapped ov = Overlapped.polled();
        port.post(new CompletionPacket(7, ov, 3, null));
        CompletionPacket p = ws.getQueuedCompletionStatus(port, Duration.ZERO).value();
        assertEquals(7, p.key());
        assertSame(ov, p.overlapped());
        assertEquals(WsaError.WSAETIMEDOUT, ws.getQueuedCompletionStatus(port, Duration.ZERO).error());
        CompletableFuture<WsaError> timedOut = OnThread.run(() ->
                ws.getQueuedCompletionStatus(port, Duration.ofMillis(500)).error());
        clock.awaitWaiters(1, REAL);
        clock.advance(Duration.ofMillis(500));
        assertEquals(WsaError.WSAETIMEDOUT, timedOut.get(10, TimeUnit.SECONDS));
        assertEquals(WsaError.WSA_INVALID_HANDLE, ws.getQueuedCompletionStatus(null, Duration.ZERO).error());
    }

    @Test
    void overlappedSend_completesToItsPort() {
        CompletionPort port = ws.createCompletionPort();
        long s = ws.socket(AF_INET, STREAM, 0).value();
        Overlapped ov = Overlapped.withPort(port, 99);
        assertEquals(4, ws.wsaSend(s, new ByteBuffer[] {ByteBuffer.allocate(4)}, 0, ov).value());
        CompletionPacket p = ws.getQueuedCompletionStatus(port, Duration.ZERO).value();
        assertEquals(99, p.key());
        assertEquals(4, p.bytesTransferred());
        assertNull(p.error());
    }

    @Test
    void overlappedRecv_eventCompletion_andGetOverlappedResult() throws Exception {
        long s = ws.socket(AF_INET, STREAM, 0).value();
        FakeSocket fs = fake.provider().sockets.getFirst();
        WspEvent ev = ws.createEvent();
        Overlapped ov = Overlapped.withEvent(ev);
        WspResult<Integer> r = ws.wsaRecv(s, new ByteBuffer[] {ByteBuffer.allocate(8)}, 0, ov);
        assertTrue(r.isPending());
        assertEquals(WsaError.WSA_IO_PENDING, ws.lastError());
        assertEquals(WsaError.WSA_IO_INCOMPLETE, ws.getOverlappedResult(s, ov, false).error());
        assertEquals(WsaError.WSAEINVAL, ws.wsaRecv(s, new ByteBuffer[] {ByteBuffer.allocate(8)}, 0, ov).error(),
                "a record still in use");
        CompletableFuture<Integer> waited = OnThread.run(() -> ws.getOverlappedResult(s, ov, true).value());
        clock.awaitWaiters(1, REAL);
        fs.completePending(null, 3);
        assertTrue(ev.isSet());
        assertEquals(3, waited.get(10, TimeUnit.SECONDS));
        assertEquals(3, ws.getOverlappedResult(s, ov, false).value());
        fs.completePending(WsaError.WSA_OPERATION_ABORTED, 0); // a second finisher does nothing
        assertEquals(3, ws.getOverlappedResult(s, ov, false).value());
        assertEquals(WsaError.WSAEFAULT, ws.getOverlappedResult(s, null, false).error());
    }

    @Test
    void required_completionRoutine_runsOnTheIssuingThread_inAnAlertableWait() throws Exception {
        long s = ws.socket(AF_INET, STREAM, 0).value();
        FakeSocket fs = fake.provider().sockets.getFirst();
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();
        CompletableFuture<Thread> issuer = new CompletableFuture<>();
        CompletableFuture<Integer> waitAnswer = OnThread.run(() -> {
            issuer.complete(Thread.currentThread());
            Overlapped ov = Overlapped.withRoutine((err, bytes, o, flags) -> ranOn.complete(Thread.currentThread()));
            ws.wsaRecv(s, new ByteBuffer[] {ByteBuffer.allocate(4)}, 0, ov);
            return ws.waitForMultipleEvents(List.of(ws.createEvent()), false, null, true).value();
        });
        clock.awaitWaiters(1, REAL);
        fs.completePending(null, 2);
        assertEquals(Winsock.WAIT_IO_COMPLETION, waitAnswer.get(10, TimeUnit.SECONDS));
        assertSame(issuer.get(), ranOn.get(10, TimeUnit.SECONDS));
    }

    @Test
    void completionRoutine_waitsForAnAlertableSleep_notRunByNonAlertableWaits() throws Exception {
        long s = ws.socket(AF_INET, STREAM, 0).value();
        FakeSocket fs = fake.provider().sockets.getFirst();
        int[] runs = new int[1];
        Overlapped ov = Overlapped.withRoutine((err, bytes, o, flags) -> runs[0]++);
        ws.wsaRecv(s, new ByteBuffer[] {ByteBuffer.allocate(4)}, 0, ov);
        fs.completePending(null, 1);
        assertEquals(0, runs[0]);
        assertEquals(0, ws.sleep(Duration.ZERO, false).value());
        assertEquals(0, runs[0], "a non-alertable wait runs no routine");
        assertEquals(Winsock.WAIT_IO_COMPLETION, ws.sleep(Duration.ofHours(1), true).value());
        assertEquals(1, runs[0]);
    }

    @Test
    void required_blockingCallFromRoutineThatInterruptedABlockingCall_isInProgress_andCancelWorks()
            throws Exception {
        long a = ws.socket(AF_INET, STREAM, 0).value();
        long b = ws.socket(AF_INET, STREAM, 0).value();
        FakeSocket fa = fake.provider().sockets.get(0);
        FakeSocket fb = fake.provider().sockets.get(1);
        CompletableFuture<List<WsaError>> inside = new CompletableFuture<>();
        CompletableFuture<WsaError> blockedAnswer = OnThread.run(() -> {
            Overlapped ov = Overlapped.withRoutine((err, bytes, o, flags) -> {
                WspResult<Integer> overlappedOk = ws.wsaSend(b, new ByteBuffer[] {ByteBuffer.allocate(1)}, 0,
                        Overlapped.polled());
                inside.complete(List.of(
                        ws.recv(b, ByteBuffer.allocate(1), 0).error(),
                        ws.send(b, ByteBuffer.allocate(1), 0).error(),
                        ws.closeSocket(b).error(),
                        ws.accept(b).error(),
                        ws.select(Set.of(b), null, null, Duration.ZERO).error(),
                        ws.waitForMultipleEvents(List.of(ws.createEvent()), false, Duration.ZERO, false).error(),
                        overlappedOk.isOk() ? WsaError.WSAENOMORE : overlappedOk.error(),
                        ws.cancelBlockingCall().isOk() ? WsaError.WSAENOMORE : ws.lastError()));
            });
            ws.wsaRecv(a, new ByteBuffer[] {ByteBuffer.allocate(1)}, 0, ov);
            return ws.recv(b, ByteBuffer.allocate(1), 0).error(); // blocks in the provider
        });
        clock.awaitWaiters(1, REAL);
        assertTrue(fb.hasBlockedThread());
        fa.completePending(null, 1); // queues the routine: it runs inside the blocked recv
        assertEquals(List.of(WsaError.WSAEINPROGRESS, WsaError.WSAEINPROGRESS, WsaError.WSAEINPROGRESS,
                WsaError.WSAEINPROGRESS, WsaError.WSAEINPROGRESS, WsaError.WSAEINPROGRESS,
                WsaError.WSAENOMORE, WsaError.WSAENOMORE), inside.get(10, TimeUnit.SECONDS),
                "blocking calls refused, overlapped allowed, cancel accepted");
        assertEquals(WsaError.WSAEINTR, blockedAnswer.get(10, TimeUnit.SECONDS),
                "the cancelled blocking call answers WSAEINTR");
        assertEquals(2, rt.openHandles(), "b was not closed from inside the routine");
    }

    @Test
    void routineInsideABlockingCall_runsWithTheProvidersLockReleased() throws Exception {
        long a = ws.socket(AF_INET, STREAM, 0).value();
        long b = ws.socket(AF_INET, STREAM, 0).value();
        FakeSocket fa = fake.provider().sockets.get(0);
        FakeSocket fb = fake.provider().sockets.get(1);
        CompletableFuture<Boolean> lockFree = new CompletableFuture<>();
        CompletableFuture<Integer> blocked = OnThread.run(() -> {
            Overlapped ov = Overlapped.withRoutine((err, bytes, o, flags) ->
                    lockFree.complete(CompletableFuture.supplyAsync(fb::lockIsFree).join()));
            ws.wsaRecv(a, new ByteBuffer[] {ByteBuffer.allocate(1)}, 0, ov);
            return ws.recv(b, ByteBuffer.allocate(1), 0).value();
        });
        clock.awaitWaiters(1, REAL);
        fa.completePending(null, 1);
        assertTrue(lockFree.get(10, TimeUnit.SECONDS), "another thread could take the lock the recv waits under");
        clock.awaitWaiters(1, REAL);
        fb.feed((byte) 9);
        assertEquals(1, blocked.get(10, TimeUnit.SECONDS), "the blocking call went on after the routine");
    }

    @Test
    void cancelBlockingCall_withNothingToCancel_isInval() {
        assertEquals(WsaError.WSAEINVAL, ws.cancelBlockingCall().error());
    }

    @Test
    void blockingRecv_returnsWithData_fedWhileParked() throws Exception {
        long s = ws.socket(AF_INET, STREAM, 0).value();
        FakeSocket fs = fake.provider().sockets.getFirst();
        CompletableFuture<Integer> r = OnThread.run(() -> ws.recv(s, ByteBuffer.allocate(4), 0).value());
        clock.awaitWaiters(1, REAL);
        fs.feed((byte) 1, (byte) 2);
        assertEquals(2, r.get(10, TimeUnit.SECONDS));
    }
}
