package io.jwsp.provider.loopback.stream;

import io.jwsp.provider.loopback.core.Buffers;
import java.nio.ByteBuffer;

/**
 * A blocking send waiting with the rest of its buffers, which the peer's recv copies straight out of when nothing
 * waits in the ring before them (one copy per byte, as AFD completes a pended send into a posted receive). Guarded by
 * the connection's lock, except the copy of a large recv, which runs with the lock released while {@link #copying}
 * is set: until the receiver commits, the buffers are the receiver's, and the sending call does not return (it waits
 * for the commit, a bounded copy).
 *
 * <p>Receives read the buffers without moving their positions (they copy from {@link #taken} bytes past them); the
 * sending call moves them itself when it counts the bytes ({@link #harvest}). The buffers' objects then stay in the
 * sender's cache, which they would leave twice per send if the receiver wrote their positions.
 */
final class DirectSend {
    final ByteBuffer[] buffers;
    /** The bytes offered: what the buffers held when the send offered them. */
    private final int offered;
    /** Bytes receives have copied out (guarded by the lock; read without it once {@link #drained} is seen). */
    private int taken;
    /** Bytes of {@link #taken} the sending call has counted, and moved its buffers past. */
    private int counted;
    /** A receiver copies out of the buffers with the lock released. */
    boolean copying;
    /**
     * The sending call spins on {@link #drained} with the lock released (a meeting): a take's commit then wakes
     * nobody, since the sender looks at the flag itself. Cleared before the sender takes the lock back, so a sender
     * that waits under the lock for a copy to end is always signalled.
     */
    volatile boolean senderSpins;
    /**
     * Set (lock held) when a recv has taken every byte and settled the meeting: read without the lock by the
     * sender's bounded wait, after which the sender reads {@link #taken} without the lock too.
     */
    private volatile boolean drained;

    DirectSend(ByteBuffer[] buffers) {
        this.buffers = buffers;
        this.offered = Buffers.remaining(buffers);
    }

    /** Bytes not taken yet. */
    int remaining() {
        return offered - taken;
    }

    /** Copies up to {@code n} of the bytes not taken yet into {@code targets}; the offer's buffers do not move. */
    int copyTo(ByteBuffer[] targets, int n) {
        return Buffers.copyFrom(buffers, taken - counted, targets, n);
    }

    /** A recv copied {@code n} more bytes out: they are delivered. Answers whether none are left. */
    boolean took(int n) {
        taken += n;
        return taken == offered;
    }

    /**
     * Makes a take visible to a sender spinning on {@link #drained} (lock held, after the take's bookkeeping): once
     * every byte is gone, the sender may return without the lock.
     */
    void publish() {
        if (!drained && taken == offered) {
            drained = true;
        }
    }

    /** Whether a recv has taken every byte (safe without the lock). */
    boolean drained() {
        return drained;
    }

    /**
     * The bytes delivered since the last look, which the sending call now counts, moving its buffers past them: the
     * sending thread, under the lock or once {@link #drained} (no take follows then).
     */
    int harvest() {
        int n = taken - counted;
        counted = taken;
        Buffers.skip(buffers, n);
        return n;
    }
}
