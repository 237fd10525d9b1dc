package io.jwsp.cli.matrix;

/** A row that could not run to its end: a call failed where the scenario needs it, or nothing moved any more. */
final class RowFailure extends RuntimeException {
    RowFailure(String message) {
        super(message, null, false, false);
    }
}
