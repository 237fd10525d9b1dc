package io.jwsp.testkit;

/**
 * A test left sockets open: its runtime still held handles when the test ended. An {@link AssertionError}, so the
 * test fails rather than errs.
 */
public final class LeakedHandlesError extends AssertionError {
    private final int openHandles;

    public LeakedHandlesError(int openHandles) {
        super(openHandles + " socket handle(s) still open at the end of the test: every socket()/accept()/"
                + "duplicateSocket() needs a matching closesocket()");
        this.openHandles = openHandles;
    }

    public int openHandles() {
        return openHandles;
    }
}
