package io.jwsp.spi.kit.wait;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * An optional brief spin before a blocking call parks, for a medium where the wake-up costs more than the wait it
 * avoids (an in-memory transport). Called with {@code lock} held.
 */
@FunctionalInterface
public interface SpinBeforePark {
    /** Never spins. */
    SpinBeforePark NONE = (lock, condition) -> false;

    /** Answers true when a signal arrived while spinning (the caller re-checks instead of parking). */
    boolean spinForSignal(Lock lock, Condition condition);
}
