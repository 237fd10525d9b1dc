package io.jwsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.cli.settings.SettingsCheck;
import io.jwsp.cli.setup.ProviderDirectory;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --set} is checked against each provider's settings record before anything starts: an unknown provider or
 * key, or a value the record rejects, is exit 2 with one line naming it and the known keys, never a stack trace.
 */
class SettingsValidationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "irda, not a number        | irda.baud=abc                 | --set irda.baud=abc: irda rejects it",
        "irda, not an address      | irda.udp.bind=notanaddress    | --set irda.udp.bind=notanaddress: irda rejects it",
        "irda, a negative count    | irda.devices=-1               | --set irda.devices=-1: irda rejects it (a space needs a device)",
        "irda, out of range        | irda.window=9                 | IrLAP window is 1..7: 9",
        "atm, not a transport      | atm.transport=xyz             | atm.transport is inproc or udp, not xyz",
        "atm, not a number         | atm.devices=two               | --set atm.devices=two: atm rejects it",
        "loopback, negative        | loopback.sendBufferBytes=-3   | loopback.sendBufferBytes is 0..",
        "loopback, not a number    | loopback.timeWaitMillis=soon  | --set loopback.timeWaitMillis=soon: loopback rejects it",
        "tcp, not a number         | tcp.sndbuf=big                | --set tcp.sndbuf=big: tcp rejects it",
        "tcp, not a mode           | tcp.sendqueue=maybe           | tcp.sendqueue is kernel or unknown",
        "sample, not a number      | sample.bufferBytes=lots       | --set sample.bufferBytes=lots: sample rejects it",
        "the long prefix           | jwsp.irda.baud=abc            | --set jwsp.irda.baud=abc: irda rejects it (not a number: \"abc\")",
    })
    void aValueTheProviderRejects_isExit2_inOneLine(String what, String assignment, String message) {
        CliRun r = CliRun.of("catalog", "--set", assignment);
        assertEquals(ExitCode.USAGE, r.exit(), what + ": " + r.err());
        assertTrue(r.err().contains(message), what + ": " + r.err());
        assertFalse(r.err().contains("\tat "), what + ": a stack trace: " + r.err());
        assertEquals(2, r.err().lines().count(), what + ": the error and the pointer to --help: " + r.err());
    }

    /** Several settings and a check that spans them: every one is named, since any may be the culprit. */
    @Test
    void aCheckAcrossSettings_namesThemAll() {
        CliRun r = CliRun.of("catalog", "--set", "irda.window=9", "--set", "irda.sndbuf=100");
        assertEquals(ExitCode.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("--set irda.window=9, irda.sndbuf=100: irda rejects these settings (IrLAP window "
                + "is 1..7: 9)"), r.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "loopback | loopback.nosuch=1 | loopback.timeWaitMillis",
        "tcp      | tcp.nosuch=1      | tcp.sndbuf",
        "irda     | irda.bauds=9600   | irda.baud",
        "atm      | atm.nosuch=1      | atm.transport",
        "sample   | sample.nosuch=1   | sample.bufferBytes",
        "trace    | trace.nosuch=1    | trace.payload",
    })
    void anUnknownKey_isExit2_listingThatProvidersKeys(String provider, String assignment, String aKnownKey) {
        CliRun r = CliRun.of("catalog", "--set", assignment);
        assertEquals(ExitCode.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains(provider + " has no setting"), r.err());
        assertTrue(r.err().contains(provider + "'s settings: ") && r.err().contains(aKnownKey), r.err());
    }

    @Test
    void anUnknownPrefix_isExit2_listingEveryProvidersKeys() {
        CliRun r = CliRun.of("close-matrix", "--set", "foo.bar=1");
        assertEquals(ExitCode.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("no provider or layer is named 'foo'"), r.err());
        for (String key : new String[] {"loopback.timeWaitMillis", "tcp.sndbuf", "irda.baud", "atm.transport",
            "sample.bufferBytes"}) {
            assertTrue(r.err().contains(key), key + " missing: " + r.err());
        }
    }

    @Test
    void aKeyWithoutPrefix_isAnUnknownPrefix() {
        CliRun r = CliRun.of("catalog", "--set", "baud=9600");
        assertEquals(ExitCode.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("no provider or layer is named 'baud'"), r.err());
    }

    @Test
    void goodSettings_pass() {
        CliRun r = CliRun.of("catalog", "--set", "irda.baud=9600", "--set", "jwsp.loopback.spinMicros=0",
                "--set", "atm.timing=immediate", "--set", "atm.cellIntervalNanos=10", "--set", "tcp.sndbuf=8192");
        assertEquals(ExitCode.OK, r.exit(), r.err());
    }

    /** The keys are what each settings record reads: a key a record reads only for some values still counts. */
    @Test
    void knownKeys_comeFromWhatEachSettingsRecordReads() {
        Map<String, Set<String>> keys = SettingsCheck.knownKeys(ProviderDirectory.builtIn());
        assertTrue(keys.get("irda").containsAll(Set.of("irda.baud", "irda.udp.bind", "irda.stallMs")), keys.toString());
        assertTrue(keys.get("atm").containsAll(Set.of("atm.transport", "atm.udp.role", "atm.t303Millis")),
                keys.toString());
        assertTrue(keys.get("loopback").contains("loopback.spinMicros"), keys.toString());
        assertFalse(keys.get("irda").contains("irda.irda.baud"), "a record's own prefixed alias is the same key");
    }
}
