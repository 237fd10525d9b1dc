package io.jwsp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.bench.scale.LoopbackScale;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench rows of the million-connection run: the heap row holds only for a run where every answer held. */
class LoopbackScaleRowsTest {
    private static LoopbackScale.Result result(long heapOpen, int mismatches, int handlesLeft) {
        return new LoopbackScale.Result(1000, 0, heapOpen, 1000 * 100, 10, 20, 9, 300, 4, 50, 2001, handlesLeft, 500, 500,
                mismatches, List.of(), "");
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
}
