package io.jwsp.spi.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.kit.pending.PendingTransfer;
import io.jwsp.spi.kit.wait.BlockingCalls;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import io.jwsp.spi.trace.WireTap;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** CancelIo / CancelIoEx on the kit: both queues, one record or all, completions fired outside the lock. */
class SocketCoreCancelIoTest {
    private final ReentrantLock lock = new ReentrantLock();
    private final List<String> completed = new ArrayList<>();
    private final AtomicInteger selectWakes = new AtomicInteger();
    private final SocketCore core = new SocketCore(new SocketServices(new VirtualClock(), new BlockingCalls(),
            (o, e, n, f, from) -> completed.add(e.name() + ":" + n
                    + (lock.isHeldByCurrentThread() ? " UNDER THE LOCK" : "")),
            WireTap.NONE, selectWakes::incrementAndGet, null), lock, lock.newCondition());

    private Overlapped pend(boolean receive, int alreadyMoved) {
        Overlapped ov = Overlapped.polled();
        PendingTransfer t = new PendingTransfer(ov, new ByteBuffer[] {ByteBuffer.allocate(8)}, 0, alreadyMoved);
        (receive ? core.receives() : core.sends()).add(t);
        return ov;
    }

    @Test
    void cancelIoEx_abortsThatRecordOnly_outsideTheLock() {
        Overlapped recv = pend(true, 0);
        Overlapped send = pend(false, 3);
        WspResult<Void> r = core.cancelIo(send);
        assertTrue(r.isOk(), r::toString);
        assertEquals(List.of("WSA_OPERATION_ABORTED:3"), completed);
        assertEquals(1, core.receives().size(), "the receive stays pending");
        assertTrue(core.sends().isEmpty());
        assertEquals(1, selectWakes.get(), "a cancel is a change selects see");
        assertEquals(WsaError.WSA_INVALID_PARAMETER, core.cancelIo(send).error(), "a record no longer pending");
        assertEquals(recv, core.receives().first().overlapped());
    }

    @Test
    void cancelIo_abortsEveryOperationOfBothQueues() {
        pend(true, 0);
        pend(true, 1);
        pend(false, 0);
        assertTrue(core.cancelIo(null).isOk());
        assertEquals(List.of("WSA_OPERATION_ABORTED:0", "WSA_OPERATION_ABORTED:1", "WSA_OPERATION_ABORTED:0"),
                completed);
        assertTrue(core.receives().isEmpty() && core.sends().isEmpty());
        assertTrue(core.cancelIo(null).isOk(), "CancelIo with nothing pending succeeds");
    }
}
