package io.jwsp.spi.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * A clock that moves only when told to. Threads waiting with a deadline are woken when {@link #advance} passes it;
 * scheduled tasks run inside {@code advance}, on the advancing thread, in deadline order. A test makes a blocking
 * call on one thread, waits until it is parked on the clock ({@link #awaitWaiters}), then advances time: no sleeps.
 */
public final class VirtualClock implements TimeSource {
    private final Object monitor = new Object();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long now;
    private long sequence;
    private int waiting;

    private final class Timer implements Comparable<Timer>, Cancellable {
        final long deadline;
        final long seq = sequence++;
        final Runnable task;
        final Lock lock;
        final Condition cond;
        boolean cancelled;

        Timer(long deadline, Runnable task, Lock lock, Condition cond) {
            this.deadline = deadline;
            this.task = task;
            this.lock = lock;
            this.cond = cond;
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }

        @Override
        public boolean cancel() {
            synchronized (monitor) {
                if (cancelled) {
                    return false;
                }
                cancelled = true;
                return timers.remove(this);
            }
        }
    }

    public VirtualClock() {
        this(0);
    }

    public VirtualClock(long startNanos) {
        this.now = startNanos;
    }

    @Override
    public boolean isVirtual() {
        return true;
    }

    @Override
    public long nanoTime() {
        synchronized (monitor) {
            return now;
        }
    }

    @Override
    public long awaitNanos(Lock lock, Condition cond, long nanos) throws InterruptedException {
        if (nanos <= 0) {
            return nanos;
        }
        Timer t = null;
        long deadline;
        synchronized (monitor) {
            deadline = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : now + nanos;
            if (deadline != Long.MAX_VALUE) {
                t = new Timer(deadline, null, lock, cond);
                timers.add(t);
            }
            waiting++;
            monitor.notifyAll();
        }
        try {
            cond.await();
        } finally {
            synchronized (monitor) {
                waiting--;
                if (t != null && !t.cancelled) {
                    t.cancelled = true;
                    timers.remove(t);
                }
            }
        }
        if (deadline == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return deadline - nanoTime();
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        synchronized (monitor) {
            Timer t = new Timer(now + Math.max(0, delayNanos), task, null, null);
            timers.add(t);
            return t;
        }
    }

    /** Moves time forward by {@code d}, firing every timer that falls due on the way, in order. */
    public void advance(Duration d) {
        advanceNanos(d.toNanos());
    }

    public void advanceNanos(long nanos) {
        long target;
        synchronized (monitor) {
            target = now + nanos;
        }
        while (true) {
            List<Timer> due = new ArrayList<>();
            synchronized (monitor) {
                Timer head = timers.peek();
                if (head == null || head.deadline > target) {
                    now = target;
                    return;
                }
                now = head.deadline;
                while (!timers.isEmpty() && timers.peek().deadline == now) {
                    Timer t = timers.poll();
                    t.cancelled = true;
                    due.add(t);
                }
            }
            for (Timer t : due) {
                fire(t);
            }
        }
    }

    /** Fires every timer due now or earlier without moving time. */
    public void runDue() {
        advanceNanos(0);
    }

    private static void fire(Timer t) {
        if (t.task != null) {
            t.task.run();
        } else {
            t.lock.lock();
            try {
                t.cond.signalAll();
            } finally {
                t.lock.unlock();
            }
        }
    }

    /** The deadline of the next timer, or {@code -1} when none is pending. */
    public long nextDeadline() {
        synchronized (monitor) {
            Timer head = timers.peek();
            return head == null ? -1 : head.deadline;
        }
    }

    /** How many threads are parked on this clock now. */
    public int waiters() {
        synchronized (monitor) {
            return waiting;
        }
    }

    /**
     * Blocks (in real time, at most {@code realTimeout}) until at least {@code count} threads are parked on this
     * clock. This is how a test knows a blocking call has reached its wait before it advances time.
     */
    public void awaitWaiters(int count, Duration realTimeout) throws InterruptedException, TimeoutException {
        long end = System.nanoTime() + realTimeout.toNanos();
        synchronized (monitor) {
            while (waiting < count) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException(waiting + " of " + count + " threads waiting on the virtual clock");
                }
                monitor.wait(Math.max(1, left / 1_000_000));
            }
        }
    }
}
