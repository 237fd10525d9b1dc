package io.jwsp.provider.loopback.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The spin before a park: it releases the lock, sees a signal, adapts its length, and knows when not to spin. */
class CountedConditionTest {
    private final ReentrantLock lock = new ReentrantLock();

    @Test
    void spin_releasesTheLock_andSeesASignalGivenMeanwhile() throws Exception {
        // A minute's limit: the spin can only end early, through the signal the other thread gives once it has the
        // lock, which it can take only because the spin released it.
        CountedCondition c = new CountedCondition(lock.newCondition(), TimeUnit.SECONDS.toNanos(60));
        AtomicBoolean spinning = new AtomicBoolean();
        CompletableFuture<Void> signaller = CompletableFuture.runAsync(() -> {
            while (!spinning.get()) {
                Thread.onSpinWait();
            }
            lock.lock();
            try {
                c.signalAll();
            } finally {
                lock.unlock();
            }
        });
        lock.lock();
        try {
            spinning.set(true);
            // The first spin is short (4 us) and may end before the other thread gets going: spin until it is seen.
            boolean seen = false;
            for (int i = 0; i < 1_000_000 && !seen; i++) {
                seen = c.spinForSignal(lock);
            }
            assertTrue(seen, "a signal given while spinning is seen");
            assertTrue(lock.isHeldByCurrentThread(), "the lock is held again when the spin ends");
        } finally {
            lock.unlock();
        }
        signaller.get(10, TimeUnit.SECONDS);
    }

    @Test
    void spin_withoutSignal_halvesDownToTheFloor_aSignalRestoresTheLimit() {
        long limit = TimeUnit.MICROSECONDS.toNanos(20);
        CountedCondition c = new CountedCondition(lock.newCondition(), limit);
        assertEquals(limit, c.nextSpinNanos(), "a connection starts at the limit");
        lock.lock();
        try {
            assertFalse(c.spinForSignal(lock), "nobody signals");
            assertEquals(limit / 2, c.nextSpinNanos());
            for (int i = 0; i < 10; i++) {
                assertFalse(c.spinForSignal(lock));
            }
            assertEquals(CountedCondition.FLOOR_NANOS, c.nextSpinNanos());
            CompletableFuture<Void> peer = signalOnceTheLockIsFree(c);
            boolean seen = false;
            for (int i = 0; i < 1_000_000 && !seen; i++) {
                seen = c.spinForSignal(lock);
            }
            assertTrue(seen);
            assertEquals(limit, c.nextSpinNanos(), "a success restores the whole limit, not the double of the floor");
            peer.join();
        } finally {
            lock.unlock();
        }
    }

    /** A peer that takes the lock (free only while this thread spins) and signals once. */
    private CompletableFuture<Void> signalOnceTheLockIsFree(CountedCondition c) {
        return CompletableFuture.runAsync(() -> {
            lock.lock();
            try {
                c.signalAll();
            } finally {
                lock.unlock();
            }
        });
    }

    @Test
    void atTheFloor_oneParkInProbeEvery_spinsTheWholeLimit() {
        long limit = TimeUnit.MILLISECONDS.toNanos(2);
        CountedCondition c = new CountedCondition(lock.newCondition(), limit);
        lock.lock();
        try {
            while (c.nextSpinNanos() > CountedCondition.FLOOR_NANOS) {
                assertFalse(c.spinForSignal(lock));
            }
            long longest = 0;
            for (int i = 0; i < CountedCondition.PROBE_EVERY; i++) {
                long t0 = System.nanoTime();
                assertFalse(c.spinForSignal(lock));
                longest = Math.max(longest, System.nanoTime() - t0);
                assertEquals(CountedCondition.FLOOR_NANOS, c.nextSpinNanos(), "a failed probe goes back to the floor");
            }
            assertTrue(longest >= limit, "one of " + CountedCondition.PROBE_EVERY + " parks probed the whole limit");
        } finally {
            lock.unlock();
        }
    }

    @Test
    void noSpin_withALimitOfZero_aNestedHold_orOnAVirtualThread() throws Exception {
        CountedCondition off = new CountedCondition(lock.newCondition(), 0);
        CountedCondition on = new CountedCondition(lock.newCondition(), TimeUnit.SECONDS.toNanos(60));
        lock.lock();
        try {
            assertFalse(off.spinForSignal(lock));
            lock.lock(); // held twice: unlocking once would not release it
            try {
                long t0 = System.nanoTime();
                assertFalse(on.spinForSignal(lock));
                assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(30), "answered without spinning");
            } finally {
                lock.unlock();
            }
        } finally {
            lock.unlock();
        }
        CompletableFuture<Boolean> onVirtual = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            lock.lock();
            try {
                onVirtual.complete(on.spinForSignal(lock));
            } finally {
                lock.unlock();
            }
        });
        assertFalse(onVirtual.get(30, TimeUnit.SECONDS), "a virtual thread does not spin (a minute's limit)");
    }

    @Test
    void peer_isTheLastOtherThreadThatRanHere_withItsProcessor() {
        CountedCondition c = new CountedCondition(lock.newCondition(), 0);
        assertEquals(Processor.UNKNOWN, c.peerCpu(1), "nobody ran here yet");
        c.noteRunning(1, 0);
        assertEquals(Processor.UNKNOWN, c.peerCpu(1), "only the caller ran here: no peer");
        assertEquals(0, c.peerCpu(2), "thread 2's peer is thread 1, last on processor 0");
        c.noteRunning(2, 1);
        c.noteRunning(2, 1); // a thread noting itself again keeps the other's note
        assertEquals(1, c.peerCpu(1));
        assertEquals(0, c.peerCpu(2));
        c.noteRunning(1, 1); // thread 1 moved next to thread 2
        assertEquals(1, c.peerCpu(2));
        assertEquals(1, c.peerCpu(1));
        c.noteRunning(3, 0); // a third thread: the last other than the caller counts
        assertEquals(0, c.peerCpu(1));
        assertEquals(1, c.peerCpu(3));
    }

    @Test
    void peer_onThisOrAnotherProcessor_asTheCallersOwnProcessorSays() throws Exception {
        CountedCondition c = new CountedCondition(lock.newCondition(), 0);
        int here = Processor.current();
        Assumptions.assumeTrue(here != Processor.UNKNOWN, "this machine cannot tell processors apart");
        // The caller may move between the note and the question: retry until it stayed put once (a few tries).
        boolean sawHere = false;
        boolean sawElsewhere = false;
        for (int i = 0; i < 1_000 && !(sawHere && sawElsewhere); i++) {
            int cpu = Processor.current();
            c.noteRunning(-7, cpu);
            boolean h = c.peerHere();
            boolean e = c.peerElsewhere();
            assertTrue(h != e || Processor.current() != cpu, "a known peer is here or elsewhere, not both");
            sawHere |= h && Processor.current() == cpu;
            c.noteRunning(-7, cpu + 1);
            sawElsewhere |= c.peerElsewhere() && !c.peerHere();
        }
        assertTrue(sawHere, "a peer noted on the caller's processor is here");
        assertTrue(sawElsewhere, "a peer noted on another processor is elsewhere");
    }
}
