package io.jwsp.runtime.facade;

import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.util.Arrays;

/** One immutable failed result per code, shared: a refused call allocates no result of its own. */
final class Failures {
    private static final WspResult<?>[] BY_CODE = Arrays.stream(WsaError.values()).map(WspResult::fail)
            .toArray(WspResult<?>[]::new);

    private Failures() {
    }

    @SuppressWarnings("unchecked")
    static <T> WspResult<T> of(WsaError error) {
        return (WspResult<T>) BY_CODE[error.ordinal()];
    }
}
