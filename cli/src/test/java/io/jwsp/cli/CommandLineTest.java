package io.jwsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line parses and validates before anything runs: usage errors are exit 2 with a message. */
class CommandLineTest {

    @Test
    void noCommand_namesTheCommands_andPointsToHelp_exit2() {
        CliRun r = CliRun.of();
        assertEquals(ExitCode.USAGE, r.exit());
        assertTrue(r.err().contains("name a command: catalog"), r.err());
        assertTrue(r.err().contains("Try 'jwsp --help'"), r.err());
        assertFalse(r.err().contains("Usage:"), "a usage error is not the whole help: " + r.err());
    }

    @Test
    void help_listsEveryCommand_exit0() {
        CliRun r = CliRun.of("--help");
        assertEquals(ExitCode.OK, r.exit());
        for (String c : new String[] {"catalog", "close-matrix", "trace", "listen", "send", "selftest"}) {
            assertTrue(r.out().contains(c), c + " missing from: " + r.out());
        }
        assertTrue(r.out().contains("Exit status"), r.out());
    }

    @ParameterizedTest(name = "{0} --help")
    @CsvSource({"catalog", "close-matrix", "trace", "listen", "send", "selftest"})
    void everyCommand_hasHelp_withJsonOption(String command) {
        CliRun r = CliRun.of(command, "--help");
        assertEquals(ExitCode.OK, r.exit());
        assertTrue(r.out().contains("Usage: jwsp " + command), r.out());
        assertTrue(r.out().contains("--json"), command + " has no --json: " + r.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown command             | frobnicate",
        "unknown option              | catalog --frob",
        "send without --provider     | send --to 127.0.0.1:1 --bytes 1",
        "send without --bytes        | send --provider tcp --to 127.0.0.1:1",
        "send with a bad linger      | send --provider tcp --to 127.0.0.1:1 --bytes 1 --linger sometimes",
        "send with a linger too long | send --provider tcp --to 127.0.0.1:1 --bytes 1 --linger on:70000",
        "send with a bad shutdown    | send --provider tcp --to 127.0.0.1:1 --bytes 1 --shutdown sideways",
        "send with a bad byte count  | send --provider tcp --to 127.0.0.1:1 --bytes many",
        "listen without --bind       | listen --provider tcp",
        "trace without --row         | trace --provider loopback",
        "selftest with both sources  | selftest --provider loopback --jar x.jar",
        "selftest with no source     | selftest",
    })
    void parseErrors_areUsage_exit2(String what, String line) {
        CliRun r = CliRun.of(line.split(" "));
        assertEquals(ExitCode.USAGE, r.exit(), what + ": " + r.err());
        assertTrue(!r.err().isBlank(), what + ": no message");
        assertTrue(r.err().contains("--help' for more information."), what + ": " + r.err());
        assertFalse(r.err().contains("Usage:"), what + ": the error, not the whole help: " + r.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "an unknown provider         | send --provider nope --to 127.0.0.1:1 --bytes 1       | unknown provider 'nope'",
        "a negative byte count       | send --provider tcp --to 127.0.0.1:1 --bytes -1       | --bytes must be 0 or more",
        "an address that is a name   | send --provider tcp --to example.org:80 --bytes 1     | bad address",
        "a port out of range         | listen --provider tcp --bind 127.0.0.1:70000          | bad address",
        "an unknown matrix provider  | close-matrix --provider nope                          | unknown provider 'nope'",
        "an unknown matrix row       | close-matrix --provider loopback --row 99             | unknown row '99'",
        "an unknown trace row        | trace --provider loopback --row sideways              | unknown row 'sideways'",
        "a setting without a value   | catalog --set irda.baud                               | --set expects KEY=VALUE",
        "a jar that does not exist   | selftest --jar /nonexistent/provider.jar              | no such jar",
        "loopback across processes   | listen --provider loopback --bind 127.0.0.1:0         | cannot cross processes",
    })
    void validationErrors_areUsage_exit2_withAMessage(String what, String line, String message) {
        CliRun r = CliRun.of(line.trim().split("\\s+"));
        assertEquals(ExitCode.USAGE, r.exit(), what + ": " + r.err());
        assertTrue(r.err().contains(message), what + ": " + r.err());
    }

    @Test
    void connectionRefused_isExit3_withTheWsaError() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        // Nobody listens on a port that was just released on 127.0.0.1.
        CliRun r = CliRun.of("send", "--provider", "tcp", "--to", "127.0.0.1:" + port, "--bytes", "1");
        assertEquals(ExitCode.CONNECTION, r.exit(), r.err());
        assertTrue(r.err().contains("WSAECONNREFUSED"), r.err());
    }
}
