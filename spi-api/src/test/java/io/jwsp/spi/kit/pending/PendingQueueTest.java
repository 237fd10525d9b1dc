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
}
