package io.jwsp.provider.loopback.stream;

import io.jwsp.provider.loopback.core.Completions;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WsaError;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/** One overlapped send or receive still waiting for room or data: its record, its buffers and how far it got. */
final class PendingIo {
    final Overlapped overlapped;
    final ByteBuffer[] buffers;
    final int flags;
    final int total;
    int done;

    PendingIo(Overlapped overlapped, ByteBuffer[] buffers, int flags, int total, int done) {
        this.overlapped = overlapped;
        this.buffers = buffers;
        this.flags = flags;
        this.total = total;
        this.done = done;
    }

    /** Completes every operation in {@code queue} with {@code error} (and the bytes each moved), emptying it. */
    static void failAll(ArrayDeque<PendingIo> queue, WsaError error, Completions completions) {
        if (queue == null) {
            return;
        }
        for (PendingIo p : queue) {
            completions.add(p.overlapped, error, p.done, 0, null);
        }
        queue.clear();
    }
}
