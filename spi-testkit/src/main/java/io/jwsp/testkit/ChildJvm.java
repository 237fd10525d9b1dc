package io.jwsp.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A second JVM for tests that cross a process boundary: the same {@code java} and class path as the test, one main
 * class, its standard output read line by line (every wait has a deadline), its standard error kept in a file the
 * failure message names, and {@code kill -9} as {@link Process#destroyForcibly()}.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread.ofPlatform().daemon().name("child-jvm-stdout-" + process.pid()).start(this::pump);
    }

    /** Starts {@code main} with {@code args} in a new JVM. */
    public static ChildJvm start(Class<?> main, String... args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile("jwsp-child-" + main.getSimpleName() + "-", ".log");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        return new ChildJvm(p, err);
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(stdout failed: " + e + ")");
        }
    }

    /** The first line (from now on) that {@code match} accepts; fails the test if none comes within {@code timeout}. */
    public String awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("the child JVM printed no matching line within " + timeout + "; it printed "
                        + seen + "; alive " + process.isAlive() + "; stderr in " + stderr);
            }
            seen.add(line);
            if (match.test(line)) {
                return line;
            }
        }
    }

    /** Waits for the process to end; its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the child JVM did not exit within " + timeout + "; stderr in " + stderr);
        }
        return process.exitValue();
    }

    /** {@code kill -9}: the process ends without running anything of its own. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public Path stderr() {
        return stderr;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
