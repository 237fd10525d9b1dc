package io.jwsp.cli.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.cli.ExitCode;
import io.jwsp.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code jwsp selftest}: the TCK outside Maven, on a shipped provider or a jar. */
@Timeout(120)
class SelftestCommandTest {

    private static String[] run(int expected, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        assertEquals(expected, code, err.toString() + out);
        return new String[] {out.toString(), err.toString()};
    }

    @Test
    void loopback_closeTableCases_pass_andTheSummaryCountsThem() {
        String out = run(ExitCode.OK, "selftest", "--provider", "loopback", "--only", "closesocket_linger",
                "--verbose")[0];
        assertTrue(out.contains("PASSED"), out);
        assertTrue(out.contains("loopback: required "), out);
        assertTrue(out.contains("conformant"), out);
    }

    @Test
    void json_listsCasesWithLevelAndStatus() {
        String out = run(ExitCode.OK, "selftest", "--provider", "loopback", "--only", "lingerZero", "--json")[0];
        assertTrue(out.contains("\"conformant\": true"), out);
        assertTrue(out.contains("\"level\": \"required\""), out);
        assertTrue(out.contains("\"status\": \"passed\""), out);
    }

    @Test
    void onlyMatchingNothing_isAFailure() {
        String err = run(ExitCode.FAILURE, "selftest", "--provider", "loopback", "--only", "no-such-case")[1];
        assertTrue(err.contains("no TCK case ran"), err);
    }

    @Test
    void aThirdPartyJar_isFoundByItsServicesFile_andRunsTheTck() throws Exception {
        // provider-sample stands for a third party's jar (or classes directory, in a reactor build).
        Path jar = Path.of(Class.forName("io.jwsp.provider.sample.SampleProviderFactory")
                .getProtectionDomain().getCodeSource().getLocation().toURI());
        String out = run(ExitCode.OK, "selftest", "--jar", jar.toString(), "--listen", "", "--no-time-wait",
                "--only", "closesocket_linger")[0];
        assertTrue(out.contains("sample: required "), out);
        assertTrue(out.contains("conformant"), out);
    }

    @Test
    void aJarWithoutProvider_isAnEnvironmentError(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("empty.jar");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar))) {
            j.flush();
        }
        String err = run(ExitCode.ENVIRONMENT, "selftest", "--jar", jar.toString())[1];
        assertTrue(err.contains("no io.jwsp.spi.WspProviderFactory registered"), err);
    }
}
