package io.jwsp.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A benchmark and its anchor measured in alternating rounds, as the values of one JMH parameter ({@code jwsp-1},
 * {@code raw-1}, {@code raw-2}, {@code jwsp-2}, ...: a fork each, run in that order), and the round with the median
 * ratio reported. On a shared machine the load changes within seconds: measured once each, other forks apart, the
 * two scores compare two different machines, and the anchor against itself varies more than the 5-10% targets
 * allow. Pairs measured back to back, in both orders, see the same machine; the median round drops a round that a
 * burst of someone else's work landed in.
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

    /** Whether a {@code run} parameter value names the subject (jwsp) rather than the anchor. */
    static boolean isSubject(String run) {
        return run.equals(SUBJECT) || run.startsWith(SUBJECT + "-");
    }

    /** The parameter values for {@code rounds} rounds: subject then anchor, then anchor then subject, and so on. */
    static String[] order(int rounds) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= rounds; i++) {
            String s = SUBJECT + "-" + i;
            String a = ANCHOR + "-" + i;
            out.addAll(i % 2 == 1 ? List.of(s, a) : List.of(a, s));
        }
        return out.toArray(String[]::new);
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
