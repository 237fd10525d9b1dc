package io.jwsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A provider that cannot start says why in one line, with the exit status the cause calls for: a UDP port already
 * taken is 3 ("address in use"), a setting only startup can refuse is 2.
 */
class StartFailureTest {

    @Test
    void irdaOnATakenUdpPort_isExit3_oneLine() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String at = "127.0.0.1:" + taken.getLocalPort();
            CliRun r = bounded("listen", "--provider", "irda", "--bind", "x", "--set", "irda.udp.bind=" + at);
            assertEquals(ExitCode.CONNECTION, r.exit(), r.err());
            assertOneLine(r, "provider irda did not start: IrDA UDP medium on " + at + " failed to start: "
                    + "java.net.BindException");
        }
    }

    @Test
    void atmSwitchOnATakenUdpPort_isExit3_oneLine() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String at = "127.0.0.1:" + taken.getLocalPort();
            CliRun r = bounded("listen", "--provider", "atm", "--bind", "@0.1", "--set", "atm.transport=udp",
                    "--set", "atm.udp.role=switch", "--set", "atm.udp.signalling=" + at, "--set",
                    "atm.udp.cells=127.0.0.1:0");
            assertEquals(ExitCode.CONNECTION, r.exit(), r.err());
            assertOneLine(r, "provider atm did not start: atm: the network could not be built");
            assertTrue(r.err().contains("BindException"), r.err());
        }
    }

    /** 192.0.2.1 (TEST-NET-1) is refused before any socket is made: the carriage binds loopback addresses only. */
    @Test
    void irdaOffLoopback_isRefusedAtStartup_exit2() {
        CliRun r = bounded("listen", "--provider", "irda", "--bind", "x", "--set", "irda.udp.bind=192.0.2.1:5000");
        assertEquals(ExitCode.USAGE, r.exit(), r.err());
        assertTrue(r.err().startsWith("jwsp listen: provider irda did not start: "
                + "IrDA UDP medium on 192.0.2.1:5000 failed to start: java.lang.IllegalArgumentException: "
                + "the carriage binds loopback addresses only"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    /**
     * A provider that starts after all would leave {@code listen} blocked in accept: the run is bounded, so such a
     * regression fails here instead of hanging the build.
     */
    private static CliRun bounded(String... args) {
        return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CliRun.of(args),
                "the provider started and listen waited for a connection");
    }

    private static void assertOneLine(CliRun r, String text) {
        assertTrue(r.err().contains(text), r.err());
        assertFalse(r.err().contains("\tat "), "a stack trace: " + r.err());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
    }
}
