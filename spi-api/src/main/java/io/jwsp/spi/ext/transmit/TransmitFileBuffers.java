package io.jwsp.spi.ext.transmit;

import java.nio.ByteBuffer;

/**
 * TRANSMIT_FILE_BUFFERS: bytes sent before the file and after it, each from its position to its limit ({@code null}:
 * none). The transmit reads them without moving their positions.
 */
public record TransmitFileBuffers(ByteBuffer head, ByteBuffer tail) {
}
