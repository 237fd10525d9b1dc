package io.jwsp.cli.matrix;

import io.jwsp.runtime.Winsock;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.time.VirtualClock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * How a scenario lets time pass when nothing can move without it. On a virtual clock, time jumps to the next
 * timer and only then (so the run is deterministic and a 5-second linger costs microseconds); on the real clock
 * the scenario waits a few milliseconds for the watched sockets. Either way a row has a real-time budget.
 */
abstract sealed class Pace permits Pace.Virtual, Pace.Real {
    private final long budgetEndNanos;

    Pace(Duration budget) {
        budgetEndNanos = System.nanoTime() + budget.toNanos();
    }

    static Pace of(TimeSource clock, Winsock ws, Duration budget) {
        return clock instanceof VirtualClock v ? new Virtual(v, budget) : new Real(ws, budget);
    }

    abstract boolean isVirtual();

    /**
     * Lets time pass once. {@code readable}: sockets whose readability would end the wait early (real clock).
     *
     * @return false when nothing will ever happen again (a virtual clock with no timer left)
     */
    abstract boolean letTimePass(Set<Long> readable);

    /** How long to give a thread just woken to finish before time moves again, in real milliseconds. */
    abstract long settleMillis();

    /** How many threads wait on the clock now (0 on the real clock, where nobody counts). */
    abstract int waiters();

    /**
     * Waits (in real time) until a blocking call just started has either returned or parked on the virtual clock,
     * so time never moves before the call has begun: its waits then start at the same virtual instant every run.
     *
     * @param before {@link #waiters()} just before the call was started
     */
    abstract void awaitEntered(Blocking<?> call, int before, String what);

    void checkBudget(String waitingFor) {
        if (System.nanoTime() - budgetEndNanos > 0) {
            throw new RowFailure("gave up waiting for " + waitingFor + " (real-time budget spent)");
        }
    }

    static final class Virtual extends Pace {
        private final VirtualClock clock;

        Virtual(VirtualClock clock, Duration budget) {
            super(budget);
            this.clock = clock;
        }

        @Override
        boolean isVirtual() {
            return true;
        }

        @Override
        boolean letTimePass(Set<Long> readable) {
            long next = clock.nextDeadline();
            if (next < 0) {
                return false;
            }
            long now = clock.nanoTime();
            if (next > now) {
                clock.advanceNanos(next - now);
            } else {
                clock.runDue();
            }
            return true;
        }

        @Override
        long settleMillis() {
            return 2;
        }

        @Override
        int waiters() {
            return clock.waiters();
        }

        @Override
        void awaitEntered(Blocking<?> call, int before, String what) {
            while (!call.done() && clock.waiters() <= before) {
                checkBudget(what + " to start");
                LockSupport.parkNanos(50_000L);
            }
        }
    }

    static final class Real extends Pace {
        private static final Duration POLL = Duration.ofMillis(5);
        private final Winsock ws;

        Real(Winsock ws, Duration budget) {
            super(budget);
            this.ws = ws;
        }

        @Override
        boolean isVirtual() {
            return false;
        }

        @Override
        boolean letTimePass(Set<Long> readable) {
            if (readable.isEmpty() || !ws.select(readable, Set.of(), Set.of(), POLL).isOk()) {
                LockSupport.parkNanos(POLL.toNanos());
            }
            return true;
        }

        @Override
        long settleMillis() {
            return 5;
        }

        @Override
        int waiters() {
            return 0;
        }

        @Override
        void awaitEntered(Blocking<?> call, int before, String what) {
            // The real clock moves anyway: nothing to hold back.
        }
    }
}
