package io.jwsp.spi.result;

/**
 * The shared successes {@link WspResult#ok(Object)} answers for small counts: those {@link Integer#valueOf} caches
 * too, so a send or recv of up to 127 bytes boxes nothing and allocates no result.
 */
final class SmallCounts {
    private static final int SIZE = 128;
    private static final WspResult.Ok<?>[] OK = new WspResult.Ok<?>[SIZE];

    static {
        for (int i = 0; i < SIZE; i++) {
            OK[i] = new WspResult.Ok<>(i);
        }
    }

    private SmallCounts() {
    }

    static boolean covers(int n) {
        return n >= 0 && n < SIZE;
    }

    static WspResult.Ok<?> of(int n) {
        return OK[n];
    }
}
