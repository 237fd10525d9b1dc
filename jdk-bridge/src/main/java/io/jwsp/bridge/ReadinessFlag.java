package io.jwsp.bridge;

/**
 * One readiness of a handle (readable, writable, acceptable), level-style: raised when the selector folds in the
 * FD_* event, cleared when an operation shows the condition no longer holds. A clear names the raise count it saw
 * before its operation began and is dropped if a raise came since: the selector's thread may fold in an event the
 * operation itself re-enabled while the operation is under way, and Winsock does not post that event twice.
 */
final class ReadinessFlag {
    private volatile boolean set;
    private long raises;

    boolean isSet() {
        return set;
    }

    synchronized void raise() {
        raises++;
        set = true;
    }

    /** The raise count now: take it before an operation whose answer may clear the flag. */
    synchronized long seen() {
        return raises;
    }

    /** Clears the flag unless it was raised after {@code seen} was taken. */
    synchronized void clear(long seen) {
        if (raises == seen) {
            set = false;
        }
    }
}
