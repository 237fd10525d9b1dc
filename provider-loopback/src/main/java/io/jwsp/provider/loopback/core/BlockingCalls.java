package io.jwsp.provider.loopback.core;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * The threads parked in a blocking call of this provider, so WSPCancelBlockingCall can find and wake one. A thread
 * registers only when it actually parks; the fast path never touches this table.
 */
public final class BlockingCalls {
    private final ConcurrentHashMap<Thread, Registration> parked = new ConcurrentHashMap<>();

    /** One parked call: where its thread waits, and whether it was cancelled. */
    public static final class Registration {
        final Lock lock;
        final Condition condition;
        volatile boolean cancelled;

        Registration(Lock lock, Condition condition) {
            this.lock = lock;
            this.condition = condition;
        }

        public boolean cancelled() {
            return cancelled;
        }
    }

    Registration enter(Lock lock, Condition condition) {
        Registration r = new Registration(lock, condition);
        parked.put(Thread.currentThread(), r);
        return r;
    }

    void exit(Registration r) {
        parked.remove(Thread.currentThread(), r);
    }

    /** Cancels the call {@code thread} is parked in; false when it is in none. */
    public boolean cancel(Thread thread) {
        Registration r = thread == null ? null : parked.get(thread);
        if (r == null) {
            return false;
        }
        r.cancelled = true;
        r.lock.lock();
        try {
            r.condition.signalAll();
        } finally {
            r.lock.unlock();
        }
        return true;
    }
}
