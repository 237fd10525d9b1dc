package io.jwsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user meets first: the help, the version, the launcher, a provider of one's own, a connect that gives up. */
class CommandSurfaceTest {
    /** The sample provider's classes, standing in for a third party's jar ({@code --jar} takes a directory too). */
    private static final String SAMPLE = Path.of("..", "provider-sample", "target", "classes").toString();

    @Test
    void mainHelp_namesEveryShippedProvider() {
        CliRun r = CliRun.of("--help");
        assertEquals(ExitCode.OK, r.exit());
        for (String p : new String[] {"loopback", "tcp", "irda", "atm", "sample"}) {
            assertTrue(r.out().contains(p), p + " missing from: " + r.out());
        }
    }

    @Test
    void version_isThePomsOrSaysItIsASourceBuild() {
        CliRun r = CliRun.of("--version");
        assertEquals(ExitCode.OK, r.exit());
        assertTrue(r.out().startsWith("jwsp "), r.out());
    }

    @Test
    void catalog_takesAJar() {
        CliRun r = CliRun.of("catalog", "--jar", SAMPLE);
        assertEquals(ExitCode.OK, r.exit(), r.err());
        assertTrue(r.out().contains("jwsp sample stream"), r.out());
    }

    @Test
    void closeMatrix_withAJar_runsTheJarsProvider() {
        CliRun r = CliRun.of("close-matrix", "--jar", SAMPLE, "--row", "linger0", "--json");
        assertEquals(ExitCode.OK, r.exit(), r.err());
        assertTrue(r.out().contains("\"providers\": [\"sample\"]"), r.out());
    }

    @Test
    void trace_withAJarOfOneProvider_needsNoProviderName() {
        CliRun r = CliRun.of("trace", "--jar", SAMPLE, "--row", "linger0", "--json");
        assertEquals(ExitCode.OK, r.exit(), r.err());
        assertTrue(r.out().contains("\"provider\": \"sample\""), r.out());
    }

    @Test
    void trace_withoutProviderOrJar_isUsage() {
        CliRun r = CliRun.of("trace", "--row", "linger0");
        assertEquals(ExitCode.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("--provider NAME (or --jar PATH)"), r.err());
    }

    /** ATM with a switch that ignores SETUP: without the option connect waits for T303 (4 s, twice). */
    @Test
    void send_connectTimeout_givesUp_exit3() {
        CliRun r = CliRun.of("send", "--provider", "atm", "--to", "@1.1", "--bytes", "1", "--set",
                "atm.fault.signallingSilent=true", "--connect-timeout", "200");
        assertEquals(ExitCode.CONNECTION, r.exit(), r.err());
        assertTrue(r.err().contains("connect to @1.1 timed out after 200 ms"), r.err());
    }

    /** The launcher finds its checkout through a symlink on the PATH, not the symlink's directory. */
    @Test
    void launcher_resolvesASymlink(@TempDir Path bin) throws IOException, InterruptedException {
        Path launcher = Path.of("..", "jwsp").toRealPath();
        Path link = Files.createSymbolicLink(bin.resolve("jwsp"), launcher);
        ProcessBuilder pb = new ProcessBuilder(link.toString()).redirectErrorStream(true);
        pb.environment().put("JWSP_WHERE", "1");
        Process p = pb.start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the launcher did not answer");
        String where = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.exitValue(), where);
        assertEquals(launcher.getParent().toString(), where);
    }
}
