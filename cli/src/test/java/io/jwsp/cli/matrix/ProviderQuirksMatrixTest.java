package io.jwsp.cli.matrix;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.cli.setup.ProviderDirectory;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The rows where the simulated providers' quirks show (DESIGN.md, "Provider quirks on top of the table"). */
@Timeout(60)
class ProviderQuirksMatrixTest {

    private static RowResult run(String provider, CloseRow row) {
        RowResult r = new RowRun(ProviderDirectory.builtIn().require(provider), row, Map.of()).run();
        assertNull(r.error(), provider + " " + row + " did not run: " + r.error());
        return r;
    }

    @Test
    void irda_hardClose_hasNoReset_peerSeesATruncatedStreamThenEof() {
        RowResult r = run("irda", CloseRow.LINGER_ZERO);
        assertAll(
                () -> assertEquals("HARD", r.closeType()),
                () -> assertTrue(r.peerBytes() < r.sent(), "the unsent tail is lost"),
                () -> assertEquals("EOF", r.peerEnd(), "IrDA has no RST"),
                () -> assertEquals("n/a", r.timeWait(), "IrDA has no TIME_WAIT"));
        assertTrue(r.frames().stream().noneMatch(f -> f.kind().contains("RST")), "no RST on an IrDA wire");
        assertTrue(r.frames().stream().anyMatch(f -> f.kind().startsWith("DISCONNECT")), "the end is a DISCONNECT");
    }

    @Test
    void irda_closeRightAfterSend_isDeferred_peerReadsEverythingThenEof() {
        RowResult r = run("irda", CloseRow.SEND_THEN_CLOSE);
        assertAll(
                () -> assertEquals("0", r.close()),
                () -> assertEquals(r.sent(), r.peerBytes(), "the disconnect waits for the data"),
                () -> assertEquals("EOF", r.peerEnd()),
                () -> assertTrue(r.fdClose()));
    }

    @Test
    void atm_closeRightAfterSend_releaseOvertakesTheData_peerSeesWSAEDISCON() {
        RowResult r = run("atm", CloseRow.SEND_THEN_CLOSE);
        assertAll(
                () -> assertEquals("0", r.close()),
                () -> assertTrue(r.peerBytes() < r.sent(), "RELEASE overtook the last data"),
                () -> assertEquals("WSAEDISCON", r.peerEnd()),
                () -> assertTrue(r.fdClose()));
        assertTrue(r.frames().stream().anyMatch(f -> f.kind().equals("RELEASE")), "RELEASE on the signalling path");
    }

    @Test
    void atm_afterThePeerHasReadEverything_theDefaultCloseLosesNothing() {
        RowResult r = run("atm", CloseRow.DEFAULT);
        assertAll(
                () -> assertEquals(r.sent(), r.peerBytes()),
                () -> assertEquals("WSAEDISCON", r.peerEnd()),
                () -> assertEquals("GRACEFUL", r.closeType()));
    }

    @Test
    void atm_hardAndGracefulClose_sendTheSameRelease() {
        RowResult hard = run("atm", CloseRow.LINGER_ZERO);
        RowResult graceful = run("atm", CloseRow.SEND_THEN_CLOSE);
        String hardRelease = hard.frames().stream().filter(f -> f.kind().equals("RELEASE")).findFirst().orElseThrow()
                .detail();
        String gracefulRelease = graceful.frames().stream().filter(f -> f.kind().equals("RELEASE")).findFirst()
                .orElseThrow().detail();
        assertEquals(gracefulRelease, hardRelease, "cause 16 either way");
        assertEquals("WSAEDISCON", hard.peerEnd());
    }
}
