package io.jwsp.spi.kit.transmit;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * One checked piece of a transmit: {@code length} bytes either of {@code bytes} (a slice of the caller's buffer,
 * from 0) or of {@code file} from {@code position}; {@code endsSend}: not combined with the next piece.
 */
record Part(ByteBuffer bytes, FileChannel file, long position, long length, boolean endsSend) {
    static Part memory(ByteBuffer data, boolean endsSend) {
        ByteBuffer slice = data.slice();
        return new Part(slice, null, 0, slice.remaining(), endsSend);
    }

    static Part file(FileChannel file, long position, long length, boolean endsSend) {
        return new Part(null, file, position, length, endsSend);
    }
}
