package io.jwsp.provider.atm.sw;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The one lock of a provider instance and its switch, with one condition that every state change signals. Upcalls
 * (events, overlapped completions) are deferred while the lock is held and run by the thread that finally releases
 * it, so runtime code never runs under the provider's lock.
 */
public final class Sync {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Runnable> deferred = new ArrayList<>();

    public ReentrantLock lock() {
        return lock;
    }

    public Condition changed() {
        return changed;
    }

    public void enter() {
        lock.lock();
    }

    public void exit() {
        List<Runnable> toRun = List.of();
        if (lock.getHoldCount() == 1 && !deferred.isEmpty()) {
            toRun = new ArrayList<>(deferred);
            deferred.clear();
        }
        lock.unlock();
        for (Runnable r : toRun) {
            r.run();
        }
    }

    /**
     * Runs what was deferred before the caller parks on the condition: a waiting thread must not sit on upcalls or
     * on zero-latency deliveries it queued itself. The caller holds the lock exactly once; it holds it again after.
     */
    public boolean hasDeferred() {
        return lock.getHoldCount() == 1 && !deferred.isEmpty();
    }

    public void flush() {
        while (lock.getHoldCount() == 1 && !deferred.isEmpty()) {
            List<Runnable> toRun = new ArrayList<>(deferred);
            deferred.clear();
            lock.unlock();
            try {
                for (Runnable r : toRun) {
                    r.run();
                }
            } finally {
                lock.lock();
            }
        }
    }

    /** Runs {@code action} after the lock is released (at once when it is not held). */
    public void defer(Runnable action) {
        if (!lock.isHeldByCurrentThread()) {
            action.run();
            return;
        }
        deferred.add(action);
    }

    /** Wakes every waiter; the caller holds the lock. */
    public void signalAll() {
        changed.signalAll();
    }

    public void run(Runnable action) {
        enter();
        try {
            action.run();
        } finally {
            exit();
        }
    }

    public <T> T call(Supplier<T> action) {
        enter();
        try {
            return action.get();
        } finally {
            exit();
        }
    }
}
