package io.jwsp.cli.wireshark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the distribution's tshark on a capture and answers the decoded fields, one map per packet. */
final class Tshark {
    private static final long DEADLINE_SECONDS = 120;

    private Tshark() {
    }

    /** Why tshark cannot be used here, or {@code null} when it can. */
    static String unavailable() {
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "tshark --version did not answer";
            }
            return p.exitValue() == 0 ? null : "tshark --version exited " + p.exitValue();
        } catch (IOException e) {
            return "tshark is not installed (apt-get install tshark; .ci/run installs it): " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * The fields of every packet: a field that occurs several times in a packet is joined with ','; an absent one
     * is the empty string. {@code _ws.malformed} and {@code _ws.expert.severity} are always included.
     */
    static List<Map<String, String>> fields(Path capture, String... fields) {
        List<String> names = new ArrayList<>(List.of("frame.number", "_ws.malformed", "_ws.expert.severity",
                "_ws.expert.message"));
        names.addAll(List.of(fields));
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", capture.toString(), "-T", "fields",
                "-E", "separator=\t", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String n : names) {
            cmd.add("-e");
            cmd.add(n);
        }
        String out = run(cmd);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                row.put(names.get(i), i < cols.length ? cols[i] : "");
            }
            rows.add(row);
        }
        return rows;
    }

    private static String run(List<String> cmd) {
        try {
            Path err = Files.createTempFile("tshark", ".err");
            try {
                Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("tshark did not finish within " + DEADLINE_SECONDS + " s");
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("tshark exited " + p.exitValue() + ": " + Files.readString(err));
                }
                return new String(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("tshark failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
