package io.jwsp.runtime.event;

import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.time.TimeSource;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tells getOverlappedResult(wait) that some overlapped operation of the runtime finished. {@link Overlapped} keeps
 * its own monitor private, so the runtime signals here after every {@code completeOverlapped}, and waiters
 * re-check their record.
 */
public final class CompletionSignal {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition completed = lock.newCondition();

    void signal() {
        lock.lock();
        try {
            completed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits on {@code clock} until {@code overlapped} is no longer pending. */
    public void awaitDone(Overlapped overlapped, TimeSource clock) throws InterruptedException {
        lock.lock();
        try {
            while (overlapped.isPending()) {
                clock.awaitNanos(lock, completed, Long.MAX_VALUE);
            }
        } finally {
            lock.unlock();
        }
    }
}
