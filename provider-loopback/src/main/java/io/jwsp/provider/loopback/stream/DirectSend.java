package io.jwsp.provider.loopback.stream;

import io.jwsp.provider.loopback.core.Buffers;
import java.nio.ByteBuffer;

/**
 * A blocking send waiting with the rest of its buffers, which the peer's recv copies straight out of when nothing
 * waits in the ring before them (one copy per byte, as AFD completes a pended send into a posted receive). Guarded by
 * the connection's lock, except the copy of a large recv, which runs with the lock released while {@link #copying}
 * is set: until the receiver commits, the buffers are the receiver's, and the sending call does not return (it waits
 * for the commit, a bounded copy).
 */
final class DirectSend {
    final ByteBuffer[] buffers;
    /** Bytes receives have copied out that the sending call has not counted yet. */
    private int taken;
    /** A receiver copies out of the buffers with the lock released. */
    boolean copying;
    /** Set (lock held) when a recv has taken every byte: read without the lock by the sender's bounded wait. */
    private volatile boolean drained;

    DirectSend(ByteBuffer[] buffers) {
        this.buffers = buffers;
    }

    /** Bytes left in the buffers. */
    int remaining() {
        return Buffers.remaining(buffers);
    }

    /** A recv copied {@code n} more bytes out: they are delivered. */
    void took(int n) {
        taken += n;
        if (remaining() == 0) {
            drained = true;
        }
    }

    /** Whether a recv has taken every byte (safe without the lock). */
    boolean drained() {
        return drained;
    }

    /** The bytes delivered since the last look, which the sending call now counts. */
    int harvest() {
        int n = taken;
        taken = 0;
        return n;
    }
}
