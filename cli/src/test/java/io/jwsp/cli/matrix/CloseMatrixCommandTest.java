package io.jwsp.cli.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.cli.ExitCode;
import io.jwsp.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code jwsp close-matrix} as a command: the table, the JSON, the exit status. */
@Timeout(60)
class CloseMatrixCommandTest {

    private static String[] run(int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        assertEquals(expectedExit, code, err.toString() + out);
        return new String[] {out.toString(), err.toString()};
    }

    @Test
    void text_oneLinePerRow_withEveryColumn() {
        String out = run(ExitCode.OK, "close-matrix", "--provider", "loopback")[0];
        String header = out.lines().filter(l -> l.startsWith("PROVIDER")).findFirst().orElseThrow();
        for (String col : new String[] {"PROVIDER", "ROW", "CLOSE", "WAITED", "CLOSE TYPE", "PEER READ", "PEER END",
            "FD_CLOSE AT PEER", "TIME_WAIT"}) {
            assertTrue(header.contains(col), col + " missing: " + header);
        }
        assertEquals(CloseRow.values().length, out.lines().filter(l -> l.startsWith("loopback ")).count(), out);
        assertTrue(out.contains("virtual"), "the waited time says which clock: " + out);
    }

    @Test
    void json_hasEveryCellOfEveryRow() {
        String out = run(ExitCode.OK, "close-matrix", "--provider", "loopback", "--row", "linger0", "--row", "2",
                "--json")[0];
        assertTrue(out.startsWith("{\"providers\": [\"loopback\"], \"rows\": ["), out);
        assertTrue(out.contains("\"row\": \"linger0\""), out);
        for (String key : new String[] {"\"close\": \"0\"", "\"clock\": \"virtual\"", "\"closeType\": \"HARD\"",
            "\"peerEnd\": \"WSAECONNRESET\"", "\"fdCloseAtPeer\": true", "\"timeWait\": \"no\"", "\"failed\": 0"}) {
            assertTrue(out.contains(key), key + " missing: " + out);
        }
        assertEquals(1, out.split("\"row\": \"linger0\"", -1).length - 1, "--row linger0 and --row 2 are one row");
    }
}
