package io.jwsp.spi.close;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jwsp.spi.option.Linger;
import org.junit.jupiter.api.Test;

/** Each row of the closesocket table ("Remarks" of the seeds) as one decision. */
class CloseTableTest {

    @Test
    void soDontLinger_returnsAtOnce_gracefulInBackground_blockingOrNot_neverWouldBlock() {
        for (boolean nonBlocking : new boolean[] {false, true}) {
            for (boolean queued : new boolean[] {false, true}) {
                assertEquals(CloseOutcome.GRACEFUL_IN_BACKGROUND,
                        CloseTable.decide(Linger.DONT_LINGER, nonBlocking, queued, false));
            }
        }
    }

    @Test
    void dontLingerIgnoresTheInterval() {
        assertEquals(CloseOutcome.GRACEFUL_IN_BACKGROUND,
                CloseTable.decide(new Linger(false, 30), true, true, false));
    }

    @Test
    void lingerZero_isHardClose_blockingOrNot() {
        for (boolean nonBlocking : new boolean[] {false, true}) {
            assertEquals(CloseOutcome.ABORTIVE, CloseTable.decide(Linger.of(0), nonBlocking, true, false));
        }
    }

    @Test
    void lingerNonZero_blocking_withQueuedData_waits() {
        assertEquals(CloseOutcome.LINGER_WAIT, CloseTable.decide(Linger.of(5), false, true, false));
    }

    @Test
    void lingerNonZero_nonblocking_withQueuedData_isWouldBlock() {
        assertEquals(CloseOutcome.WOULD_BLOCK, CloseTable.decide(Linger.of(5), true, true, false));
    }

    @Test
    void lingerNonZero_nothingQueued_completesAtOnce() {
        assertEquals(CloseOutcome.GRACEFUL_NOW, CloseTable.decide(Linger.of(5), true, false, false));
        assertEquals(CloseOutcome.GRACEFUL_NOW, CloseTable.decide(Linger.of(5), false, false, false));
    }

    @Test
    void shutdownInitiatesClosure_soNonblockingLingerCloseNoLongerFails() {
        assertEquals(CloseOutcome.GRACEFUL_IN_BACKGROUND, CloseTable.decide(Linger.of(5), true, true, true));
    }

    @Test
    void soDontLingerFlipsOnOffOnly_theEarlierTimeoutComesBack() {
        Linger set = Linger.of(7);
        Linger dont = set.withDontLinger(true);
        assertEquals(new Linger(false, 7), dont);
        assertEquals(Linger.of(7), dont.withDontLinger(false));
    }
}
