package io.jwsp.spi.event;

import io.jwsp.spi.result.WsaError;
import java.util.Arrays;

/**
 * WSANETWORKEVENTS: the FD_* bits recorded since the last enumeration and, per bit, the error that came with it
 * (0 for none).
 */
public record NetworkEvents(int occurred, int[] errorCodes) {
    public static final NetworkEvents NONE = new NetworkEvents(0, new int[FdEvents.FD_MAX_EVENTS]);

    public NetworkEvents {
        errorCodes = errorCodes.clone();
        if (errorCodes.length != FdEvents.FD_MAX_EVENTS) {
            throw new IllegalArgumentException("iErrorCode has " + FdEvents.FD_MAX_EVENTS + " slots");
        }
    }

    public boolean has(int event) {
        return (occurred & event) != 0;
    }

    /** The error recorded with {@code event}, or {@code null} for none. */
    public WsaError errorOf(int event) {
        return WsaError.ofCode(errorCodes[FdEvents.bitIndex(event)]);
    }

    @Override
    public int[] errorCodes() {
        return errorCodes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkEvents n && n.occurred == occurred && Arrays.equals(n.errorCodes, errorCodes);
    }

    @Override
    public int hashCode() {
        return occurred * 31 + Arrays.hashCode(errorCodes);
    }

    @Override
    public String toString() {
        return "NetworkEvents" + FdEvents.names(occurred);
    }
}
