package io.jwsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "A socket through the API" example, as written there, compiled as a module of its own and run on the
 * module path with no {@code --add-modules}: what an application that requires io.jwsp.runtime gets.
 */
class ReadmeModulePathTest {
    /** What the example needs on the module path: jwsp's modules and their dependencies, nothing else. */
    private static final List<String> NEEDED = List.of("spi-api", "spi-runtime", "provider-loopback", "guice-",
            "guava-", "failureaccess-", "jakarta.inject-api-", "aopalliance-", "slf4j-api-");

    @Test
    void apiExample_runsOnTheModulePath_withoutAddModules(@TempDir Path dir) throws IOException, InterruptedException {
        String block = javaBlockAfter(Files.readString(Path.of("..", "README.md")), "## A socket through the API");
        List<String> imports = block.lines().filter(l -> l.startsWith("import ")).toList();
        String body = block.lines().filter(l -> !l.startsWith("import ")).collect(Collectors.joining("\n"));
        Path src = dir.resolve("src/demo");
        Files.createDirectories(src.resolve("demo"));
        Files.writeString(src.resolve("module-info.java"),
                "module demo { requires io.jwsp.runtime; requires io.jwsp.provider.loopback; }\n");
        Files.writeString(src.resolve("demo/Main.java"), "package demo;\n" + String.join("\n", imports)
                + "\npublic class Main { public static void main(String[] args) {\n" + body + "\n} }\n");

        String modulePath = modulePath();
        Path out = dir.resolve("out");
        String compiled = run(tool("javac"), "-d", out.toString(), "--module-path", modulePath,
                "--module-source-path", dir.resolve("src").toString(), "--module", "demo");
        String printed = run(tool("java"), "--module-path", modulePath + File.pathSeparator + out,
                "-m", "demo/demo.Main");
        assertTrue(printed.contains("WSAECONNRESET (10054)"), printed);
        assertTrue(printed.contains("WSAENOTSOCK"), printed);
    }

    private static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    /** Runs a JDK tool to its end (a minute at most) and answers what it printed; a failure fails the test. */
    private static String run(String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("jwsp-readme", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command[0] + " did not finish in 60 s: " + Files.readString(log));
            }
            String text = Files.readString(log);
            assertEquals(0, p.exitValue(), command[0] + ": " + text);
            return text;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String javaBlockAfter(String readme, String heading) {
        int at = readme.indexOf(heading);
        int start = readme.indexOf("```java\n", at) + "```java\n".length();
        return readme.substring(start, readme.indexOf("```", start));
    }

    private static String modulePath() {
        List<String> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            String owner = entry.endsWith("classes") ? Path.of(entry).getParent().getParent().getFileName().toString()
                    : name;
            if (NEEDED.stream().anyMatch(owner::startsWith)
                    && Arrays.stream(new String[] {"test-classes"}).noneMatch(entry::endsWith)) {
                out.add(entry);
            }
        }
        return String.join(File.pathSeparator, out);
    }
}
