package io.jwsp.testkit.tck;

/** A call's answer and the clock's reading when it came back. */
record Returned<T>(T result, long clockNanos) {
}
