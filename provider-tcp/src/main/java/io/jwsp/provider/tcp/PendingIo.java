package io.jwsp.provider.tcp;

import io.jwsp.spi.io.Overlapped;
import java.nio.ByteBuffer;

/** An overlapped send or receive waiting for readiness; {@code done} counts the bytes moved so far (sends). */
final class PendingIo {
    final Overlapped overlapped;
    final ByteBuffer[] buffers;
    final int flags;
    int done;

    PendingIo(Overlapped overlapped, ByteBuffer[] buffers, int flags) {
        this.overlapped = overlapped;
        this.buffers = buffers;
        this.flags = flags;
    }
}
