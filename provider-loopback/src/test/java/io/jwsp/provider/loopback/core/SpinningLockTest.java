package io.jwsp.provider.loopback.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The connection lock stays a lock: mutual exclusion, reentrancy, and a holder that keeps it makes others wait. */
class SpinningLockTest {

    @Test
    void contendedIncrements_platformAndVirtualThreads_loseNothing() throws Exception {
        SpinningLock lock = new SpinningLock();
        long[] counter = {0};
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread.Builder builder = t % 2 == 0 ? Thread.ofPlatform() : Thread.ofVirtual();
            threads.add(builder.start(() -> {
                for (int i = 0; i < 100_000; i++) {
                    lock.lock();
                    try {
                        counter[0]++;
                    } finally {
                        lock.unlock();
                    }
                }
            }));
        }
        for (Thread t : threads) {
            assertTrue(t.join(java.time.Duration.ofSeconds(60)));
        }
        assertEquals(400_000, counter[0]);
        assertFalse(lock.isLocked());
    }

    @Test
    void aHolderKeepsIt_theWaiterGetsItOnRelease_reentrancyCounts() throws Exception {
        SpinningLock lock = new SpinningLock();
        lock.lock();
        lock.lock();
        assertEquals(2, lock.getHoldCount());
        CountDownLatch acquired = new CountDownLatch(1);
        Thread waiter = Thread.ofPlatform().start(() -> {
            lock.lock();
            acquired.countDown();
            lock.unlock();
        });
        assertFalse(acquired.await(50, TimeUnit.MILLISECONDS), "the lock is held: the spin gave up and queued");
        lock.unlock();
        assertFalse(acquired.await(50, TimeUnit.MILLISECONDS), "still held once");
        lock.unlock();
        assertTrue(acquired.await(10, TimeUnit.SECONDS));
        waiter.join();
    }
}
