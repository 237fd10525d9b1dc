package io.jwsp.provider.loopback.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
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
    void spin_withoutSignal_failsAndHalves_downToTheFloor() {
        CountedCondition c = new CountedCondition(lock.newCondition(), TimeUnit.MICROSECONDS.toNanos(20));
        lock.lock();
        try {
            for (int i = 0; i < 10; i++) {
                assertFalse(c.spinForSignal(lock), "nobody signals");
            }
            assertEquals(CountedCondition.FLOOR_NANOS, c.nextSpinNanos());
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
}
