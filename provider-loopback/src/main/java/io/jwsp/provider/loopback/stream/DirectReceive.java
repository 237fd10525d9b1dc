package io.jwsp.provider.loopback.stream;

import io.jwsp.provider.loopback.core.Buffers;
import java.nio.ByteBuffer;

/**
 * A blocking recv parked with its buffers, which the peer's send fills straight away instead of going through the
 * ring (one copy per byte, as AFD completes a posted receive). Guarded by the connection's lock, except the copy of a
 * large send, which runs with the lock released while {@link #copying} is set: until the sender commits, the buffers
 * are the sender's, and the receiving call does not return (it waits for the commit, a bounded copy).
 */
final class DirectReceive {
    final ByteBuffer[] buffers;
    /** Bytes sends have copied in that the receiving call has not counted yet. */
    private int filled;
    /** A sender copies into the buffers with the lock released. */
    boolean copying;

    DirectReceive(ByteBuffer[] buffers) {
        this.buffers = buffers;
    }

    /** Room left in the buffers. */
    int room() {
        return Buffers.remaining(buffers);
    }

    /** A send copied {@code n} more bytes in: they are delivered. */
    void filled(int n) {
        filled += n;
    }

    /** The bytes delivered since the last look, which the receiving call now counts. */
    int harvest() {
        int n = filled;
        filled = 0;
        return n;
    }
}
