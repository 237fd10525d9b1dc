package io.jwsp.bench.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scale run of {@code jwsp bench --full} (a million connections), scaled down to run in every build: the same
 * code path with {@value #CONNECTIONS} connections by default ({@code -Djwsp.scale.connections=1000000} and a
 * larger heap, e.g. {@code -DargLine=-Xmx6g}, for the full count). Every echo and every close answer is checked
 * inside the run (closesocket's rows: DESIGN.md "Close and linger"), each mismatch counted.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LoopbackScaleTest {
    private static final int CONNECTIONS = 14_000;

    @Test
    void everyConnectionEchoesAndClosesAsItsRowSays_andNothingIsLeft() throws InterruptedException {
        int n = Integer.getInteger("jwsp.scale.connections", CONNECTIONS);
        LoopbackScale.Result r = LoopbackScale.run(n, Duration.ofMinutes(2), false, p -> { });

        assertEquals(0, r.mismatches(), () -> "mismatches by close row " + r.mismatchesByRow() + ", the first of each: "
                + String.join("\n", r.firstMismatches()));
        assertEquals(2 * n + 1, r.handlesOpenWhenIdle(), "both ends of every connection and the listener open at once");
        assertEquals(0, r.handlesLeft(), "the handle table is empty after the closes");
        // closesocket: a graceful close's closer, whose FIN reached the peer, holds the pair in TIME_WAIT; an
        // abortive one (linger0, linger-stall) never does.
        assertEquals(r.gracefulCloses(), r.timeWaitEntered(), "TIME_WAIT entries: one per graceful close");
        assertTrue(r.heapPerSocket() <= 1024, () -> "heap per idle socket " + r.heapPerSocket() + " B > 1 KiB");
        // What stays is the TIME_WAIT entries (some 120 B each) and the tables' grown arrays; a pair of sockets a
        // close let go of would be more than twice this.
        assertTrue(r.heapPerClosedConnection() <= 512,
                () -> "heap per closed connection " + r.heapPerClosedConnection() + " B > 512 B: a close holds on");
    }
}
