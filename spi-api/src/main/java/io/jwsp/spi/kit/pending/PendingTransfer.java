package io.jwsp.spi.kit.pending;

import io.jwsp.spi.io.Overlapped;
import java.nio.ByteBuffer;

/**
 * One overlapped send or receive still waiting for room or data: its record, its buffers (whose positions record
 * the progress), its MSG_* flags, and the bytes moved so far. Guarded by the socket's lock.
 */
public final class PendingTransfer {
    private final Overlapped overlapped;
    private final ByteBuffer[] buffers;
    private final int flags;
    private int transferred;

    public PendingTransfer(Overlapped overlapped, ByteBuffer[] buffers, int flags, int alreadyTransferred) {
        this.overlapped = overlapped;
        this.buffers = buffers;
        this.flags = flags;
        this.transferred = alreadyTransferred;
    }

    public Overlapped overlapped() {
        return overlapped;
    }

    public ByteBuffer[] buffers() {
        return buffers;
    }

    public int flags() {
        return flags;
    }

    public int transferred() {
        return transferred;
    }

    /** Counts {@code bytes} more moved. */
    public void moved(int bytes) {
        transferred += bytes;
    }

    /** Bytes its buffers still have room for (a receive) or still hold (a send). */
    public long remaining() {
        long n = 0;
        for (ByteBuffer b : buffers) {
            n += b.remaining();
        }
        return n;
    }
}
