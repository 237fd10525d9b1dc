package io.jwsp.testkit;

import io.jwsp.spi.time.ParkedWait;
import java.time.Duration;

/** Says in a line what a wait left parked on a virtual clock was doing, for {@link StuckOnClockError}. */
final class StuckWait {
    private StuckWait() {
    }

    static String describe(ParkedWait wait) {
        String timeout = seconds(wait.timeout());
        if (isClose(wait.thread())) {
            return "a close is still waiting on the virtual clock (linger " + timeout + ")";
        }
        return "a call on thread '" + wait.thread().getName() + "' is still waiting on the virtual clock ("
                + timeout + " time-out)";
    }

    /** A closesocket on the thread's stack: the wait is a lingering close (the clock itself does not know). */
    private static boolean isClose(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getMethodName().equalsIgnoreCase("closesocket")) {
                return true;
            }
        }
        return false;
    }

    private static String seconds(Duration d) {
        if (d == null) {
            return "no";
        }
        return d.toNanos() % 1_000_000_000L == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
