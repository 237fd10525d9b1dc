package io.jwsp.spi.trace;

/**
 * One frame or signal a provider put on its medium, for traces and sequence diagrams.
 *
 * @param timeNanos when, on the provider's clock
 * @param from      the sending endpoint, as text
 * @param to        the receiving endpoint, as text
 * @param kind      DATA, FIN, RST, DISCONNECT, RELEASE, CREDIT, SETUP, ... (the provider's own vocabulary)
 * @param bytes     payload bytes carried (0 for control frames)
 * @param detail    anything else worth showing (a cause, a credit count)
 */
public record WireFrame(long timeNanos, String from, String to, String kind, int bytes, String detail) {
}
