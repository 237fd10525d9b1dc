package io.jwsp.spi.result;

/**
 * Thrown only by the convenience accessors of {@link WspResult} ({@code orElseThrow}); no contract call throws it.
 * Its stack trace is not filled: it carries a code, not a programming error.
 */
public final class WsaException extends RuntimeException {
    private final WsaError error;

    public WsaException(WsaError error) {
        super(error.toString() + ": " + error.meaning(), null, false, false);
        this.error = error;
    }

    public WsaError error() {
        return error;
    }
}
