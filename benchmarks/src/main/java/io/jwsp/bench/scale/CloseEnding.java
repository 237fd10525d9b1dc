package io.jwsp.bench.scale;

/**
 * How one connection's close row ended: the first answer that was not as the close table says ({@code null} when
 * every one was), and whether a linger ran out before the peer took the queued data, so the close was abortive
 * (the table's "or the time-out expires (then abortive)") and its closer holds no TIME_WAIT.
 */
public record CloseEnding(String mismatch, boolean lingerRanOut) {
    /** Every answer as the table says, the row's usual ending. */
    static final CloseEnding AS_THE_TABLE_SAYS = new CloseEnding(null, false);

    /** {@code mismatch} ({@code null}: none), the row's usual ending otherwise. */
    static CloseEnding of(String mismatch) {
        return mismatch == null ? AS_THE_TABLE_SAYS : new CloseEnding(mismatch, false);
    }

    /** Whether every answer was as the table says. */
    public boolean asTheTableSays() {
        return mismatch == null;
    }
}
