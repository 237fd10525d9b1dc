package io.jwsp.provider.loopback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;

/** A stream's bytes as a function of their offset, so a receiver can check each byte it got and where it belongs. */
final class StreamPattern {
    private StreamPattern() {
    }

    /** The {@code n} bytes of the stream from offset {@code from}, in one buffer. */
    static ByteBuffer[] bytes(int from, int n) {
        ByteBuffer b = ByteBuffer.allocate(n);
        for (int i = 0; i < n; i++) {
            b.put(at(from + i));
        }
        return new ByteBuffer[] {b.flip()};
    }

    /** Checks that {@code got} holds exactly the {@code n} bytes of the stream from offset {@code from}. */
    static void check(ByteBuffer got, int from, int n) {
        assertEquals(n, got.remaining(), "bytes received");
        for (int i = 0; i < n; i++) {
            assertEquals(at(from + i), got.get(got.position() + i), "byte " + (from + i));
        }
    }

    private static byte at(int offset) {
        return (byte) (offset * 7 + 3);
    }
}
