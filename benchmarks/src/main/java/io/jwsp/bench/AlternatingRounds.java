package io.jwsp.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order in which one fork of {@link TcpBenchmark} measures its two sides, and the reduction of the iteration
 * scores to one comparison. Measurement iterations go subject, anchor, anchor, subject, subject, anchor, ... (ABBA):
 * each round is two iterations back to back, one per side, and the order inside a round alternates, so a drift of
 * the machine's speed during a fork favours neither side. The comparison reported is the round with the median
 * ratio over all rounds of all forks: a round that someone else's burst of work landed in falls out.
 */
final class AlternatingRounds {
    /** Index of the subject side (jwsp in the bench) and of the anchor side (raw NIO). */
    static final int SUBJECT = 0;
    static final int ANCHOR = 1;

    /** One round: the subject's and the anchor's scores, measured back to back. */
    record Round(double subject, double anchor) {
        double ratio() {
            return subject / anchor;
        }
    }

    private AlternatingRounds() {
    }

    /** The side measurement iteration {@code k} (from 0) measures. */
    static int sideAt(int k) {
        return (k + k / 2) % 2 == 0 ? SUBJECT : ANCHOR;
    }

    /** The rounds of one fork, from its measurement iterations' scores in order (an odd last one is left out). */
    static List<Round> rounds(List<Double> iterationScores) {
        List<Round> out = new ArrayList<>();
        for (int k = 0; k + 1 < iterationScores.size(); k += 2) {
            double first = iterationScores.get(k);
            double second = iterationScores.get(k + 1);
            out.add(sideAt(k) == SUBJECT ? new Round(first, second) : new Round(second, first));
        }
        return out;
    }

    /**
     * The median round: the one whose ratio is the median of an odd count; of an even count, the geometric mean of
     * the two middle rounds (scores and so ratio), so that neither side is favoured. NaN scores when there is none.
     */
    static Round median(List<Round> rounds) {
        if (rounds.isEmpty()) {
            return new Round(Double.NaN, Double.NaN);
        }
        List<Round> sorted = new ArrayList<>(rounds);
        sorted.sort(Comparator.comparingDouble(Round::ratio));
        int n = sorted.size();
        Round upper = sorted.get(n / 2);
        if (n % 2 == 1) {
            return upper;
        }
        Round lower = sorted.get(n / 2 - 1);
        return new Round(Math.sqrt(lower.subject() * upper.subject()), Math.sqrt(lower.anchor() * upper.anchor()));
    }

    /** The rounds' ratios, lowest and highest: "0.970-1.040". */
    static String spread(List<Round> rounds) {
        double lo = rounds.stream().mapToDouble(Round::ratio).min().orElse(Double.NaN);
        double hi = rounds.stream().mapToDouble(Round::ratio).max().orElse(Double.NaN);
        return String.format("%.3f-%.3f", lo, hi);
    }
}
