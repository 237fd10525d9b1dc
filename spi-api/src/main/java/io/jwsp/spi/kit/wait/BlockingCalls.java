package io.jwsp.spi.kit.wait;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;

/**
 * The cancel registry of one provider instance: the threads parked in one of its blocking calls, each with the
 * socket it blocks on and the condition it waits on. closesocket wakes every caller of its socket
 * ({@link #interruptAll}); WSPCancelBlockingCall finds a thread here ({@link #cancel}). A thread registers only when
 * it actually parks, so a call that succeeds at once never touches the table.
 *
 * <p>The table is kept by socket, so a close costs the calls parked on its own socket, not every call parked in the
 * provider: with 16,384 lingering closes parked at once (the million-connection run), each close that walked them all
 * made the closes CPU-bound and starved the very threads the lingers waited for. A cancel, which names a thread and
 * is rare, walks the table instead.
 */
public final class BlockingCalls {
    /**
     * By the socket they block on: its one parked call (a {@link Registration}, by far the usual case, which costs no
     * more than a map entry) or, while more than one is parked on it, a concurrent set of them.
     */
    private final ConcurrentHashMap<Object, Object> parked = new ConcurrentHashMap<>();

    /** One parked call: whose thread, which socket, where it waits, and whether it must end with WSAEINTR. */
    public static final class Registration {
        private final Thread thread;
        private final Object socket;
        private final Lock lock;
        private final Condition condition;
        private volatile boolean interrupted;

        Registration(Thread thread, Object socket, Lock lock, Condition condition) {
            this.thread = thread;
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
        Registration r = new Registration(Thread.currentThread(), socket, lock, condition);
        parked.merge(socket, r, BlockingCalls::withAnother);
        return r;
    }

    /** The call {@code r} no longer waits; idempotent. */
    public void exit(Registration r) {
        if (!parked.remove(r.socket, r)) { // not its socket's only call: take it out of the set
            parked.computeIfPresent(r.socket, (socket, calls) ->
                    calls instanceof Set<?> set && set.remove(r) && set.isEmpty() ? null : calls);
        }
    }

    /** WSPCancelBlockingCall: the call {@code thread} is parked in ends with WSAEINTR; false when it is in none. */
    public boolean cancel(Thread thread) {
        boolean[] found = new boolean[1];
        forEachOf(thread, r -> {
            found[0] = true;
            r.interrupt();
        });
        return found[0];
    }

    /**
     * closesocket: every call parked on {@code socket} ends with WSAEINTR. Takes each waiter's lock to signal it, so
     * call it without holding a lock another waiter of this socket might need in a different order.
     */
    public void interruptAll(Object socket) {
        Object calls = parked.get(socket);
        if (calls != null) {
            forEach(calls, Registration::interrupt);
        }
    }

    /** Whether {@code thread} is parked in a call of this provider (for WSPCancelBlockingCall's WSAEINVAL). */
    public boolean isParked(Thread thread) {
        boolean[] found = new boolean[1];
        forEachOf(thread, r -> found[0] = true);
        return found[0];
    }

    private void forEachOf(Thread thread, Consumer<Registration> action) {
        if (thread == null) {
            return;
        }
        for (Object calls : parked.values()) {
            forEach(calls, r -> {
                if (r.thread == thread) {
                    action.accept(r);
                }
            });
        }
    }

    /** A socket's calls (a registration or a set of them) with one more. */
    private static Object withAnother(Object calls, Object added) {
        if (calls instanceof Registration only) {
            Set<Registration> set = ConcurrentHashMap.newKeySet();
            set.add(only);
            set.add((Registration) added);
            return set;
        }
        setOf(calls).add((Registration) added);
        return calls;
    }

    private static void forEach(Object calls, Consumer<Registration> action) {
        if (calls instanceof Registration only) {
            action.accept(only);
        } else {
            setOf(calls).forEach(action);
        }
    }

    @SuppressWarnings("unchecked") // the map's values are registrations or sets of them, nothing else
    private static Set<Registration> setOf(Object calls) {
        return (Set<Registration>) calls;
    }
}
