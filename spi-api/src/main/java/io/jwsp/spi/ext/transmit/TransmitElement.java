package io.jwsp.spi.ext.transmit;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * One TRANSMIT_PACKETS_ELEMENT: bytes in memory (TP_ELEMENT_MEMORY) or a region of a file (TP_ELEMENT_FILE), and
 * whether the element ends a send (TP_ELEMENT_EOP: it is not combined with the next one, so on a message-oriented
 * socket it ends a message). The caller owns the buffer and the channel: a transmit reads them and neither moves a
 * buffer's position nor closes a channel. Checked when the call is made: a {@code null} buffer is WSAEFAULT, a
 * {@code null}, closed or unreadable channel WSA_INVALID_HANDLE, a bad offset or length WSAEINVAL.
 */
public sealed interface TransmitElement {
    /** nFileOffset -1: the channel's current position. */
    long CURRENT_POSITION = -1;
    /** cLength 0: from the offset to the end of the file. */
    long TO_END_OF_FILE = 0;

    /** TP_ELEMENT_EOP. */
    boolean endOfPacket();

    /** TP_ELEMENT_MEMORY: the bytes from {@code data}'s position to its limit. */
    record Memory(ByteBuffer data, boolean endOfPacket) implements TransmitElement {
    }

    /**
     * TP_ELEMENT_FILE: {@code length} bytes of {@code file} from {@code offset} ({@link #CURRENT_POSITION}: the
     * channel's position; {@code length} {@link #TO_END_OF_FILE}: to the end of the file).
     */
    record FileRegion(FileChannel file, long offset, long length, boolean endOfPacket) implements TransmitElement {
    }

    static TransmitElement memory(ByteBuffer data) {
        return new Memory(data, false);
    }

    static TransmitElement file(FileChannel file, long offset, long length) {
        return new FileRegion(file, offset, length, false);
    }
}
