package io.jwsp.spi.kit.wait;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * The cancel registry of one provider instance: the threads parked in one of its blocking calls, each with the
 * socket it blocks on and the condition it waits on. WSPCancelBlockingCall finds a thread here ({@link #cancel});
 * closesocket wakes every caller of its socket ({@link #interruptAll}). A thread registers only when it actually
 * parks, so a call that succeeds at once never touches the table.
 */
public final class BlockingCalls {
    private final ConcurrentHashMap<Thread, Registration> parked = new ConcurrentHashMap<>();

    /** One parked call: whose socket, where its thread waits, and whether it must end with WSAEINTR. */
    public static final class Registration {
        private final Object socket;
        private final Lock lock;
        private final Condition condition;
        private volatile boolean interrupted;

        Registration(Object socket, Lock lock, Condition condition) {
            this.socket = socket;
            this.lock = lock;
            this.condition = condition;
        }

        /** Whether the call was cancelled or its socket closed: it ends with WSAEINTR. */
        public boolean interrupted() {
            return interrupted;
        }

        void interrupt() {
            interrupted = true;
            lock.lock();
            try {
                condition.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Registers the current thread as parked in a call on {@code socket}, waiting on {@code condition}. */
    public Registration enter(Object socket, Lock lock, Condition condition) {
        Registration r = new Registration(socket, lock, condition);
        parked.put(Thread.currentThread(), r);
        return r;
    }

    public void exit(Registration r) {
        parked.remove(Thread.currentThread(), r);
    }

    /** WSPCancelBlockingCall: the call {@code thread} is parked in ends with WSAEINTR; false when it is in none. */
    public boolean cancel(Thread thread) {
        Registration r = thread == null ? null : parked.get(thread);
        if (r == null) {
            return false;
        }
        r.interrupt();
        return true;
    }

    /**
     * closesocket: every call parked on {@code socket} ends with WSAEINTR. Takes each waiter's lock to signal it, so
     * call it without holding a lock another waiter of this socket might need in a different order.
     */
    public void interruptAll(Object socket) {
        for (Registration r : parked.values()) {
            if (r.socket == socket) {
                r.interrupt();
            }
        }
    }

    /** Whether {@code thread} is parked in a call of this provider (for WSPCancelBlockingCall's WSAEINVAL). */
    public boolean isParked(Thread thread) {
        return thread != null && parked.containsKey(thread);
    }
}
