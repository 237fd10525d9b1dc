package io.jwsp.reliability.badinput;

import static org.quicktheories.QuickTheory.qt;

import io.jwsp.reliability.ProcessFootprint;
import io.jwsp.reliability.fixture.Medium;
import io.jwsp.reliability.fixture.RuntimeUnderTest;
import io.jwsp.reliability.fixture.WarmUp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of contract calls through the Winsock facade, with random handles (live, stale, never issued),
 * options (known and unknown level/optname, null and short raw buffers), lengths, buffers (null, empty, read-only,
 * direct) and states, against each base provider (WspResult's contract: never throw for a socket error; bad input is
 * a WsaError). Every answer is checked as it comes ({@link CallSequence}); after the last WSACleanup no handle is
 * open, and once the runtime is closed no thread and no file descriptor it made is left. A failure shrinks to a
 * short list of steps that prints as the calls it makes, with the seed that found it: replay it with
 * {@code -DQT_SEED=<seed>} (each run draws a new seed otherwise).
 */
class BadInputPropertiesTest {
    private static final Duration SETTLE = Duration.ofSeconds(10);

    private static final int TRIES = 300;
    private static final int MAX_STEPS = 30;

    @Test
    void required_loopback_everyAnswerIsASensibleResult() {
        check(Medium.LOOPBACK);
    }

    @Test
    void required_tcp_everyAnswerIsASensibleResult() {
        check(Medium.TCP);
    }

    @Test
    void required_irda_everyAnswerIsASensibleResult() {
        check(Medium.IRDA);
    }

    @Test
    void required_atm_everyAnswerIsASensibleResult() {
        check(Medium.ATM);
    }

    private static void check(Medium medium) {
        qt().withExamples(TRIES).forAll(Steps.sequences(MAX_STEPS)).checkAssert(steps -> runOn(medium, steps));
    }

    private static void runOn(Medium medium, List<Step> steps) {
        WarmUp.once(medium);
        ProcessFootprint before = ProcessFootprint.capture();
        try (RuntimeUnderTest rt = new RuntimeUnderTest(medium)) {
            CallSequence run = new CallSequence(rt);
            try {
                run.run(steps);
                run.cleanup();
            } catch (AssertionError e) {
                throw new AssertionError(medium + ": " + e.getMessage() + "\nafter the calls\n  " + run.transcript(),
                        e);
            }
        }
        awaitNothingLeft(before, medium + " after " + steps.size() + " calls");
    }

    static void awaitNothingLeft(ProcessFootprint before, String what) {
        String left = ProcessFootprint.awaitNothingLeftSince(before, SETTLE);
        if (!left.isEmpty()) {
            throw new AssertionError(what + ": left behind " + left);
        }
    }
}
