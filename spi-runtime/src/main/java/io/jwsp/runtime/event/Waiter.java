package io.jwsp.runtime.event;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** One thread's wait in the runtime: the lock and condition that events, ports and APCs signal to wake it. */
final class Waiter {
    final ReentrantLock lock = new ReentrantLock();
    final Condition cond = lock.newCondition();

    void wake() {
        lock.lock();
        try {
            cond.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
