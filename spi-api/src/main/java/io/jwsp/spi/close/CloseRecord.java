package io.jwsp.spi.close;

import io.jwsp.spi.addr.SockAddr;

/**
 * One close as the provider performed it, published to the runtime's {@link io.jwsp.spi.trace.WireTap}.
 *
 * @param provider      the provider's name
 * @param local         the local address, or {@code null}
 * @param peer          the peer's address, or {@code null}
 * @param outcome       the row of the table
 * @param type          what happened to the connection
 * @param waitedNanos   how long close blocked, on the provider's clock
 * @param timeWait      whether the closing side entered TIME_WAIT (providers without one answer false)
 */
public record CloseRecord(String provider, SockAddr local, SockAddr peer, CloseOutcome outcome, CloseType type,
                          long waitedNanos, boolean timeWait) {
}
