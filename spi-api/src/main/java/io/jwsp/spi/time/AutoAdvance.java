package io.jwsp.spi.time;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The driver of a {@link VirtualClock} in auto-advancing mode: a daemon thread that, once every watched thread
 * has stayed parked (waiting, timed-waiting, blocked, or runnable in the kernel without using CPU) for a quiet
 * period during which nothing touched the clock, jumps the clock to its next deadline, as coroutine test dispatchers
 * do. The quiet period is measured in real time only to learn that the threads have settled; which deadline comes
 * next, and so the order of events, is the clock's alone.
 */
final class AutoAdvance {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** A runnable thread that used less than this share of the quiet period's CPU is waiting in the kernel. */
    private static final long IDLE_CPU_FRACTION = 50;

    private final VirtualClock clock;
    private final long quietNanos;
    /** Whose platform threads must be parked too; {@code null}: the clock's users alone. */
    private final ThreadGroup group;
    private final Consumer<List<ParkedWait>> beforeJump;
    private final Thread driver;
    private volatile boolean stopped;

    AutoAdvance(VirtualClock clock, Duration quiet, ThreadGroup group, Consumer<List<ParkedWait>> beforeJump) {
        this.clock = clock;
        this.quietNanos = quiet.toNanos();
        this.group = group;
        this.beforeJump = beforeJump;
        this.driver = Thread.ofPlatform().daemon().name("jwsp-virtual-clock-auto-advance").unstarted(this::drive);
    }

    void start() {
        driver.start();
    }

    void stop() {
        stopped = true;
        clock.wakeDriver();
        if (Thread.currentThread() != driver) {
            try {
                driver.join(Duration.ofSeconds(10)); // it wakes at once; the bound only guards a stuck timer task
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Whether none of {@code threads} can run: each is waiting, timed-waiting, blocked or gone, or, runnable, sat
     * in the same native method at the start and at the end of the quiet period and used (almost) no CPU in it, as
     * a thread in the kernel's wait for I/O does. All three, because a loop calling a native method uses CPU, and
     * a runnable thread starved of CPU on a loaded machine may be caught in a short native call such as
     * {@code System.nanoTime} once, but hardly in the same one at both ends. A thread that has started since, or
     * whose CPU time cannot be read, counts as running.
     */
    private boolean allParked(List<Thread> threads, Map<Thread, Long> cpuBefore, Map<Thread, String> nativeBefore) {
        for (Thread t : threads) {
            Thread.State s = t.getState();
            if (s == Thread.State.NEW) {
                return false;
            }
            if (s == Thread.State.RUNNABLE) {
                Long before = cpuBefore.get(t);
                long now = cpuTime(t);
                String frame = nativeFrame(t);
                if (before == null || before < 0 || now < 0 || now - before > quietNanos / IDLE_CPU_FRACTION
                        || frame == null || !frame.equals(nativeBefore.get(t))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The native method a thread is in (class and method), or {@code null} when its top frame is Java code. */
    private static String nativeFrame(Thread t) {
        StackTraceElement[] stack = t.getStackTrace();
        return stack.length > 0 && stack[0].isNativeMethod()
                ? stack[0].getClassName() + "." + stack[0].getMethodName() : null;
    }

    private static Map<Thread, String> nativeFrames(List<Thread> threads) {
        Map<Thread, String> out = new HashMap<>();
        for (Thread t : threads) {
            String frame = t.getState() == Thread.State.RUNNABLE ? nativeFrame(t) : null;
            if (frame != null) {
                out.put(t, frame);
            }
        }
        return out;
    }

    private static Map<Thread, Long> cpuTimes(List<Thread> threads) {
        Map<Thread, Long> out = new HashMap<>();
        for (Thread t : threads) {
            out.put(t, cpuTime(t));
        }
        return out;
    }

    /** The thread's CPU time in nanoseconds; -1 when it cannot be read (a virtual thread, an unsupported JVM). */
    private static long cpuTime(Thread t) {
        return t.isVirtual() || !THREADS.isThreadCpuTimeSupported() ? -1 : THREADS.getThreadCpuTime(t.threadId());
    }

    private void drive() {
        try {
            while (!stopped) {
                long seen = clock.awaitPendingTimer(() -> stopped);
                if (stopped) {
                    return;
                }
                List<Thread> threads = clock.watched(group);
                Map<Thread, Long> cpuBefore = cpuTimes(threads);
                Map<Thread, String> nativeBefore = nativeFrames(threads);
                if (clock.quietSince(seen, quietNanos, () -> stopped)
                        && allParked(clock.watched(group), cpuBefore, nativeBefore)) {
                    clock.jumpToNextDeadline(seen, beforeJump);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
