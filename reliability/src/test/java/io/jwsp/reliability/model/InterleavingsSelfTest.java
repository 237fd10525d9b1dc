package io.jwsp.reliability.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The checker must catch what it is there for: a counter whose read and write are not atomic. */
class InterleavingsSelfTest {
    static final class RacyCounter {
        volatile int value;

        String increment() {
            int v = value;
            Thread.yield(); // widen the window a real lost update needs
            value = v + 1;
            return "done";
        }
    }

    @Test
    void checker_findsALostUpdate() {
        Interleavings.Op<RacyCounter> inc = new Interleavings.Op<>("increment", RacyCounter::increment);
        Interleavings<RacyCounter> checker = new Interleavings<>(RacyCounter::new, c -> "value=" + c.value,
                List.of(inc));
        AssertionError e = assertThrows(AssertionError.class,
                () -> checker.check(List.of(List.of(inc, inc), List.of(inc, inc)), 3L, 5_000));
        assertTrue(e.getMessage().contains("not sequentially consistent"), e.getMessage());
    }

    @Test
    void checker_passesAnAtomicCounter() {
        Interleavings.Op<AtomicInteger> inc = new Interleavings.Op<>("increment", a -> {
            a.incrementAndGet();
            return "done";
        });
        Interleavings<AtomicInteger> checker = new Interleavings<>(AtomicInteger::new, a -> "value=" + a.get(),
                List.of(inc));
        assertTrue(checker.check(List.of(List.of(inc, inc), List.of(inc, inc)), 3L, 500) == 500);
    }
}
