package io.jwsp.provider.atm;

import static io.jwsp.provider.atm.AtmLab.pdu;
import static io.jwsp.provider.atm.AtmLab.readUntilError;
import static io.jwsp.provider.atm.AtmLab.recvNow;
import static io.jwsp.provider.atm.AtmLab.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.atm.aal5.Aal5;
import io.jwsp.spi.result.WsaError;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The soak's lost PDUs (issue #9), replayed deterministically. With {@code atm.timing=immediate} the cells a thread
 * drains from the adapter are handed on when it leaves the provider's lock. Under load that thread can be slow to
 * take the lock back for them (it is one of hundreds, and the adapter's transmit queue is shared by every socket on
 * the device), while the sender, whose send already returned, sends its next PDU and has it switched on its own
 * thread. The later PDU reached the switch first; the sender's close then sent RELEASE, which deleted the
 * cross-connect before the earlier PDU's cells arrived: the receiver read a stream with a gap in it. Here the slow
 * thread is parked at the exact point (a deferred action it queues when its first cell leaves the adapter).
 */
class AtmCellOrderTest {
    private static final int SIZE = 1000;
    private static final long BOUND_SECONDS = 10;

    /** A thread that sends one PDU and then sits on the hand-off of its cells until {@link #go} is called. */
    private static final class SlowReleaser {
        private final CountDownLatch parked = new CountDownLatch(1);
        private final CountDownLatch go = new CountDownLatch(1);
        private final Thread thread;

        SlowReleaser(AtmLab lab, AtmSocket client, byte[] first) throws InterruptedException {
            AtomicBoolean armed = new AtomicBoolean(true);
            lab.context.onFrame = f -> {
                if (f.kind().equals("CELL") && armed.compareAndSet(true, false)) {
                    // Under the lock, in the adapter's drain, before the cell goes on: queued ahead of its hand-off.
                    lab.provider.sync().defer(this::park);
                }
            };
            thread = Thread.ofPlatform().name("slow releaser").start(() -> send(client, first));
            assertTrue(parked.await(BOUND_SECONDS, TimeUnit.SECONDS), "the first PDU's cells are held back");
        }

        private void park() {
            parked.countDown();
            try {
                go.await(BOUND_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void go() throws InterruptedException {
            go.countDown();
            thread.join(BOUND_SECONDS * 1000);
        }
    }

    /** AAL5 over one VC keeps the order of the PDUs sent on it (I.363.5: the VC delivers cells in sequence). */
    @Test
    void immediate_aPduSentWhileAnEarlierOnesCellsAreHeldBack_arrivesAfterIt() throws Exception {
        try (AtmLab lab = new AtmLab(Map.of("atm.timing", "immediate"))) {
            AtmLab.Pair p = lab.connect();
            SlowReleaser slow = new SlowReleaser(lab, p.client(), pdu(SIZE, 0));
            send(p.client(), pdu(SIZE, 1)); // the sender's own thread drains and hands on this one
            slow.go();
            assertArrayEquals(pdu(SIZE, 0), recvNow(p.accepted(), 65535).bytes(), "PDU 0 first");
            assertArrayEquals(pdu(SIZE, 1), recvNow(p.accepted(), 65535).bytes(), "then PDU 1");
            AdapterStatistics rx = lab.provider.unwrap(AtmNetwork.class).orElseThrow().adapterStatistics().get(1);
            assertEquals(2, rx.pdusDelivered());
            assertEquals(0, rx.pdusDiscardedAal5(), "no PDU lost to interleaved cells");
        }
    }

    /**
     * The soak's failure: a close right after the second send. RELEASE may overtake cells still on their way (the
     * ATM notes of closesocket), so the peer may lose a tail, here both PDUs; it must never read PDU 1 without PDU
     * 0. What was lost is counted by the switch.
     */
    @Test
    void immediate_aCloseAfterTheLaterPdu_losesOnlyATail_neverTheMiddle() throws Exception {
        try (AtmLab lab = new AtmLab(Map.of("atm.timing", "immediate"))) {
            AtmLab.Pair p = lab.connect();
            SlowReleaser slow = new SlowReleaser(lab, p.client(), pdu(SIZE, 0));
            send(p.client(), pdu(SIZE, 1));
            assertTrue(p.client().closeSocket().isOk(), "closesocket (l_onoff 0): RELEASE now");
            slow.go();
            int arrived = readUntilError(p.accepted(), SIZE, WsaError.WSAEDISCON); // checks PDU n is the n-th sent
            assertTrue(arrived <= 2, arrived + " PDUs");
            long cellsLost = 2L * Aal5.cellsFor(SIZE) - arrived * (long) Aal5.cellsFor(SIZE);
            assertEquals(cellsLost, lab.provider.unwrap(AtmNetwork.class).orElseThrow().statistics().orElseThrow()
                    .cellsDroppedNoConnect(), "every lost cell is counted as overtaken by RELEASE");
        }
    }
}
