package io.jwsp.testkit.tck;

/** A connected pair made by the TCK: the listener, the client that connected, and the socket accept returned. */
public record Connection(long listener, long client, long accepted) {
}
