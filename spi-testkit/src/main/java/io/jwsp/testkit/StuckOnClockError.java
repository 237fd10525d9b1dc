package io.jwsp.testkit;

import java.util.List;

/**
 * A test ended while calls were still parked on its virtual clock, which nobody would advance again: the clean-up
 * forced them by moving the clock past their deadlines rather than wait forever. An {@link AssertionError}, so the
 * test fails; when it had failed already, JUnit reports the original failure with this one suppressed beneath it.
 */
public final class StuckOnClockError extends AssertionError {
    private final List<String> waits;

    public StuckOnClockError(List<String> waits, int leakedHandles) {
        super(String.join("; ", waits) + "; the clean-up forced "
                + (waits.size() == 1 ? "it" : "them") + " by advancing the virtual clock"
                + (leakedHandles > 0 ? " (" + leakedHandles + " handle(s) were still open then)" : ""));
        this.waits = List.copyOf(waits);
    }

    /** One line per forced wait, such as "a close is still waiting on the virtual clock (linger 30 s)". */
    public List<String> waits() {
        return waits;
    }
}
