package io.jwsp.bench.scale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@link LoopbackScale} in a JVM of its own: its heap limit, its thread counts and its collections are the run's
 * alone (the bench's JVM has run JMH and more by then). The child prints {@code key=value} lines; progress and
 * the class histogram come back as lines too.
 */
public final class ForkedLoopbackScale {
    private static final String PROGRESS = "progress=";
    private static final String HISTOGRAM = "histogram=";

    private ForkedLoopbackScale() {
    }

    /**
     * Runs {@code connections} connections in a child JVM with heap limit {@code maxHeap} (e.g. {@code 5g}); each
     * phase bounded by {@code phaseBound}.
     */
    public static LoopbackScale.Result run(int connections, String maxHeap, Duration phaseBound,
                                           Consumer<String> progress) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap,
                "-cp", System.getProperty("java.class.path"), ForkedLoopbackScale.class.getName(),
                String.valueOf(connections), String.valueOf(phaseBound.toSeconds()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Map<String, String> figures = new HashMap<>();
        List<String> mismatches = new ArrayList<>();
        StringBuilder histogram = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(PROGRESS)) {
                    progress.accept(line.substring(PROGRESS.length()));
                } else if (line.startsWith(HISTOGRAM)) {
                    histogram.append(line.substring(HISTOGRAM.length())).append('\n');
                } else if (line.startsWith("mismatch=")) {
                    mismatches.add(line.substring("mismatch=".length()));
                } else if (line.indexOf('=') > 0) {
                    figures.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
                }
            }
        } finally {
            if (!child.waitFor(1, TimeUnit.MINUTES)) {
                child.destroyForcibly();
            }
        }
        if (!figures.containsKey("mismatches")) {
            throw new IllegalStateException("the loopback scale run (" + connections + " connections, -Xmx" + maxHeap
                    + ") ended without a result: exit " + child.exitValue());
        }
        return new LoopbackScale.Result(connections, number(figures, "heapBefore"), number(figures, "heapOpen"),
                number(figures, "heapClosed"),
                number(figures, "openMillis"), number(figures, "closeMillis"),
                (int) number(figures, "peakPlatformThreads"), (int) number(figures, "peakVirtualThreads"),
                number(figures, "collections"), number(figures, "collectionMillis"),
                (int) number(figures, "handlesOpenWhenIdle"), (int) number(figures, "handlesLeft"),
                (int) number(figures, "timeWaitEntered"), (int) number(figures, "gracefulCloses"),
                (int) number(figures, "lingerRanOut"),
                (int) number(figures, "mismatches"), byRow(figures), mismatches, histogram.toString());
    }

    private static Map<ScaleClose, Integer> byRow(Map<String, String> figures) {
        Map<ScaleClose, Integer> out = new EnumMap<>(ScaleClose.class);
        for (ScaleClose row : ScaleClose.values()) {
            out.put(row, (int) number(figures, LoopbackScale.ROW_MISMATCHES + row.id()));
        }
        return out;
    }

    private static long number(Map<String, String> figures, String key) {
        return Long.parseLong(figures.getOrDefault(key, "-1"));
    }

    /** The child: {@code <connections> <phase bound in seconds>}. */
    public static void main(String[] args) throws InterruptedException {
        LoopbackScale.Result r = LoopbackScale.run(Integer.parseInt(args[0]),
                Duration.ofSeconds(Long.parseLong(args[1])), true, p -> emit(PROGRESS + p));
        for (String line : r.histogram().split("\n")) {
            emit(HISTOGRAM + line);
        }
        emit(r.toLines());
    }

    @SuppressWarnings("java:S106") // the child's standard output is the channel to its parent
    private static void emit(String text) {
        System.out.println(text);
        System.out.flush();
    }
}
