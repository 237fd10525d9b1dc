package io.jwsp.spi.kit.pending;

import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WsaError;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * One direction's overlapped operations in the order they were issued (FIFO, so bytes stay in order). Completing or
 * aborting removes operations and records their completions in a {@link DeferredCompletions}, which the caller
 * fires once the socket's lock is released. Guarded by the socket's lock.
 */
public final class PendingQueue {
    /** Made with the first operation: most sockets never pend one. */
    private ArrayDeque<PendingTransfer> queue;

    public boolean isEmpty() {
        return queue == null || queue.isEmpty();
    }

    public int size() {
        return queue == null ? 0 : queue.size();
    }

    public void add(PendingTransfer t) {
        if (queue == null) {
            queue = new ArrayDeque<>(2);
        }
        queue.addLast(t);
    }

    /** The oldest operation, or {@code null}. */
    public PendingTransfer first() {
        return queue == null ? null : queue.peekFirst();
    }

    /** Removes the oldest operation and records its completion with the bytes it moved. */
    public void completeFirst(WsaError error, int flags, SockAddr from, DeferredCompletions done) {
        PendingTransfer t = queue.removeFirst();
        done.add(t.overlapped(), error, t.transferred(), flags, from);
    }

    /**
     * Removes every operation, each completing with {@code error} and the bytes it moved: closesocket's
     * WSA_OPERATION_ABORTED (the seeds' documented status for an operation cancelled by a close).
     */
    public void abortAll(WsaError error, DeferredCompletions done) {
        if (queue == null) {
            return;
        }
        for (PendingTransfer t : queue) {
            done.add(t.overlapped(), error, t.transferred(), 0, null);
        }
        queue.clear();
    }

    /**
     * CancelIo / CancelIoEx: removes {@code overlapped}'s operation ({@code null}: every one), each completing with
     * {@code error} and the bytes it moved; the others keep their order. Answers how many were removed.
     */
    public int cancel(Overlapped overlapped, WsaError error, DeferredCompletions done) {
        if (queue == null) {
            return 0;
        }
        int removed = 0;
        for (Iterator<PendingTransfer> it = queue.iterator(); it.hasNext(); ) {
            PendingTransfer t = it.next();
            if (overlapped == null || t.overlapped() == overlapped) {
                it.remove();
                done.add(t.overlapped(), error, t.transferred(), 0, null);
                removed++;
            }
        }
        return removed;
    }
}
