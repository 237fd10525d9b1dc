package io.jwsp.spi.time;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The driver of a {@link VirtualClock} in auto-advancing mode: a daemon thread that, once every thread using the
 * clock has stayed parked (waiting, timed-waiting or blocked, none runnable) for a quiet period during which nothing
 * touched the clock, jumps the clock to its next deadline, as coroutine test dispatchers do. The quiet period is
 * measured in real time only to learn that the threads have settled; which deadline comes next, and so the order of
 * events, is the clock's alone.
 */
final class AutoAdvance {
    private final VirtualClock clock;
    private final long quietNanos;
    private final Consumer<List<ParkedWait>> beforeJump;
    private final Thread driver;
    private volatile boolean stopped;

    AutoAdvance(VirtualClock clock, Duration quiet, Consumer<List<ParkedWait>> beforeJump) {
        this.clock = clock;
        this.quietNanos = quiet.toNanos();
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

    private void drive() {
        try {
            while (!stopped) {
                long seen = clock.awaitPendingTimer(() -> stopped);
                if (stopped) {
                    return;
                }
                if (clock.quietSince(seen, quietNanos, () -> stopped) && clock.usersParked()) {
                    clock.jumpToNextDeadline(seen, beforeJump);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
