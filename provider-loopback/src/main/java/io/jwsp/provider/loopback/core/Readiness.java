package io.jwsp.provider.loopback.core;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The provider-wide wake-up of WSPSelect. Every state change that may make a socket readable, writable or
 * exceptional calls {@link #changed}; that costs one volatile read while nobody selects. Lock order: a socket's
 * lock may be held when {@link #changed} runs; a selecting thread never holds this lock while it takes a socket's.
 */
public final class Readiness {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition condition = lock.newCondition();
    private volatile int selecting;
    private long epoch;

    public void changed() {
        if (selecting == 0) {
            return;
        }
        lock.lock();
        try {
            epoch++;
            condition.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Registers a selecting thread and answers the epoch its first look belongs to. */
    public long enter() {
        lock.lock();
        try {
            selecting++;
            return epoch;
        } finally {
            lock.unlock();
        }
    }

    public void exit() {
        lock.lock();
        try {
            selecting--;
        } finally {
            lock.unlock();
        }
    }

    public ReentrantLock lock() {
        return lock;
    }

    public Condition condition() {
        return condition;
    }

    /** The current epoch; read with {@link #lock()} held. */
    public long epoch() {
        return epoch;
    }
}
