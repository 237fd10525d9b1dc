package io.jwsp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.bench.scale.LoopbackScale;
import io.jwsp.bench.scale.ScaleClose;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bench rows of the million-connection run: the heap row holds only for a run where every answer held. */
class LoopbackScaleRowsTest {
    private static LoopbackScale.Result result(long heapOpen, int mismatches, int handlesLeft) {
        return result(heapOpen, mismatches, new EnumMap<>(ScaleClose.class), handlesLeft);
    }

    private static LoopbackScale.Result result(long heapOpen, int mismatches, Map<ScaleClose, Integer> byRow,
                                               int handlesLeft) {
        return new LoopbackScale.Result(1000, 0, heapOpen, 1000 * 100, 10, 20, 9, 300, 4, 50, 2001, handlesLeft, 500, 500,
                0, mismatches, byRow, List.of(), "");
    }

    private static QuickBench.Row row(List<QuickBench.Row> rows, String ending) {
        return rows.stream().filter(r -> r.metric().endsWith(ending)).findFirst().orElseThrow();
    }

    @Test
    void heapPerSocketIsTheHeapTheOpensAddedOverBothEnds() {
        List<QuickBench.Row> rows = QuickBench.loopbackScaleRows(result(2000 * 700, 0, 0));
        assertEquals(700, rows.get(0).jwsp(), 1e-9);
        assertTrue(rows.stream().allMatch(QuickBench.Row::met));
    }

    @Test
    void aRunOverOneKibibyteOrWithAWrongAnswerOrALeftHandleIsNotMet() {
        assertFalse(QuickBench.loopbackScaleRows(result(2000 * 1025, 0, 0)).get(0).met());
        assertFalse(QuickBench.loopbackScaleRows(result(2000 * 700, 1, 0)).get(0).met());
        assertFalse(QuickBench.loopbackScaleRows(result(2000 * 700, 0, 1)).get(1).met());
    }

    @Test
    void aMismatchOfOneCloseRowFailsThatRowsLineAndTheTotalOnly() {
        Map<ScaleClose, Integer> byRow = new EnumMap<>(ScaleClose.class);
        byRow.put(ScaleClose.LINGER_READ, 3);
        List<QuickBench.Row> rows = QuickBench.loopbackScaleRows(result(2000 * 700, 3, byRow, 0));

        QuickBench.Row lingerRead = row(rows, "close row linger-read: answers not as the table says");
        assertEquals(3, lingerRead.jwsp());
        assertFalse(lingerRead.met());
        assertFalse(row(rows, "answers not as the close table says").met());
        assertTrue(row(rows, "close row linger-stall: answers not as the table says").met());
        assertEquals(ScaleClose.values().length,
                rows.stream().filter(r -> r.metric().contains(": answers not as the table says")).count(),
                "one line per close row");
    }
}
