package io.jwsp.runtime.event;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * One runtime's per-thread states. The owning thread reaches its own through a thread-local (the hot path: every
 * call records its last error there); other threads reach it through a weak map to queue APCs, so a thread that
 * ends leaves nothing behind. The thread-local is an instance field: two runtimes never share a state.
 */
public final class ThreadStates {
    private final Map<Thread, ThreadState> byThread = Collections.synchronizedMap(new WeakHashMap<>());
    private final ThreadLocal<ThreadState> local = ThreadLocal.withInitial(() -> of(Thread.currentThread()));

    /** The calling thread's state. */
    public ThreadState current() {
        return local.get();
    }

    /** {@code thread}'s state, made if it has none yet. */
    public ThreadState of(Thread thread) {
        return byThread.computeIfAbsent(thread, t -> new ThreadState());
    }
}
