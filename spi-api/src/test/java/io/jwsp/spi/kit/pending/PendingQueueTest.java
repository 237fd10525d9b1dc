package io.jwsp.spi.kit.pending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WsaError;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingQueueTest {

    private static PendingTransfer transfer(Overlapped o, int size, int already) {
        return new PendingTransfer(o, new ByteBuffer[] {ByteBuffer.allocate(size)}, 0, already);
    }

    @Test
    void completesInIssueOrder_withTheBytesEachMoved() {
        PendingQueue q = new PendingQueue();
        Overlapped a = Overlapped.polled();
        Overlapped b = Overlapped.polled();
        q.add(transfer(a, 10, 0));
        q.add(transfer(b, 10, 0));
        q.first().moved(7);
        DeferredCompletions done = new DeferredCompletions();
        q.completeFirst(null, 0, null, done);
        List<String> seen = new ArrayList<>();
        done.fire((o, e, n, f, from) -> seen.add((o == a ? "a" : "b") + n + e));
        assertEquals(List.of("a7null"), seen);
        assertEquals(b, q.first().overlapped());
        assertEquals(10, q.first().remaining());
    }

    @Test
    void abortAll_completesEveryOperationWithTheErrorAndItsProgress_andEmptiesTheQueue() {
        PendingQueue q = new PendingQueue();
        q.add(transfer(Overlapped.polled(), 4, 3));
        q.add(transfer(Overlapped.polled(), 4, 0));
        DeferredCompletions done = new DeferredCompletions();
        q.abortAll(WsaError.WSA_OPERATION_ABORTED, done);
        assertTrue(q.isEmpty());
        assertNull(q.first());
        List<String> seen = new ArrayList<>();
        done.fire((o, e, n, f, from) -> seen.add(e.name() + ":" + n));
        assertEquals(List.of("WSA_OPERATION_ABORTED:3", "WSA_OPERATION_ABORTED:0"), seen);
        assertTrue(done.isEmpty());
        done.fire((o, e, n, f, from) -> seen.add("again"));
        assertEquals(2, seen.size(), "each completion fires once");
    }

    @Test
    void cancel_oneRecord_completesItWithItsProgress_andKeepsTheOthersInOrder() {
        PendingQueue q = new PendingQueue();
        Overlapped a = Overlapped.polled();
        Overlapped b = Overlapped.polled();
        Overlapped c = Overlapped.polled();
        q.add(transfer(a, 4, 0));
        q.add(transfer(b, 4, 2));
        q.add(transfer(c, 4, 0));
        DeferredCompletions done = new DeferredCompletions();
        assertEquals(1, q.cancel(b, WsaError.WSA_OPERATION_ABORTED, done));
        List<String> seen = new ArrayList<>();
        done.fire((o, e, n, f, from) -> seen.add((o == b ? "b" : "other") + ":" + e.name() + ":" + n));
        assertEquals(List.of("b:WSA_OPERATION_ABORTED:2"), seen);
        assertEquals(2, q.size());
        assertEquals(a, q.first().overlapped(), "the oldest stays first");
        assertEquals(0, q.cancel(b, WsaError.WSA_OPERATION_ABORTED, done), "a record no longer queued");
    }

    @Test
    void cancel_null_completesEveryOperation() {
        PendingQueue q = new PendingQueue();
        assertEquals(0, q.cancel(null, WsaError.WSA_OPERATION_ABORTED, new DeferredCompletions()), "never used");
        q.add(transfer(Overlapped.polled(), 4, 0));
        q.add(transfer(Overlapped.polled(), 4, 1));
        DeferredCompletions done = new DeferredCompletions();
        assertEquals(2, q.cancel(null, WsaError.WSA_OPERATION_ABORTED, done));
        assertTrue(q.isEmpty());
        List<String> seen = new ArrayList<>();
        done.fire((o, e, n, f, from) -> seen.add(e.name() + ":" + n));
        assertEquals(List.of("WSA_OPERATION_ABORTED:0", "WSA_OPERATION_ABORTED:1"), seen);
    }
}
