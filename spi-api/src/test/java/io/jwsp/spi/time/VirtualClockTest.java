package io.jwsp.spi.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class VirtualClockTest {

    @Test
    void aThirtySecondWaitEndsWhenTheClockIsAdvanced() throws Exception {
        VirtualClock clock = new VirtualClock();
        ReentrantLock lock = new ReentrantLock();
        Condition cond = lock.newCondition();
        CompletableFuture<Long> left = CompletableFuture.supplyAsync(() -> {
            lock.lock();
            try {
                long remaining = TimeUnit.SECONDS.toNanos(30);
                long deadline = clock.nanoTime() + remaining;
                while (remaining > 0) {
                    clock.awaitNanos(lock, cond, remaining);
                    remaining = deadline - clock.nanoTime();
                }
                return clock.nanoTime();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                lock.unlock();
            }
        });
        clock.awaitWaiters(1, Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(29));
        assertFalse(left.isDone(), "29 virtual seconds are not enough");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(TimeUnit.SECONDS.toNanos(30), left.get(10, TimeUnit.SECONDS));
    }

    @Test
    void scheduledTasksRunInDeadlineOrderInsideAdvance() {
        VirtualClock clock = new VirtualClock();
        List<String> order = new ArrayList<>();
        clock.schedule(() -> order.add("b@2"), 2_000);
        clock.schedule(() -> order.add("a@1"), 1_000);
        Cancellable c = clock.schedule(() -> order.add("never"), 1_500);
        assertTrue(c.cancel());
        clock.schedule(() -> clock.schedule(() -> order.add("nested@3"), 1_000), 2_000);
        clock.advanceNanos(5_000);
        assertEquals(List.of("a@1", "b@2", "nested@3"), order);
        assertEquals(5_000, clock.nanoTime());
        assertEquals(-1, clock.nextDeadline());
    }

    @Test
    void signalledWaiterReturnsTheTimeLeft() throws Exception {
        VirtualClock clock = new VirtualClock();
        ReentrantLock lock = new ReentrantLock();
        Condition cond = lock.newCondition();
        CompletableFuture<Long> left = CompletableFuture.supplyAsync(() -> {
            lock.lock();
            try {
                return clock.awaitNanos(lock, cond, 1_000_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                lock.unlock();
            }
        });
        clock.awaitWaiters(1, Duration.ofSeconds(10));
        clock.advanceNanos(400_000);
        lock.lock();
        try {
            cond.signalAll();
        } finally {
            lock.unlock();
        }
        assertEquals(600_000, left.get(10, TimeUnit.SECONDS));
        assertEquals(0, clock.waiters());
    }
}
