package io.jwsp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.jwsp.runtime.Winsock;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.time.VirtualClock;
import io.jwsp.testkit.fake.LingeringProviderFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * A test that ends while a lingering close is parked on its virtual clock must still finish and report: the
 * clean-up closes every socket, and the parked closer holds the socket it must close, so a clean-up that waited on
 * the clock would never end (closesocket's page: a blocking close with a linger time-out waits until the data is
 * sent or the time-out expires). The fixtures run as inner tests through the JUnit Platform; the outer bound only
 * turns a regression into a failure instead of a hung build.
 */
class CleanupNeverHangsTest {
    /** Far above a passing run (well under a second); reached only if the clean-up hangs again. */
    private static final Duration HANG = Duration.ofSeconds(60);
    private static final String OWN_FAILURE = "the test's own failure";
    private static final String STUCK_CLOSE = "a close is still waiting on the virtual clock (linger 30 s)";

    /** Starts a blocking close with a 30 s linger on another thread and answers once it is parked on the clock. */
    static void leaveALingeringCloseParked(Winsock ws, VirtualClock clock) throws Exception {
        long s = ws.socket(AddressFamily.AF_INET, SocketType.SOCK_STREAM, 0).value();
        assertTrue(ws.setSockOpt(s, SocketOptions.SO_LINGER, Linger.of(30)).isOk());
        Thread.ofPlatform().daemon().name("lingering-closer").start(() -> ws.closeSocket(s));
        clock.awaitWaiters(1, Duration.ofSeconds(20));
    }

    // ---- fixtures (nested static classes: surefire does not run them on its own)

    @JwspTest(providers = LingeringProviderFactory.class)
    static class FailsWhileACloseLingers {
        @Test
        void fails(Winsock ws, VirtualClock clock) throws Exception {
            leaveALingeringCloseParked(ws, clock);
            fail(OWN_FAILURE);
        }
    }

    @JwspTest(providers = LingeringProviderFactory.class)
    static class PassesWhileACloseLingers {
        @Test
        void passes(Winsock ws, VirtualClock clock) throws Exception {
            leaveALingeringCloseParked(ws, clock);
        }
    }

    private static List<Event> finishedTests(Class<?> fixture) {
        return assertTimeoutPreemptively(HANG, () -> EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(fixture)).execute().testEvents().finished().list(),
                "the inner test hung in its clean-up");
    }

    private static Throwable failureOf(Event finished) {
        TestExecutionResult result = finished.getRequiredPayload(TestExecutionResult.class);
        assertEquals(TestExecutionResult.Status.FAILED, result.getStatus());
        return result.getThrowable().orElseThrow();
    }

    @Test
    void required_aFailingTestWithALingeringCloseParked_finishesAndReportsItsOwnFailure() {
        List<Event> finished = finishedTests(FailsWhileACloseLingers.class);
        assertEquals(1, finished.size());
        Throwable failure = failureOf(finished.getFirst());
        assertEquals(OWN_FAILURE, failure.getMessage(), "the original failure surfaces first");
        StuckOnClockError stuck = Arrays.stream(failure.getSuppressed()).filter(StuckOnClockError.class::isInstance)
                .map(StuckOnClockError.class::cast).findFirst().orElseThrow(() -> new AssertionError(
                        "no report of the forced close among " + Arrays.toString(failure.getSuppressed())));
        assertEquals(List.of(STUCK_CLOSE), stuck.waits());
    }

    @Test
    void required_aPassingTestThatLeavesALingeringCloseParked_failsSayingSo() {
        List<Event> finished = finishedTests(PassesWhileACloseLingers.class);
        assertEquals(1, finished.size());
        StuckOnClockError stuck = assertInstanceOf(StuckOnClockError.class, failureOf(finished.getFirst()));
        assertTrue(stuck.getMessage().startsWith(STUCK_CLOSE), stuck.getMessage());
    }
}
