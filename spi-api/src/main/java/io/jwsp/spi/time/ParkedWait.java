package io.jwsp.spi.time;

import java.time.Duration;

/**
 * A thread parked in {@link VirtualClock#awaitNanos} that the clock has not woken yet.
 *
 * @param thread   the waiting thread
 * @param timeout  the time-out it asked for; {@code null} when it waits without one
 * @param deadline the clock's nanoTime at which the wait times out; {@code Long.MAX_VALUE} without a time-out
 */
public record ParkedWait(Thread thread, Duration timeout, long deadline) {
    /** Whether advancing the clock ends this wait (it has a time-out). */
    public boolean hasDeadline() {
        return timeout != null;
    }
}
