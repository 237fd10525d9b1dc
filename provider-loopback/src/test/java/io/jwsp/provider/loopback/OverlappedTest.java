package io.jwsp.provider.loopback;

import static io.jwsp.provider.loopback.Loop.bytes;
import static io.jwsp.provider.loopback.Loop.fails;
import static io.jwsp.provider.loopback.Loop.fill;
import static io.jwsp.provider.loopback.Loop.ok;
import static io.jwsp.provider.loopback.Loop.room;
import static io.jwsp.provider.loopback.Loop.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Overlapped send and receive through the contract: pending, completed later through
 * {@code Upcalls.completeOverlapped}, or completed at once with the completion still performed; aborted with
 * WSA_OPERATION_ABORTED at close (closesocket Remarks), reset with WSAECONNRESET by a hard close of the peer.
 */
class OverlappedTest {
    private final Loop loop = new Loop();

    @Test
    void required_overlappedRecv_pendingThenCompletedWhenDataArrives() {
        Loop.Pair p = loop.pair();
        Overlapped ov = Overlapped.polled();
        ByteBuffer[] into = room(16);
        assertTrue(p.client().recv(into, 0, ov).isPending());
        assertNull(loop.upcalls.of(ov));
        send(p.server(), 5);
        RecordingUpcalls.Completed c = loop.upcalls.of(ov);
        assertNotNull(c, "completed through the upcall when data arrived");
        assertNull(c.error());
        assertEquals(5, c.bytes());
        assertEquals(5, into[0].position());
    }

    @Test
    void required_overlappedRecv_dataAlreadyThere_completesAtOnce_completionStillPerformed() {
        Loop.Pair p = loop.pair();
        send(p.server(), 7);
        Overlapped ov = Overlapped.polled();
        assertEquals(7, ok(p.client().recv(room(16), 0, ov)));
        assertEquals(7, loop.upcalls.of(ov).bytes(), "the completion action runs for an at-once completion too");
        assertTrue(ov.isDone());
    }

    @Test
    void required_overlappedSend_roomForAll_completesAtOnce() {
        Loop.Pair p = loop.pair();
        Overlapped ov = Overlapped.polled();
        assertEquals(9, ok(p.client().send(bytes(9, 0), 0, ov)));
        assertEquals(9, loop.upcalls.of(ov).bytes());
    }

    @Test
    void required_overlappedSend_noRoom_pendingUntilThePeerReads() {
        Loop.Pair p = loop.smallPair();
        fill(p.client());
        Overlapped ov = Overlapped.polled();
        assertTrue(p.client().send(bytes(3000, 0), 0, ov).isPending());
        assertNull(loop.upcalls.of(ov));
        Object[] drained = new Object[1];
        long got = 0;
        while (loop.upcalls.of(ov) == null) {
            got += ok(p.server().recv(room(1024), 0, null));
        }
        assertNull(loop.upcalls.of(ov).error());
        assertEquals(3000, loop.upcalls.of(ov).bytes());
        assertTrue(got > 0, String.valueOf(drained[0]));
    }

    @Test
    void required_closesocket_pendingOverlappedRecvAndSend_completeWithWSA_OPERATION_ABORTED() {
        Loop.Pair p = loop.smallPair();
        fill(p.client());
        Overlapped recv = Overlapped.polled();
        Overlapped send = Overlapped.polled();
        assertTrue(p.client().recv(room(16), 0, recv).isPending());
        assertTrue(p.client().send(bytes(5000, 0), 0, send).isPending());
        ok(p.client().closeSocket());
        assertEquals(WsaError.WSA_OPERATION_ABORTED, loop.upcalls.of(recv).error());
        assertEquals(WsaError.WSA_OPERATION_ABORTED, loop.upcalls.of(send).error());
    }

    @Test
    void required_peerHardClose_pendingOverlappedRecv_completesWithWSAECONNRESET() {
        Loop.Pair p = loop.pair();
        Overlapped recv = Overlapped.polled();
        assertTrue(p.server().recv(room(16), 0, recv).isPending());
        Loop.linger(p.client(), 0);
        ok(p.client().closeSocket());
        assertEquals(WsaError.WSAECONNRESET, loop.upcalls.of(recv).error());
    }

    @Test
    void required_peerGracefulClose_pendingOverlappedRecv_completesWithZero() {
        Loop.Pair p = loop.pair();
        Overlapped recv = Overlapped.polled();
        assertTrue(p.server().recv(room(16), 0, recv).isPending());
        ok(p.client().closeSocket());
        RecordingUpcalls.Completed c = loop.upcalls.of(recv);
        assertNull(c.error());
        assertEquals(0, c.bytes(), "end of stream");
    }

    @Test
    void required_overlapped_recordStillPending_isWSAEINVAL() {
        Loop.Pair p = loop.pair();
        Overlapped ov = Overlapped.polled();
        assertTrue(p.client().recv(room(16), 0, ov).isPending());
        fails(WsaError.WSAEINVAL, p.client().recv(room(16), 0, ov));
        send(p.server(), 1);
        assertTrue(ov.isDone());
        assertTrue(p.client().recv(room(16), 0, ov).isPending(), "reusable once completed");
    }

    @Test
    void required_overlapped_beganByTheLayerAbove_isAccepted() {
        Loop.Pair p = loop.pair();
        Overlapped ov = Overlapped.polled();
        assertTrue(ov.begin(Thread.currentThread())); // the runtime marks the record before passing it down
        assertTrue(p.client().recv(room(16), 0, ov).isPending());
        send(p.server(), 2);
        assertEquals(2, loop.upcalls.of(ov).bytes());
    }

    @Test
    void required_overlapped_immediateError_startsNothing() {
        WspSocket s = loop.stream();
        Overlapped ov = Overlapped.polled();
        WspResult<Integer> r = s.recv(room(1), 0, ov);
        fails(WsaError.WSAENOTCONN, r);
        assertFalse(ov.isPending(), "no operation was started");
        assertTrue(loop.upcalls.completed().isEmpty());
    }

    @Test
    void required_overlappedRecvs_completeInIssueOrder() {
        Loop.Pair p = loop.pair();
        Overlapped first = Overlapped.polled();
        Overlapped second = Overlapped.polled();
        ByteBuffer[] a = room(3);
        ByteBuffer[] b = room(3);
        assertTrue(p.client().recv(a, 0, first).isPending());
        assertTrue(p.client().recv(b, 0, second).isPending());
        ok(p.server().send(bytes(6, 0), 0, null));
        assertEquals(3, loop.upcalls.of(first).bytes());
        assertEquals(3, loop.upcalls.of(second).bytes());
        assertEquals(0, a[0].get(0));
        assertEquals(3, b[0].get(0));
    }
}
