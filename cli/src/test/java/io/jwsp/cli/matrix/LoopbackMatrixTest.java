package io.jwsp.cli.matrix;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.cli.setup.ProviderDirectory;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every row of the close matrix on loopback (virtual clock): each cell as DESIGN.md's close/linger table and its
 * decisions say. N is 5 s of virtual time.
 */
@Timeout(60)
class LoopbackMatrixTest {

    private static RowResult run(CloseRow row) {
        RowResult r = new RowRun(ProviderDirectory.builtIn().require("loopback"), row, Map.of()).run();
        assertNull(r.error(), row + " did not run: " + r.error());
        assertTrue(r.virtualTime(), "loopback runs on the virtual clock");
        assertTrue(r.sent() > 0, "the row sent something");
        return r;
    }

    @Test
    void defaultClose_returnsAtOnce_graceful_peerGetsEverythingThenEof_fdClose_timeWait() {
        RowResult r = run(CloseRow.DEFAULT);
        assertAll(
                () -> assertEquals("0", r.close()),
                () -> assertEquals(0, r.waitedNanos(), "l_onoff=0 returns at once"),
                () -> assertEquals("GRACEFUL", r.closeType()),
                () -> assertEquals(r.sent(), r.peerBytes()),
                () -> assertEquals("EOF", r.peerEnd()),
                () -> assertTrue(r.fdClose(), "FD_CLOSE reaches the peer"),
                () -> assertNull(r.fdCloseError()),
                () -> assertEquals("yes", r.timeWait(), "a graceful active close enters TIME_WAIT"));
    }

    @Test
    void lingerZero_isHardClose_peerSeesWSAECONNRESET_noTimeWait() {
        RowResult r = run(CloseRow.LINGER_ZERO);
        assertAll(
                () -> assertEquals("0", r.close()),
                () -> assertEquals(0, r.waitedNanos()),
                () -> assertEquals("HARD", r.closeType()),
                () -> assertTrue(r.peerBytes() < r.sent(), "unsent data is lost"),
                () -> assertEquals("WSAECONNRESET", r.peerEnd()),
                () -> assertTrue(r.fdClose()),
                () -> assertEquals("WSAECONNRESET", r.fdCloseError()),
                () -> assertEquals("no", r.timeWait(), "a reset leaves no TIME_WAIT"));
    }

    @Test
    void lingerN_peerReads_waitsForDelivery_graceful_returns0() {
        RowResult r = run(CloseRow.LINGER_PEER_READS);
        assertAll(
                () -> assertEquals("0", r.close()),
                () -> assertTrue(r.waitedNanos() < 5_000_000_000L, "delivered before the time-out"),
                () -> assertEquals("GRACEFUL", r.closeType()),
                () -> assertEquals(r.sent(), r.peerBytes()),
                () -> assertEquals("EOF", r.peerEnd()),
                () -> assertTrue(r.fdClose()),
                () -> assertEquals("yes", r.timeWait()));
    }

    @Test
    void lingerN_peerStalled_waitsTheFullTimeOut_thenAbortive_returns0() {
        RowResult r = run(CloseRow.LINGER_PEER_STALLED);
        assertAll(
                () -> assertEquals("0", r.close(), "returns 0 even after the time-out"),
                () -> assertEquals(5_000_000_000L, r.waitedNanos(), "l_linger = 5 s of virtual time"),
                () -> assertEquals("HARD_AFTER_LINGER_TIMEOUT", r.closeType()),
                () -> assertTrue(r.peerBytes() < r.sent()),
                () -> assertEquals("WSAECONNRESET", r.peerEnd()),
                () -> assertEquals("no", r.timeWait()));
    }

    @Test
    void nonblockingLingerN_withDataQueued_isWSAEWOULDBLOCK_thenTheRetryLosesNothing() {
        RowResult r = run(CloseRow.NONBLOCKING_LINGER);
        assertAll(
                () -> assertEquals("WSAEWOULDBLOCK, then 0", r.close()),
                () -> assertEquals(0, r.waitedNanos(), "a nonblocking close never waits"),
                () -> assertEquals("GRACEFUL", r.closeType(), "the SO_DONTLINGER retry closes gracefully"),
                () -> assertEquals(r.sent(), r.peerBytes(), "WSAEWOULDBLOCK initiated nothing: no data lost"),
                () -> assertEquals("EOF", r.peerEnd()),
                () -> assertTrue(r.fdClose()));
    }

    @Test
    void shutdownSend_thenClose_graceful_peerEof() {
        RowResult r = run(CloseRow.SHUTDOWN_THEN_CLOSE);
        assertAll(
                () -> assertEquals("0", r.close()),
                () -> assertEquals("GRACEFUL", r.closeType()),
                () -> assertEquals(r.sent(), r.peerBytes()),
                () -> assertEquals("EOF", r.peerEnd()),
                () -> assertTrue(r.fdClose()),
                () -> assertEquals("yes", r.timeWait()));
    }

    @Test
    void sendThenCloseAtOnce_queuedDataStillDelivered_peerEof() {
        RowResult r = run(CloseRow.SEND_THEN_CLOSE);
        assertAll(
                () -> assertEquals("0", r.close()),
                () -> assertEquals(0, r.waitedNanos()),
                () -> assertEquals("GRACEFUL", r.closeType()),
                () -> assertEquals(r.sent(), r.peerBytes(), "queued data is still sent after l_onoff=0"),
                () -> assertEquals("EOF", r.peerEnd()),
                () -> assertTrue(r.fdClose()));
    }
}
