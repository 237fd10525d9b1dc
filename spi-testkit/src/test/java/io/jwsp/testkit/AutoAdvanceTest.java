package io.jwsp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.Winsock;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.time.VirtualClock;
import io.jwsp.testkit.fake.LingeringProviderFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code @JwspTest(autoAdvance = true)}: a 30 s linger passes with no awaitWaiters/advance in the test. */
class AutoAdvanceTest {
    @Test
    @JwspTest(providers = LingeringProviderFactory.class, autoAdvance = true)
    void aBlockingCloseWithA30sLingerReturnsAfter30VirtualSeconds(Winsock ws, VirtualClock clock) {
        assertTrue(clock.isAutoAdvancing());
        long s = ws.socket(AddressFamily.AF_INET, SocketType.SOCK_STREAM, 0).value();
        assertTrue(ws.setSockOpt(s, SocketOptions.SO_LINGER, Linger.of(30)).isOk());
        assertTrue(ws.closeSocket(s).isOk());
        assertEquals(Duration.ofSeconds(30).toNanos(), clock.nanoTime());
    }

    @Test
    @JwspTest(providers = LingeringProviderFactory.class)
    void theDefaultClockMovesOnlyByHand(VirtualClock clock) {
        assertFalse(clock.isAutoAdvancing());
    }
}
