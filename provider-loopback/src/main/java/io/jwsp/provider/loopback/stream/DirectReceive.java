package io.jwsp.provider.loopback.stream;

import io.jwsp.provider.loopback.core.Buffers;
import java.nio.ByteBuffer;

/**
 * A blocking recv parked with its buffers, which the peer's send fills straight away instead of going through the
 * ring (one copy per byte, as AFD completes a posted receive). Guarded by the connection's lock, except the copy of a
 * large send, which runs with the lock released while {@link #copying} is set: until the sender commits, the buffers
 * are the sender's, and the receiving call does not return (it waits for the commit, a bounded copy).
 *
 * <p>For the common receive into one heap buffer, sends write straight into its array past the position the recv
 * found and the receiving call moves the buffer when it counts the bytes ({@link #harvest}): the sender then reads
 * and writes nothing of the buffer's object, a cache line fewer to hand between the two threads each way.
 */
final class DirectReceive {
    final ByteBuffer[] buffers;
    /** The one heap buffer's array, or {@code null} (several buffers, or a direct or read-only one). */
    private final byte[] array;
    /** Where in {@link #array} the room begins. */
    private final int start;
    /** The room the buffers had when the recv parked. */
    private final int offered;
    /** Bytes sends have copied in. */
    private int filled;
    /** Bytes of {@link #filled} the receiving call has counted. */
    private int counted;
    /** A sender copies into the buffers with the lock released. */
    boolean copying;

    DirectReceive(ByteBuffer[] buffers) {
        this.buffers = buffers;
        this.offered = Buffers.remaining(buffers);
        ByteBuffer only = buffers.length == 1 && buffers[0].hasArray() ? buffers[0] : null;
        this.array = only == null ? null : only.array();
        this.start = only == null ? 0 : only.arrayOffset() + only.position();
    }

    /** Room left in the buffers. */
    int room() {
        return offered - filled;
    }

    /** Copies up to {@code n} bytes of {@code sources} (moving them) into the room left; answers the bytes copied. */
    int fill(ByteBuffer[] sources, int n) {
        return array != null ? Buffers.gather(sources, array, start + filled, Math.min(n, room()))
                : Buffers.copy(sources, buffers, n);
    }

    /** A send copied {@code n} more bytes in: they are delivered. */
    void filled(int n) {
        filled += n;
    }

    /**
     * The bytes delivered since the last look, which the receiving call now counts (moving its one heap buffer past
     * them; sends moved any other buffers as they copied).
     */
    int harvest() {
        int n = filled - counted;
        counted = filled;
        if (array != null) {
            buffers[0].position(buffers[0].position() + n);
        }
        return n;
    }
}
