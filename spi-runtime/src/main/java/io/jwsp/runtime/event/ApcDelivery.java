package io.jwsp.runtime.event;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WPUQueueApc and the running of APCs. An APC is queued to its thread and wakes it where it is parked: in an
 * alertable runtime wait, or in a provider's blocking wait (providers wait through {@link ApcAwareTimeSource}).
 * It runs on that thread only.
 */
public final class ApcDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(ApcDelivery.class);

    private final ThreadStates states;

    public ApcDelivery(ThreadStates states) {
        this.states = states;
    }

    public void queue(Thread thread, Runnable apc) {
        ThreadState st = states.of(thread);
        st.apcs.add(apc);
        wake(st);
    }

    /**
     * Signals the condition the thread is parked on, holding its lock as a condition requires. When the lock is
     * busy (its holder may be waiting for a lock this caller holds), a virtual thread delivers the signal instead.
     */
    static void wake(ThreadState st) {
        ThreadState.Parked p = st.parked;
        if (p == null) {
            return;
        }
        if (p.lock().tryLock()) {
            try {
                p.cond().signalAll();
            } finally {
                p.lock().unlock();
            }
            return;
        }
        Thread.ofVirtual().name("jwsp-apc-wake").start(() -> {
            p.lock().lock();
            try {
                p.cond().signalAll();
            } finally {
                p.lock().unlock();
            }
        });
    }

    /**
     * Runs every APC queued to the calling thread. {@code held}, a lock the caller holds (a provider's, in a
     * blocking wait), is released meanwhile so routines can call into the provider, and taken back after.
     *
     * @return whether any APC ran
     */
    boolean runQueued(ThreadState st, Lock held) {
        if (st.apcs.isEmpty()) {
            return false;
        }
        boolean interrupting = st.inBlockingCall();
        int holds = 0;
        if (held instanceof ReentrantLock rl && rl.isHeldByCurrentThread()) {
            holds = rl.getHoldCount();
            for (int i = 0; i < holds; i++) {
                rl.unlock();
            }
        }
        if (interrupting) {
            st.enterInterruptingRoutine();
        }
        try {
            Runnable apc;
            while ((apc = st.apcs.poll()) != null) {
                try {
                    apc.run();
                } catch (RuntimeException e) {
                    LOG.warn("a completion routine threw", e);
                }
            }
        } finally {
            if (interrupting) {
                st.leaveInterruptingRoutine();
            }
            for (int i = 0; i < holds; i++) {
                held.lock();
            }
        }
        return true;
    }

    ThreadStates states() {
        return states;
    }
}
