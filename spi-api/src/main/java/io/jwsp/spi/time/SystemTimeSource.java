package io.jwsp.spi.time;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/** The real clock. Each instance owns its timer thread (started on first use), closed with {@link #close()}. */
public final class SystemTimeSource implements TimeSource, AutoCloseable {
    private final Object timerLock = new Object();
    private ScheduledThreadPoolExecutor timer;
    private boolean closed;

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long awaitNanos(Lock lock, Condition cond, long nanos) throws InterruptedException {
        if (nanos == Long.MAX_VALUE) {
            cond.await();
            return Long.MAX_VALUE;
        }
        return cond.awaitNanos(nanos);
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        ScheduledFuture<?> f = timer().schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    private ScheduledThreadPoolExecutor timer() {
        synchronized (timerLock) {
            if (closed) {
                throw new IllegalStateException("time source closed");
            }
            if (timer == null) {
                timer = new ScheduledThreadPoolExecutor(1, r -> {
                    Thread t = new Thread(r, "jwsp-timer");
                    t.setDaemon(true);
                    return t;
                });
                timer.setRemoveOnCancelPolicy(true);
            }
            return timer;
        }
    }

    @Override
    public void close() {
        synchronized (timerLock) {
            closed = true;
            if (timer != null) {
                timer.shutdownNow();
            }
        }
    }
}
