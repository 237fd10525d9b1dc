package io.jwsp.spi.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** The clock's opt-in auto-advancing mode, and what {@link VirtualClock#waiters()} counts. */
class VirtualClockAutoAdvanceTest {
    private static final Duration REAL_BOUND = Duration.ofSeconds(20);

    /** A wait of {@code nanos} on the clock, looping on spurious returns as callers must; answers the time then. */
    private static long waitFully(VirtualClock clock, long nanos) {
        ReentrantLock lock = new ReentrantLock();
        Condition cond = lock.newCondition();
        lock.lock();
        try {
            long deadline = clock.nanoTime() + nanos;
            for (long left = nanos; left > 0; left = deadline - clock.nanoTime()) {
                clock.awaitNanos(lock, cond, left);
            }
            return clock.nanoTime();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Keeps the thread runnable in Java code for {@code nanos} of real time, reading the (native) time only now and
     * then: a thread starved of CPU on a loaded machine must not look like one waiting in the kernel.
     */
    private static void spinInJava(long nanos) {
        long until = System.nanoTime() + nanos;
        do {
            for (int i = 0; i < 100_000; i++) {
                Thread.onSpinWait();
            }
        } while (System.nanoTime() < until);
    }

    @Test
    void aThirtySecondWaitOnTheTestThreadEndsWithoutAnyAdvance() throws Exception {
        VirtualClock clock = new VirtualClock();
        try (AutoCloseable auto = clock.autoAdvance()) {
            assertTrue(clock.isAutoAdvancing());
            assertEquals(TimeUnit.SECONDS.toNanos(30), waitFully(clock, TimeUnit.SECONDS.toNanos(30)));
        }
        assertFalse(clock.isAutoAdvancing());
    }

    @Test
    void jumpsDeadlineByDeadline_inOrder_whileTheTestThreadWaitsForTheResult() throws Exception {
        VirtualClock clock = new VirtualClock();
        List<String> order = new CopyOnWriteArrayList<>();
        clock.schedule(() -> order.add("timer@5s"), TimeUnit.SECONDS.toNanos(5));
        try (AutoCloseable auto = clock.autoAdvance(); ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<Long> ten = pool.submit(() -> {
                long t = waitFully(clock, TimeUnit.SECONDS.toNanos(10));
                order.add("wait@10s");
                return t;
            });
            Future<Long> three = pool.submit(() -> {
                long t = waitFully(clock, TimeUnit.SECONDS.toNanos(3));
                order.add("wait@3s");
                return t;
            });
            assertEquals(TimeUnit.SECONDS.toNanos(3), three.get(REAL_BOUND.toSeconds(), TimeUnit.SECONDS));
            assertEquals(TimeUnit.SECONDS.toNanos(10), ten.get(REAL_BOUND.toSeconds(), TimeUnit.SECONDS));
        }
        assertEquals(List.of("wait@3s", "timer@5s", "wait@10s"), order);
    }

    @Test
    void aJumpNamesTheWaitsItEnds() throws Exception {
        VirtualClock clock = new VirtualClock();
        List<ParkedWait> ended = new CopyOnWriteArrayList<>();
        try (AutoCloseable auto = clock.autoAdvance(VirtualClock.DEFAULT_QUIET, VirtualClock.Watch.THREAD_GROUP,
                ended::addAll)) {
            waitFully(clock, TimeUnit.SECONDS.toNanos(30));
        }
        assertEquals(1, ended.size());
        assertEquals(Thread.currentThread(), ended.getFirst().thread());
        assertEquals(Duration.ofSeconds(30), ended.getFirst().timeout());
    }

    @Test
    void neverJumpsWhileAThreadThatUsesTheClockIsRunnable() throws Exception {
        VirtualClock clock = new VirtualClock();
        try (AutoCloseable auto = clock.autoAdvance()) {
            CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(
                    () -> waitFully(clock, TimeUnit.SECONDS.toNanos(1)));
            // The test thread (a user of the clock since it asked for auto mode) never parks: no jump happens.
            long giveUp = System.nanoTime() + REAL_BOUND.toNanos();
            while (clock.waiters() == 0 && System.nanoTime() < giveUp) {
                Thread.onSpinWait();
            }
            spinInJava(TimeUnit.MILLISECONDS.toNanos(200));
            assertEquals(1, clock.waiters());
            assertEquals(0, clock.nanoTime(), "the clock moved while the test thread was running");
            assertFalse(waiter.isDone());
            assertEquals(TimeUnit.SECONDS.toNanos(1), waiter.get(REAL_BOUND.toSeconds(), TimeUnit.SECONDS));
        }
    }

    /** A thread of the test that has not reached the clock yet (it is still running) holds the clock back. */
    @Test
    void aStartedThreadNotYetOnTheClockHoldsItBack() throws Exception {
        VirtualClock clock = new VirtualClock();
        try (AutoCloseable auto = clock.autoAdvance()) {
            CompletableFuture<Long> ten = CompletableFuture.supplyAsync(
                    () -> waitFully(clock, TimeUnit.SECONDS.toNanos(10)));
            clock.awaitWaiters(1, REAL_BOUND);
            long[] three = new long[1];
            Thread late = Thread.ofPlatform().name("late-to-the-clock").start(() -> {
                spinInJava(TimeUnit.MILLISECONDS.toNanos(200)); // runnable, not yet a user of the clock
                three[0] = waitFully(clock, TimeUnit.SECONDS.toNanos(3));
            });
            assertTrue(late.join(REAL_BOUND));
            assertEquals(TimeUnit.SECONDS.toNanos(3), three[0], "the clock jumped while the thread was running");
            assertEquals(TimeUnit.SECONDS.toNanos(10), ten.get(REAL_BOUND.toSeconds(), TimeUnit.SECONDS));
        }
    }

    @Test
    void aThreadTheClockWokeHoldsTheNextJumpBackUntilItHasRun() throws Exception {
        VirtualClock clock = new VirtualClock();
        try (AutoCloseable auto = clock.autoAdvance()) {
            CompletableFuture<Long> five = CompletableFuture.supplyAsync(
                    () -> waitFully(clock, TimeUnit.SECONDS.toNanos(5)));
            CountDownLatch signalled = new CountDownLatch(1);
            CountDownLatch gate = new CountDownLatch(1);
            GatedLock lock = new GatedLock(signalled, gate);
            Condition cond = lock.newCondition();
            long[] woke = new long[1];
            Thread one = Thread.ofPlatform().name("woken-late").start(() -> {
                lock.lock();
                try {
                    clock.awaitNanos(lock, cond, TimeUnit.SECONDS.toNanos(1));
                    woke[0] = clock.nanoTime();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    lock.unlock();
                }
            });
            assertTrue(signalled.await(REAL_BOUND.toSeconds(), TimeUnit.SECONDS), "the clock woke the one-second wait");
            // the woken thread sits at the gate, looking parked, as one waiting for a processor does
            long end = System.nanoTime() + REAL_BOUND.toNanos();
            while (clock.heldBackJumps() < 3 && System.nanoTime() < end) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            assertTrue(clock.heldBackJumps() >= 3, "the driver looked again and held its jump back");
            assertEquals(TimeUnit.SECONDS.toNanos(1), clock.nanoTime(), "no jump past a thread that has not run");
            gate.countDown();
            assertTrue(one.join(REAL_BOUND));
            assertEquals(TimeUnit.SECONDS.toNanos(1), woke[0], "the woken thread read the time it was woken at");
            assertEquals(TimeUnit.SECONDS.toNanos(5), five.get(REAL_BOUND.toSeconds(), TimeUnit.SECONDS));
        }
    }

    @Test
    void manualModeNeverMovesByItself() throws Exception {
        VirtualClock clock = new VirtualClock();
        CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(
                () -> waitFully(clock, TimeUnit.SECONDS.toNanos(1)));
        clock.awaitWaiters(1, REAL_BOUND);
        assertThrows(TimeoutException.class, () -> waiter.get(100, TimeUnit.MILLISECONDS));
        assertEquals(0, clock.nanoTime());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(TimeUnit.SECONDS.toNanos(1), waiter.get(REAL_BOUND.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void waitersCountsOnlyWaitsOnTheClock_andStopsCountingAWaitTheClockEnded() throws Exception {
        VirtualClock clock = new VirtualClock();
        ReentrantLock plainLock = new ReentrantLock();
        Condition plain = plainLock.newCondition();
        CountDownLatch parkedElsewhere = new CountDownLatch(1);
        Thread elsewhere = Thread.ofPlatform().start(() -> {
            plainLock.lock();
            try {
                parkedElsewhere.countDown();
                plain.await(); // parked, but not on the clock
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                plainLock.unlock();
            }
        });
        parkedElsewhere.await();
        ReentrantLock lock = new ReentrantLock();
        Condition cond = lock.newCondition();
        CompletableFuture<Void> onClock = CompletableFuture.runAsync(() -> {
            lock.lock();
            try {
                clock.awaitNanos(lock, cond, 1_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                lock.unlock();
            }
        });
        clock.awaitWaiters(1, REAL_BOUND);
        assertEquals(1, clock.waiters());
        assertEquals(1, clock.parkedWaits().size());
        // Hold the waiter's lock so it cannot return: the clock has ended its wait all the same.
        lock.lock();
        try {
            clock.advanceNanos(1_000);
            assertEquals(0, clock.waiters());
        } finally {
            lock.unlock();
        }
        onClock.get(REAL_BOUND.toSeconds(), TimeUnit.SECONDS);
        elsewhere.interrupt();
        elsewhere.join(REAL_BOUND);
    }
}
