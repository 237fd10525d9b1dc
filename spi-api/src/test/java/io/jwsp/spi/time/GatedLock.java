package io.jwsp.spi.time;

import java.util.Date;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock (not a {@link ReentrantLock}) whose conditions, once signalled, hold the woken thread at a gate before
 * {@code await} returns: a thread the clock woke that has not run yet, as a loaded machine makes one, on demand.
 */
final class GatedLock implements Lock {
    private static final long GATE_BOUND_SECONDS = 20;

    private final ReentrantLock inner = new ReentrantLock();
    private final CountDownLatch signalled;
    private final CountDownLatch gate;

    GatedLock(CountDownLatch signalled, CountDownLatch gate) {
        this.signalled = signalled;
        this.gate = gate;
    }

    @Override
    public void lock() {
        inner.lock();
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        inner.lockInterruptibly();
    }

    @Override
    public boolean tryLock() {
        return inner.tryLock();
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        return inner.tryLock(time, unit);
    }

    @Override
    public void unlock() {
        inner.unlock();
    }

    @Override
    public Condition newCondition() {
        Condition cond = inner.newCondition();
        return new Condition() {
            @Override
            public void await() throws InterruptedException {
                cond.await();
                signalled.countDown();
                gate.await(GATE_BOUND_SECONDS, TimeUnit.SECONDS);
            }

            @Override
            public void awaitUninterruptibly() {
                cond.awaitUninterruptibly();
            }

            @Override
            public long awaitNanos(long nanosTimeout) throws InterruptedException {
                return cond.awaitNanos(nanosTimeout);
            }

            @Override
            public boolean await(long time, TimeUnit unit) throws InterruptedException {
                return cond.await(time, unit);
            }

            @Override
            public boolean awaitUntil(Date deadline) throws InterruptedException {
                return cond.awaitUntil(deadline);
            }

            @Override
            public void signal() {
                cond.signal();
            }

            @Override
            public void signalAll() {
                cond.signalAll();
            }
        };
    }
}
