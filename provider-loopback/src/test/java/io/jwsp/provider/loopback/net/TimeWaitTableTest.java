package io.jwsp.provider.loopback.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.addr.InetSockAddr;
import org.junit.jupiter.api.Test;

/** TIME_WAIT entries live exactly until their deadline, whatever order they entered and expire in. */
class TimeWaitTableTest {
    private static final InetSockAddr SERVER = InetSockAddr.loopback4(80);

    @Test
    void entry_livesUntilItsDeadline_thenIsGone() {
        TimeWaitTable t = new TimeWaitTable();
        t.enter(InetSockAddr.loopback4(5000), SERVER, 100, 50);
        assertTrue(t.contains(InetSockAddr.loopback4(5000), SERVER, 149));
        assertFalse(t.contains(InetSockAddr.loopback4(5000), SERVER, 150));
        assertEquals(0, t.size(150));
    }

    @Test
    void churn_keepsOnlyTheLiveEntries() {
        TimeWaitTable t = new TimeWaitTable();
        long hold = 1_000;
        for (int i = 0; i < 100_000; i++) {
            t.enter(InetSockAddr.loopback4(1024 + i % 60_000), SERVER, i, hold);
        }
        assertEquals(999, t.size(100_000), "entered at 99,001..99,999, each held 1,000, expiring after 100,000");
        assertTrue(t.contains(InetSockAddr.loopback4(1024 + 99_999 % 60_000), SERVER, 100_000));
        assertFalse(t.contains(InetSockAddr.loopback4(1024 + 98_999 % 60_000), SERVER, 100_000));
    }

    @Test
    void reentering_movesTheDeadline_andAShorterHoldBehindALongerOneStillExpiresOnTime() {
        TimeWaitTable t = new TimeWaitTable();
        InetSockAddr a = InetSockAddr.loopback4(5001);
        InetSockAddr b = InetSockAddr.loopback4(5002);
        t.enter(a, SERVER, 0, 100);
        t.enter(b, SERVER, 10, 10); // expires at 20, behind a (100) in entry order
        t.enter(a, SERVER, 50, 100); // now expires at 150
        assertEquals(1, t.size(30), "b expired at 20 although it entered after a");
        assertTrue(t.contains(a, SERVER, 120));
        assertFalse(t.contains(a, SERVER, 150));
    }
}
