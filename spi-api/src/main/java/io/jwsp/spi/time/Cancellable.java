package io.jwsp.spi.time;

/** A scheduled task that can still be called off. */
@FunctionalInterface
public interface Cancellable {
    /** Answers true when the task had not run yet and now never will. */
    boolean cancel();
}
