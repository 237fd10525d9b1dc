package io.jwsp.testkit.tck;

import io.jwsp.spi.result.WsaError;

/**
 * How reading a stream ended: the bytes read before the end, and the end itself (recv 0, an error, or still open
 * when a nonblocking read ran dry). {@code intact} is false when a byte differed from what the TCK sent there.
 */
public record StreamEnd(long bytes, Kind kind, WsaError error, boolean intact) {
    public enum Kind {
        /** recv answered 0. */
        END_OF_STREAM,
        /** recv failed with {@link #error}. */
        ERROR,
        /** A nonblocking recv answered WSAEWOULDBLOCK: no end seen. */
        OPEN
    }

    /** Whether the end matches what {@code expected} describes. */
    public boolean is(PeerEnd expected) {
        return switch (expected) {
            case RESET -> kind == Kind.ERROR && error == WsaError.WSAECONNRESET;
            case END_OF_STREAM -> kind == Kind.END_OF_STREAM;
            case DISCONNECT -> kind == Kind.ERROR && error == WsaError.WSAEDISCON;
        };
    }

    @Override
    public String toString() {
        return bytes + " bytes" + (intact ? "" : " (corrupted)") + ", then "
                + (kind == Kind.ERROR ? error.toString() : kind.toString());
    }
}
