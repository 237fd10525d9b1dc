package io.jwsp.provider.loopback.core;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A connection's lock, which a thread that finds it taken retries for a moment before it queues and parks. Both
 * ends of a busy connection take it several times per send and recv, for a few hundred nanoseconds each; a
 * {@link ReentrantLock} parks a contended caller at once, and waking it costs far more than the wait it avoided
 * (tens of microseconds on a VM). Virtual threads and single-processor machines go straight to the queue.
 */
public final class SpinningLock extends ReentrantLock {
    private static final long serialVersionUID = 1L;
    private static final int TRIES = Runtime.getRuntime().availableProcessors() > 1 ? 128 : 0;

    @Override
    public void lock() {
        if (tryLock()) {
            return;
        }
        if (!Thread.currentThread().isVirtual()) {
            for (int i = 0; i < TRIES; i++) {
                Thread.onSpinWait();
                if (tryLock()) {
                    return;
                }
            }
        }
        super.lock();
    }
}
