package io.jwsp.provider.atm.sw;

import java.time.Duration;

/**
 * Everything a port handed the network up to a point (cells and signalling), taken with the provider's lock held;
 * {@link #await} then waits, without the lock, until the network confirmed it or is known gone.
 */
@FunctionalInterface
public interface HandOff {
    /** The in-process switch: what it is handed has left the adapter for good, nothing to wait for. */
    HandOff TAKEN = timeout -> Delivery.CONFIRMED;

    /** Waits at most {@code timeout} (and never past the network's own keepalive bound). */
    Delivery await(Duration timeout) throws InterruptedException;
}
