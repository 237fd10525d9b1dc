package io.jwsp.spi.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A clock that moves only when told to. Threads waiting with a deadline are woken when {@link #advance} passes it;
 * scheduled tasks run inside {@code advance}, on the advancing thread, in deadline order. A test makes a blocking
 * call on one thread, waits until it is parked on the clock ({@link #awaitWaiters}), then advances time: no sleeps.
 *
 * <p>Opt-in, the clock also advances by itself ({@link #autoAdvance()}): when every thread that uses it is parked
 * and none is runnable, it jumps to the next deadline, so a 30-second linger needs no {@code awaitWaiters}/
 * {@code advance} choreography. Manual advances keep working in that mode.
 */
public final class VirtualClock implements TimeSource {
    /**
     * How long the threads of a test must stay parked before an auto-advancing clock jumps: longer than a woken
     * thread usually waits for a CPU on a busy machine (until it runs, it still looks parked; a thread whose wait
     * the clock ended holds the next jump back until it has run, see {@link #aWokenWaitMayRun}).
     */
    public static final Duration DEFAULT_QUIET = Duration.ofMillis(25);

    /** How long a woken wait on a lock whose holder cannot be read holds auto-mode jumps back, in real time. */
    private static final Duration WOKEN_BOUND = Duration.ofSeconds(5);

    private final Object monitor = new Object();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    /** The waits the clock has not woken: what {@link #waiters()} counts. */
    private final Set<Wait> parked = new LinkedHashSet<>();
    /**
     * Waits the clock ended whose threads have not left {@link #awaitNanos} yet, with the real time they were woken:
     * until such a thread runs it still looks parked, so auto mode must not jump past it.
     */
    private final Map<Wait, Long> woken = new IdentityHashMap<>();
    /** Auto-mode jumps held back by a woken thread that had not run yet (for tests). */
    private long heldBackJumps;
    /** Threads that have waited on this clock or asked it to advance by itself: whose states auto mode reads. */
    private final Set<Thread> users = new HashSet<>();
    /** One advance at a time, so two advancing threads never fire timers out of order. */
    private final ReentrantLock advancing = new ReentrantLock();
    private long now;
    private long sequence;
    /** Bumped by everything that changes the clock's state; auto mode jumps only when it stood still. */
    private long activity;
    private int autoUsers;
    private AutoAdvance auto;

    private final class Timer implements Comparable<Timer>, Cancellable {
        final long deadline;
        final long seq = sequence++;
        final Runnable task;
        final Wait wait;
        boolean cancelled;

        Timer(long deadline, Runnable task, Wait wait) {
            this.deadline = deadline;
            this.task = task;
            this.wait = wait;
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
                touch();
                return timers.remove(this);
            }
        }
    }

    /** One thread's wait in {@link #awaitNanos}. */
    private record Wait(Thread thread, Lock lock, Condition cond, long timeoutNanos, long deadline) {
        ParkedWait view() {
            return new ParkedWait(thread, deadline == Long.MAX_VALUE ? null : Duration.ofNanos(timeoutNanos),
                    deadline);
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
        Wait w;
        synchronized (monitor) {
            long deadline = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : now + nanos;
            w = new Wait(Thread.currentThread(), lock, cond, nanos, deadline);
            if (deadline != Long.MAX_VALUE) {
                t = new Timer(deadline, null, w);
                timers.add(t);
            }
            parked.add(w);
            users.add(w.thread());
            touch();
        }
        try {
            cond.await();
        } finally {
            synchronized (monitor) {
                parked.remove(w);
                woken.remove(w);
                if (t != null && !t.cancelled) {
                    t.cancelled = true;
                    timers.remove(t);
                }
                touch();
            }
        }
        if (w.deadline() == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return w.deadline() - nanoTime();
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        synchronized (monitor) {
            Timer t = new Timer(now + Math.max(0, delayNanos), task, null);
            timers.add(t);
            touch();
            return t;
        }
    }

    /** Moves time forward by {@code d}, firing every timer that falls due on the way, in order. */
    public void advance(Duration d) {
        advanceNanos(d.toNanos());
    }

    public void advanceNanos(long nanos) {
        advancing.lock();
        try {
            long target;
            synchronized (monitor) {
                target = now + nanos;
            }
            advanceTo(target);
        } finally {
            advancing.unlock();
        }
    }

    /** Fires timers up to {@code target} in order, then sets the time to it; the caller holds {@link #advancing}. */
    private void advanceTo(long target) {
        while (true) {
            List<Timer> due = new ArrayList<>();
            synchronized (monitor) {
                touch();
                Timer head = timers.peek();
                if (head == null || head.deadline > target) {
                    now = Math.max(now, target);
                    return;
                }
                now = Math.max(now, head.deadline);
                while (!timers.isEmpty() && timers.peek().deadline <= now) {
                    Timer t = timers.poll();
                    t.cancelled = true;
                    if (t.wait != null) {
                        parked.remove(t.wait); // woken by the clock: no longer waiting on it
                        woken.put(t.wait, System.nanoTime());
                    }
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
            t.wait.lock().lock();
            try {
                t.wait.cond().signalAll();
            } finally {
                t.wait.lock().unlock();
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

    /**
     * How many threads are parked on this clock now: threads inside {@link #awaitNanos} that the clock has not
     * woken. A thread parked anywhere else (a latch, a lock, a plain condition) is not counted, and one whose
     * deadline an advance has passed stops counting at once, before it even runs again.
     */
    public int waiters() {
        synchronized (monitor) {
            return parked.size();
        }
    }

    /** The waits counted by {@link #waiters()}, earliest deadline first. */
    public List<ParkedWait> parkedWaits() {
        synchronized (monitor) {
            return parked.stream().map(Wait::view)
                    .sorted(Comparator.comparingLong(ParkedWait::deadline)).toList();
        }
    }

    /**
     * Blocks (in real time, at most {@code realTimeout}) until at least {@code count} threads are parked on this
     * clock ({@link #waiters()}). This is how a test knows a blocking call has reached its wait before it advances
     * time.
     */
    public void awaitWaiters(int count, Duration realTimeout) throws InterruptedException, TimeoutException {
        long end = System.nanoTime() + realTimeout.toNanos();
        synchronized (monitor) {
            while (parked.size() < count) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException(
                            parked.size() + " of " + count + " threads waiting on the virtual clock");
                }
                monitor.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    // ---- auto-advancing mode

    /** What {@link #autoAdvance} answers: closing it ends this caller's claim on the mode. */
    public interface AutoMode extends AutoCloseable {
        @Override
        void close();
    }

    /** Which threads must all be parked before an auto-advancing clock jumps. */
    public enum Watch {
        /** The threads that have waited on the clock, and the one that turned the mode on. */
        CLOCK_USERS,
        /**
         * Those, and every platform thread of the caller's thread group: a thread the test has just started, which
         * has not reached the clock yet, holds the clock back while it runs.
         */
        THREAD_GROUP
    }

    /**
     * {@link #autoAdvance(Duration, Watch, Consumer)} with the {@link #DEFAULT_QUIET} period, watching the caller's
     * thread group, and no observer.
     */
    public AutoMode autoAdvance() {
        return autoAdvance(DEFAULT_QUIET, Watch.THREAD_GROUP, waits -> { });
    }

    /**
     * Makes the clock advance by itself until the answer is closed (nested calls stack; the mode ends with the last
     * close, and the first call's settings hold): whenever every watched thread has been parked (waiting, blocked,
     * or in a native method such as the kernel's wait for readiness) for {@code quiet}, with nothing touching the
     * clock, it jumps to the next deadline. {@code beforeJump} sees, on the driver thread, the waits a jump is about
     * to end. Threads outside what is watched, such as a kernel's own I/O, are not waited for: use this mode where
     * a test's work happens on its own threads.
     */
    public AutoMode autoAdvance(Duration quiet, Watch watch, Consumer<List<ParkedWait>> beforeJump) {
        AutoAdvance started;
        synchronized (monitor) {
            users.add(Thread.currentThread());
            autoUsers++;
            if (auto != null) {
                started = null;
            } else {
                auto = new AutoAdvance(this, quiet,
                        watch == Watch.THREAD_GROUP ? Thread.currentThread().getThreadGroup() : null, beforeJump);
                started = auto;
            }
        }
        if (started != null) {
            started.start();
        }
        boolean[] closed = {false};
        return () -> {
            AutoAdvance stopping = null;
            synchronized (monitor) {
                if (closed[0]) {
                    return;
                }
                closed[0] = true;
                if (--autoUsers == 0) {
                    stopping = auto;
                    auto = null;
                }
            }
            if (stopping != null) {
                stopping.stop();
            }
        };
    }

    /** Whether the clock advances by itself now. */
    public boolean isAutoAdvancing() {
        synchronized (monitor) {
            return auto != null;
        }
    }

    private void touch() {
        activity++;
        monitor.notifyAll();
    }

    void wakeDriver() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /** Waits until a timer is pending (or {@code stop}); answers the activity count seen then. */
    long awaitPendingTimer(BooleanSupplier stop) throws InterruptedException {
        synchronized (monitor) {
            while (timers.isEmpty() && !stop.getAsBoolean()) {
                monitor.wait();
            }
            return activity;
        }
    }

    /** Waits {@code quietNanos} of real time; true when nothing touched the clock meanwhile. */
    boolean quietSince(long seen, long quietNanos, BooleanSupplier stop) throws InterruptedException {
        long end = System.nanoTime() + quietNanos;
        synchronized (monitor) {
            while (activity == seen && !stop.getAsBoolean()) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                monitor.wait(Math.max(1, left / 1_000_000));
            }
            return false;
        }
    }

    /** The watched threads: the clock's users and, given a group, its platform threads but the caller (the driver). */
    List<Thread> watched(ThreadGroup group) {
        List<Thread> all = new ArrayList<>();
        synchronized (monitor) {
            users.removeIf(t -> t.getState() == Thread.State.TERMINATED);
            all.addAll(users);
        }
        if (group != null) {
            Thread[] members = new Thread[group.activeCount() + 16];
            int n = group.enumerate(members, true);
            for (int i = 0; i < n; i++) {
                if (members[i] != Thread.currentThread() && !all.contains(members[i])) {
                    all.add(members[i]);
                }
            }
        }
        return all;
    }

    /**
     * Whether a thread whose wait the clock ended may still run before it leaves {@link #awaitNanos}: its lock is
     * free (it needs only a processor, which a loaded machine may not give it within a quiet period), or it holds
     * that lock itself on its way out. One queued for a lock another thread holds is blocked, as the holder decides;
     * for a lock other than a {@link ReentrantLock} that cannot be told, so it counts for {@link #WOKEN_BOUND}.
     */
    private boolean aWokenWaitMayRun() {
        long realNow = System.nanoTime();
        woken.entrySet().removeIf(e -> !e.getKey().thread().isAlive());
        for (Map.Entry<Wait, Long> e : woken.entrySet()) {
            Wait w = e.getKey();
            if (w.lock() instanceof ReentrantLock rl
                    ? !(rl.isLocked() && rl.hasQueuedThread(w.thread()))
                    : realNow - e.getValue() < WOKEN_BOUND.toNanos()) {
                return true;
            }
        }
        return false;
    }

    /** How many auto-mode jumps a woken thread that had not run yet held back. */
    long heldBackJumps() {
        synchronized (monitor) {
            return heldBackJumps;
        }
    }

    /** Jumps to the next deadline, unless the clock was touched since {@code seen} or a woken thread may still run. */
    void jumpToNextDeadline(long seen, Consumer<List<ParkedWait>> beforeJump) {
        if (!advancing.tryLock()) {
            return; // somebody advances by hand right now
        }
        try {
            long target;
            List<ParkedWait> ending;
            synchronized (monitor) {
                Timer head = timers.peek();
                if (activity != seen || head == null) {
                    return;
                }
                if (aWokenWaitMayRun()) {
                    heldBackJumps++;
                    return;
                }
                target = head.deadline;
                ending = parked.stream().filter(w -> w.deadline() <= target).map(Wait::view).toList();
            }
            if (!ending.isEmpty()) {
                beforeJump.accept(ending);
            }
            advanceTo(target);
        } finally {
            advancing.unlock();
        }
    }
}
