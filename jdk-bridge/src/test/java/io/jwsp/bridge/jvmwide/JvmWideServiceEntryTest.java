package io.jwsp.bridge.jvmwide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * jwsp as the JVM's SelectorProvider, in a JVM of its own running an unchanged main: through the system property
 * (the README's command line), and through the opt-in jar's {@code META-INF/services} entry alone.
 */
class JvmWideServiceEntryTest {
    private static final Path SERVICE_ENTRY_ROOT = Path.of("src", "jvmwide");

    @Test
    void theSystemPropertyMakesJwspTheProvider() throws Exception {
        String out = run(System.getProperty("java.class.path"),
                "-Djava.nio.channels.spi.SelectorProvider=" + JvmWideSelectorProvider.class.getName(),
                "-Djwsp.provider=loopback");
        assertEquals(JvmWideSelectorProvider.class.getName() + " 2", out);
    }

    @Test
    void theServiceEntryAloneMakesJwspTheProvider() throws Exception {
        assertTrue(SERVICE_ENTRY_ROOT.resolve("META-INF/services/java.nio.channels.spi.SelectorProvider").toFile()
                .isFile());
        String cp = System.getProperty("java.class.path") + File.pathSeparator + SERVICE_ENTRY_ROOT.toAbsolutePath();
        assertEquals(JvmWideSelectorProvider.class.getName() + " 2", run(cp, "-Djwsp.provider=loopback"));
    }

    @Test
    void withoutEitherTheJdkProviderStays() throws Exception {
        String out = run(System.getProperty("java.class.path"));
        assertTrue(out.startsWith("sun.nio.ch."), out);
    }

    private static String run(String classPath, String... flags) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of("-cp", classPath, UnchangedMain.class.getName()));
        // stderr into the same pipe: one stream to drain, so the child never blocks on a full pipe
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the child JVM did not end within 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), out);
        return out.lines().reduce((a, b) -> b).orElse(""); // its last line is the answer
    }
}
