package io.jwsp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The order TcpBenchmark measures its two sides in, and the reduction of a run to its median round. */
class AlternatingRoundsTest {
    private static final int S = AlternatingRounds.SUBJECT;
    private static final int A = AlternatingRounds.ANCHOR;

    @Test
    void measurementIterationsGoSubjectAnchorAnchorSubject() {
        List<Integer> order = IntStream.range(0, 8).map(AlternatingRounds::sideAt).boxed().toList();
        assertEquals(List.of(S, A, A, S, S, A, A, S), order);
    }

    @Test
    void eachRoundPairsTheSubjectsIterationWithTheAnchorsWhateverTheOrder() {
        // iterations S A A S: the subject scored 10 and 30, the anchor 20 and 40
        List<AlternatingRounds.Round> rounds = AlternatingRounds.rounds(List.of(10.0, 20.0, 40.0, 30.0, 99.0));
        assertEquals(List.of(new AlternatingRounds.Round(10, 20), new AlternatingRounds.Round(30, 40)), rounds,
                "an odd last iteration has no partner and is left out");
    }

    @Test
    void theMedianRoundOfAnOddCountIsTheMiddleRatio() {
        AlternatingRounds.Round m = AlternatingRounds.median(List.of(
                new AlternatingRounds.Round(30, 10), new AlternatingRounds.Round(10, 10),
                new AlternatingRounds.Round(1, 10)));
        assertEquals(new AlternatingRounds.Round(10, 10), m);
    }

    @Test
    void theMedianOfAnEvenCountIsTheGeometricMeanOfTheMiddleTwoSoNeitherSideIsFavoured() {
        AlternatingRounds.Round m = AlternatingRounds.median(List.of(
                new AlternatingRounds.Round(8, 10), new AlternatingRounds.Round(100, 1),
                new AlternatingRounds.Round(1, 100), new AlternatingRounds.Round(10, 8)));
        assertEquals(1.0, m.ratio(), 1e-12, "0.8 and 1.25 are symmetric around 1");
        assertEquals(Math.sqrt(80), m.subject(), 1e-12);
        assertEquals(Math.sqrt(80), m.anchor(), 1e-12);
    }

    @Test
    void noRoundsGiveNotANumber() {
        assertTrue(Double.isNaN(AlternatingRounds.median(List.of()).ratio()));
    }
}
