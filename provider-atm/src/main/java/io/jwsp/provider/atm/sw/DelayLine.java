package io.jwsp.provider.atm.sw;

import io.jwsp.spi.time.Cancellable;
import io.jwsp.spi.time.TimeSource;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * A FIFO that hands each item on a fixed delay after it went in, on the provider's clock, with at most one timer
 * pending. Used for the signalling and cell paths between adapters and the switch. Items always come out in the
 * order they went in, with or without a delay: a VC's cells must reach the switch in order, or a later PDU
 * overtakes an earlier one (and AAL5 discards PDUs whose cells interleave).
 */
public final class DelayLine<T> {
    private record Entry<T>(long due, T item) {
    }

    private final Sync sync;
    private final TimeSource time;
    private final long delayNanos;
    private final Consumer<T> sink;
    private final ArrayDeque<Entry<T>> queue = new ArrayDeque<>();
    private Cancellable timer;
    /** With no delay: a hand-off of the whole queue waits for the lock's release. */
    private boolean handOffQueued;

    public DelayLine(Sync sync, TimeSource time, long delayNanos, Consumer<T> sink) {
        this.sync = sync;
        this.time = time;
        this.delayNanos = delayNanos;
        this.sink = sink;
    }

    /**
     * Puts an item in; the caller holds the lock. With no delay the queue is handed on as soon as the caller
     * releases the lock (on its thread), so a zero-latency network moves without anyone advancing a virtual clock.
     *
     * <p>One hand-off is queued at a time and it delivers the whole queue under one hold of the lock. Deferring each
     * item on its own lets two threads deliver items of the same line at once: the thread that deferred the first
     * cells of a PDU may be slow to get the lock back for each of them while the sender's next PDU, deferred on the
     * sender's own thread, goes through ahead of them (and its RELEASE too, so the overtaken cells then find no
     * cross-connect): a gap in the middle of the stream.
     */
    public void put(T item) {
        if (delayNanos == 0) {
            queue.add(new Entry<>(0, item));
            if (!handOffQueued) {
                handOffQueued = true;
                sync.defer(() -> sync.run(this::handOff));
            }
            return;
        }
        queue.add(new Entry<>(time.nanoTime() + delayNanos, item));
        if (timer == null) {
            arm();
        }
    }

    /** Zero delay: everything queued, in order; what the sink puts back into this line goes out in the same turn. */
    private void handOff() {
        handOffQueued = false;
        while (!queue.isEmpty()) {
            sink.accept(queue.poll().item());
        }
    }

    private void arm() {
        long wait = queue.peek().due() - time.nanoTime();
        timer = time.schedule(() -> sync.run(this::drain), Math.max(0, wait));
    }

    private void drain() {
        timer = null;
        long now = time.nanoTime();
        while (!queue.isEmpty() && queue.peek().due() <= now) {
            sink.accept(queue.poll().item());
        }
        if (!queue.isEmpty() && timer == null) {
            arm();
        }
    }

    public int size() {
        return queue.size();
    }

    /** Forgets everything in flight. */
    public void clear() {
        queue.clear();
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
