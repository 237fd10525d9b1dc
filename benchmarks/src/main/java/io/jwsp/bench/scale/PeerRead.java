package io.jwsp.bench.scale;

import io.jwsp.spi.result.WsaError;

/**
 * What the peer (the server) read after the client's close: {@code bytes}, then the end of the stream
 * ({@code error == null}) or {@code error}; {@code refused} instead when a call before the reads (restoring its
 * receive buffer) did not answer 0.
 */
record PeerRead(int bytes, WsaError error, String refused) {
    /** The end of the stream (or {@code error}) after {@code bytes}. */
    PeerRead(int bytes, WsaError error) {
        this(bytes, error, null);
    }

    /** {@code null} when the peer saw {@code expectedBytes} and then {@code expectedError} (null: the end), else how not. */
    String expect(int expectedBytes, WsaError expectedError) {
        if (refused != null) {
            return refused;
        }
        if (bytes == expectedBytes && error == expectedError) {
            return null;
        }
        return "peer " + (error == null ? "saw the end" : "recv answered " + error.name()) + " after " + bytes
                + " bytes; expected " + (expectedError == null ? "the end after " + expectedBytes + " bytes"
                : expectedError.name() + " after " + expectedBytes + " bytes");
    }
}
