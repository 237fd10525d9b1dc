package io.jwsp.testkit.tck;

import java.nio.ByteBuffer;

/** The bytes the TCK sends: byte {@code i} of a stream is {@code i mod 251}, so any prefix can be checked. */
final class Payload {
    private Payload() {
    }

    static ByteBuffer at(long offset, int length) {
        ByteBuffer b = ByteBuffer.allocate(length);
        for (int i = 0; i < length; i++) {
            b.put(valueAt(offset + i));
        }
        return b.flip();
    }

    static byte valueAt(long offset) {
        return (byte) (offset % 251);
    }

    /** Whether {@code b}'s bytes from 0 to its position are the stream's bytes from {@code offset}. */
    static boolean matches(ByteBuffer b, long offset) {
        for (int i = 0; i < b.position(); i++) {
            if (b.get(i) != valueAt(offset + i)) {
                return false;
            }
        }
        return true;
    }
}
