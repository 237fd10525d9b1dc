package io.jwsp.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A benchmark and its anchor measured in alternating rounds within one fork: measurement iteration 0 is the
 * subject's, 1 the anchor's (round 1), 2 the anchor's, 3 the subject's (round 2), and so on; the round with the
 * median ratio is reported. On a shared machine the load changes within seconds: measured once each, in forks
 * other forks apart, the two scores compare two different machines, and the anchor against itself varies more
 * than the 5-10% targets allow. Pairs measured back to back, in both orders, see the same machine; the median
 * round drops a round that a burst of someone else's work landed in.
 */
final class InterleavedRounds {
    static final String SUBJECT = "jwsp";
    static final String ANCHOR = "raw";

    /** One round: the subject's and the anchor's scores, measured back to back. */
    record Round(double subject, double anchor) {
        double ratio() {
            return subject / anchor;
        }
    }

    private InterleavedRounds() {
    }

    /** Whether measurement iteration {@code k} (from 0) is the subject's: subject, anchor, anchor, subject, ... */
    static boolean subjectAt(int k) {
        return (k / 2) % 2 == 0 == (k % 2 == 0);
    }

    /**
     * Files the measurement iterations' scores of one alternating benchmark under {@code benchmark[run=jwsp-N]}
     * and {@code benchmark[run=raw-N]}, N the round from 1, as {@link #rounds} reads them.
     */
    static void record(Map<String, Double> scores, String benchmark, List<Double> iterations) {
        for (int k = 0; k < iterations.size(); k++) {
            String side = subjectAt(k) ? SUBJECT : ANCHOR;
            scores.put(benchmark + "[run=" + side + "-" + (k / 2 + 1) + "]", iterations.get(k));
        }
    }

    /**
     * The rounds of one benchmark from the scores of a run, keyed {@code benchmark[run=value]}, from round 1 on
     * while either side of a round ran; a round one side of which did not run is left out.
     */
    static List<Round> rounds(Map<String, Double> scores, String benchmark) {
        List<Round> out = new ArrayList<>();
        for (int i = 1; ; i++) {
            Double s = scores.get(benchmark + "[run=" + SUBJECT + "-" + i + "]");
            Double a = scores.get(benchmark + "[run=" + ANCHOR + "-" + i + "]");
            if (s == null && a == null) {
                return out;
            }
            if (s != null && a != null) {
                out.add(new Round(s, a));
            }
        }
    }

    /** The round whose ratio is the median (the lower middle one for an even count); NaN scores when none ran. */
    static Round median(List<Round> rounds) {
        if (rounds.isEmpty()) {
            return new Round(Double.NaN, Double.NaN);
        }
        List<Round> sorted = new ArrayList<>(rounds);
        sorted.sort(Comparator.comparingDouble(Round::ratio));
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** The spread of the rounds' ratios, for the progress line: "0.970-1.040". */
    static String spread(List<Round> rounds) {
        double lo = rounds.stream().mapToDouble(Round::ratio).min().orElse(Double.NaN);
        double hi = rounds.stream().mapToDouble(Round::ratio).max().orElse(Double.NaN);
        return String.format("%.3f-%.3f", lo, hi);
    }
}
