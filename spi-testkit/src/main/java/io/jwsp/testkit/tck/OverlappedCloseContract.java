package io.jwsp.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.Winsock;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.CompletionPacket;
import io.jwsp.spi.io.CompletionPort;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Overlapped operations pending at close complete with WSA_OPERATION_ABORTED through their own completion path:
 * event, completion routine, completion port (closesocket Remarks, seeds 000/001/004; WSPCloseSocket, seed 003).
 */
public abstract class OverlappedCloseContract extends BlockedCallerContract {

    private WspResult<Integer> pendingRecv(long s, Overlapped ov) {
        WspResult<Integer> r = ws.wsaRecv(s, new ByteBuffer[] {ByteBuffer.allocate(64)}, 0, ov);
        assertTrue(r.isPending(), "WSARecv with nothing to read should be pending, answered " + describe(r));
        return r;
    }

    @Test
    @DisplayName("closesocket Remarks: a pending overlapped recv completes WSA_OPERATION_ABORTED and sets its event")
    public void required_closesocket_pendingOverlappedRecv_eventCompletesWithOperationAborted() {
        Connection c = connect(WspProvider.WSA_FLAG_OVERLAPPED);
        WspEvent event = ws.createEvent();
        Overlapped ov = Overlapped.withEvent(event);
        pendingRecv(c.client(), ov);
        assertFalse(event.isSet(), "the event of a pending recv");
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "closesocket with an overlapped recv pending");
        awaitEvent(event, "the aborted recv's event");
        assertTrue(ov.isDone(), "the overlapped record is complete once its event is set");
        assertEquals(WsaError.WSA_OPERATION_ABORTED, ov.error(), "the aborted recv's status");
        assertEquals(0, ov.bytesTransferred(), "bytes of the aborted recv");
    }

    @Test
    @DisplayName("closesocket Remarks: a pending overlapped send (queue full) completes WSA_OPERATION_ABORTED and sets its event")
    public void required_closesocket_pendingOverlappedSend_eventCompletesWithOperationAborted() {
        requiresFlowControl();
        Connection c = connect(WspProvider.WSA_FLAG_OVERLAPPED);
        long sent = fill(c.client());
        WspEvent event = ws.createEvent();
        Overlapped ov = Overlapped.withEvent(event);
        WspResult<Integer> r = ws.wsaSend(c.client(), new ByteBuffer[] {Payload.at(sent, put.fillChunk())}, 0, ov);
        assertTrue(r.isPending(), "WSASend on a full queue should be pending, answered " + describe(r));
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "closesocket with an overlapped send pending");
        awaitEvent(event, "the aborted send's event");
        assertEquals(WsaError.WSA_OPERATION_ABORTED, ov.error(), "the aborted send's status");
        // What was queued before the pending send is still delivered (SO_DONTLINGER: graceful in the background).
        assertGracefulEnd(readAll(c.accepted(), 0), sent);
    }

    @Test
    @DisplayName("closesocket Remarks: a pending overlapped recv's completion routine runs, on the issuing thread, with WSA_OPERATION_ABORTED")
    public void required_closesocket_pendingOverlappedRecv_completionRoutineRunsOnIssuingThread() {
        Connection c = connect(WspProvider.WSA_FLAG_OVERLAPPED);
        AtomicReference<WsaError> status = new AtomicReference<>();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        AtomicReference<WspResult<Integer>> issued = new AtomicReference<>();
        Overlapped ov = Overlapped.withRoutine((error, bytes, o, flags) -> {
            status.set(error);
            ranOn.set(Thread.currentThread());
        });
        BackgroundCall<WspResult<Integer>> issuer = inBackground("alertable wait", () -> {
            issued.set(ws.wsaRecv(c.client(), new ByteBuffer[] {ByteBuffer.allocate(64)}, 0, ov));
            if (!issued.get().isPending()) {
                return issued.get();
            }
            return ws.sleep(Duration.ofDays(1), true);
        });
        awaitBlocked(issuer, 1);
        assertTrue(issued.get().isPending(), "WSARecv with nothing to read should be pending, answered "
                + describe(issued.get()));
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "closesocket with an overlapped recv pending");
        WspResult<Integer> woke = issuer.join(put.realTimeout());
        assertEquals(Winsock.WAIT_IO_COMPLETION, ok(woke, "the alertable SleepEx"),
                "the alertable wait ends with WAIT_IO_COMPLETION once the routine ran");
        assertSame(issuer.thread(), ranOn.get(), "the completion routine runs on the thread that issued the recv");
        assertEquals(WsaError.WSA_OPERATION_ABORTED, status.get(), "the routine's error argument");
    }

    @Test
    @DisplayName("closesocket Remarks: a pending overlapped recv posts WSA_OPERATION_ABORTED to its completion port")
    public void required_closesocket_pendingOverlappedRecv_completionPortGetsOperationAborted() {
        Connection c = connect(WspProvider.WSA_FLAG_OVERLAPPED);
        CompletionPort port = ws.createCompletionPort();
        Overlapped ov = Overlapped.withPort(port, 42);
        pendingRecv(c.client(), ov);
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "closesocket with an overlapped recv pending");
        CompletionPacket p = ok(settle("GetQueuedCompletionStatus",
                () -> ws.getQueuedCompletionStatus(port, eventWait())), "GetQueuedCompletionStatus");
        assertEquals(42, p.key(), "the packet's completion key");
        assertSame(ov, p.overlapped(), "the packet's overlapped record");
        assertEquals(WsaError.WSA_OPERATION_ABORTED, p.error(), "the packet's status");
    }
}
