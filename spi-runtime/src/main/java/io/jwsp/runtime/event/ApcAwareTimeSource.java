package io.jwsp.runtime.event;

import io.jwsp.spi.time.Cancellable;
import io.jwsp.spi.time.TimeSource;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * The clock providers get. Every wait first runs the calling thread's queued APCs (a completion routine runs
 * while its thread is blocked in a provider call, as on Windows' alertable blocking hooks) and then parks where
 * a newly queued APC can wake it. Time itself is the runtime's clock, unchanged.
 */
public final class ApcAwareTimeSource implements TimeSource {
    private final TimeSource clock;
    private final ApcDelivery apcs;

    public ApcAwareTimeSource(TimeSource clock, ApcDelivery apcs) {
        this.clock = clock;
        this.apcs = apcs;
    }

    /** The runtime's own clock underneath. */
    public TimeSource clock() {
        return clock;
    }

    @Override
    public long nanoTime() {
        return clock.nanoTime();
    }

    @Override
    public long awaitNanos(Lock lock, Condition cond, long nanos) throws InterruptedException {
        ThreadState st = apcs.states().current();
        if (st.hasApcs()) {
            return ranApcs(st, lock, nanos);
        }
        ThreadState.Parked outer = st.parked; // a routine's blocking call inside an alertable wait
        st.parked = new ThreadState.Parked(lock, cond);
        try {
            if (st.hasApcs()) {
                return nanos; // queued between the check and the park: a spurious return, the caller loops
            }
            return clock.awaitNanos(lock, cond, nanos);
        } finally {
            st.parked = outer;
        }
    }

    private long ranApcs(ThreadState st, Lock lock, long nanos) {
        long start = clock.nanoTime();
        apcs.runQueued(st, lock);
        if (nanos == Long.MAX_VALUE) {
            return nanos;
        }
        return nanos - (clock.nanoTime() - start);
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        return clock.schedule(task, delayNanos);
    }

    @Override
    public boolean isVirtual() {
        return clock.isVirtual();
    }
}
