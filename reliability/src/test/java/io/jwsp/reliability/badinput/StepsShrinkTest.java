package io.jwsp.reliability.badinput;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a failing bad-input property reports, shown on a property that fails on purpose with the same generators:
 * the seed that found it, and a falsifying sequence shrunk to the one step that matters.
 */
class StepsShrinkTest {
    private static final long SEED = 20261206L;

    private static boolean hasBigBacklog(List<Step> steps) {
        return steps.stream().anyMatch(s -> s instanceof Step.Listen l && l.backlog() > 100);
    }

    @Test
    void aFailureNamesItsSeedAndShrinksToOneStep() {
        AssertionError failure = assertThrows(AssertionError.class, () -> qt().withFixedSeed(SEED).withExamples(300)
                .forAll(Steps.sequences(30)).check(steps -> !hasBigBacklog(steps)));
        String report = failure.getMessage();
        assertTrue(report.contains("Seed was " + SEED), report);
        String smallest = report.substring(report.indexOf("Smallest found falsifying value(s) :-"));
        smallest = smallest.substring(0, smallest.indexOf('\n', smallest.indexOf('\n') + 1));
        assertTrue(smallest.matches("(?s).*\\{?\\[Listen\\[s=[^\\]]*], backlog=\\d+]]\\}?.*"), smallest);
    }
}
