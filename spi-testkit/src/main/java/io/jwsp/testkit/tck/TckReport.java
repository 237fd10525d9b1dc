package io.jwsp.testkit.tck;

import java.time.Duration;
import java.util.List;

/** What a TCK run found: every case, and the counts by level and status. */
public record TckReport(String subject, List<TckCase> cases, Duration elapsed) {
    public TckReport {
        cases = List.copyOf(cases);
    }

    public long count(TckCase.Level level, TckCase.Status status) {
        return cases.stream().filter(c -> c.level() == level && c.status() == status).count();
    }

    /** Conformant: no required case failed (and at least one ran). */
    public boolean conformant() {
        return count(TckCase.Level.REQUIRED, TckCase.Status.FAILED) == 0
                && count(TckCase.Level.REQUIRED, TckCase.Status.PASSED) > 0;
    }

    public String summary() {
        return String.format("%s: required %d passed, %d failed, %d skipped; optional %d passed, %d failed, %d skipped"
                        + " (%d ms)", subject,
                count(TckCase.Level.REQUIRED, TckCase.Status.PASSED),
                count(TckCase.Level.REQUIRED, TckCase.Status.FAILED),
                count(TckCase.Level.REQUIRED, TckCase.Status.SKIPPED),
                count(TckCase.Level.OPTIONAL, TckCase.Status.PASSED),
                count(TckCase.Level.OPTIONAL, TckCase.Status.FAILED),
                count(TckCase.Level.OPTIONAL, TckCase.Status.SKIPPED),
                elapsed.toMillis());
    }
}
