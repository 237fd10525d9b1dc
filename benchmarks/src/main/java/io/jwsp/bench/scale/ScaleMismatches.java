package io.jwsp.bench.scale;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The answers of a scale run that were not as the close table (or the echo) says, counted per close row and, in one
 * more count, outside the rows (opens, echoes, a phase over its bound); the first few of each kept in full, so a row
 * that fails rarely is not hidden behind one that fails often.
 */
final class ScaleMismatches {
    /** Kept in full per close row, and outside the rows. */
    static final int KEPT_PER_ROW = 3;

    private static final int OUTSIDE_ROWS = ScaleClose.values().length;

    /** One count per close row (by ordinal), then the one outside the rows. */
    private final AtomicIntegerArray counts = new AtomicIntegerArray(OUTSIDE_ROWS + 1);
    private final Queue<String> kept = new ConcurrentLinkedQueue<>();

    /** A mismatch outside the close rows: an open, connect or echo, or a phase that overran its bound. */
    void outsideRows(String what) {
        count(OUTSIDE_ROWS, "outside the close rows: " + what);
    }

    /** A mismatch of close row {@code row}. */
    void close(ScaleClose row, String what) {
        count(row.ordinal(), row.id() + ": " + what);
    }

    private void count(int bucket, String what) {
        if (counts.incrementAndGet(bucket) <= KEPT_PER_ROW) {
            kept.add(what);
        }
    }

    int total() {
        int n = 0;
        for (int i = 0; i < counts.length(); i++) {
            n += counts.get(i);
        }
        return n;
    }

    int outsideRowsCount() {
        return counts.get(OUTSIDE_ROWS);
    }

    /** Each close row's count, in the rows' order. */
    Map<ScaleClose, Integer> byRow() {
        Map<ScaleClose, Integer> out = new EnumMap<>(ScaleClose.class);
        for (ScaleClose row : ScaleClose.values()) {
            out.put(row, counts.get(row.ordinal()));
        }
        return out;
    }

    /** The kept mismatches, each prefixed with its row's id, in the order they were seen. */
    List<String> first() {
        return new ArrayList<>(kept);
    }
}
