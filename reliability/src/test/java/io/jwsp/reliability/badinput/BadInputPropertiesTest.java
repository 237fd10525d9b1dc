package io.jwsp.reliability.badinput;

import io.jwsp.reliability.ProcessFootprint;
import io.jwsp.reliability.fixture.Medium;
import io.jwsp.reliability.fixture.RuntimeUnderTest;
import io.jwsp.reliability.fixture.WarmUp;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Random sequences of contract calls through the Winsock facade, with random handles (live, stale, never issued),
 * options (known and unknown level/optname, null and short raw buffers), lengths, buffers (null, empty, read-only,
 * direct) and states, against each base provider (WspResult's contract: never throw for a socket error; bad input is
 * a WsaError). Every answer is checked as it comes ({@link CallSequence}); after the last WSACleanup no handle is
 * open, and once the runtime is closed no thread and no file descriptor it made is left. A failure shrinks to a
 * short list of steps that prints as the calls it makes.
 */
class BadInputPropertiesTest {
    private static final Duration SETTLE = Duration.ofSeconds(10);

    @Provide
    Arbitrary<List<Step>> calls() {
        return Steps.any().list().ofMinSize(1).ofMaxSize(30);
    }

    @Property(tries = 300)
    void required_loopback_everyAnswerIsASensibleResult(@ForAll("calls") @Size(max = 30) List<Step> steps) {
        runOn(Medium.LOOPBACK, steps);
    }

    @Property(tries = 300)
    void required_tcp_everyAnswerIsASensibleResult(@ForAll("calls") @Size(max = 30) List<Step> steps) {
        runOn(Medium.TCP, steps);
    }

    @Property(tries = 300)
    void required_irda_everyAnswerIsASensibleResult(@ForAll("calls") @Size(max = 30) List<Step> steps) {
        runOn(Medium.IRDA, steps);
    }

    @Property(tries = 300)
    void required_atm_everyAnswerIsASensibleResult(@ForAll("calls") @Size(max = 30) List<Step> steps) {
        runOn(Medium.ATM, steps);
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
