package io.jwsp.provider.atm.sw;

import io.jwsp.spi.time.Cancellable;
import io.jwsp.spi.time.TimeSource;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * A FIFO that hands each item on a fixed delay after it went in, on the provider's clock, with at most one timer
 * pending. Used for the signalling and cell paths between adapters and the switch.
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

    public DelayLine(Sync sync, TimeSource time, long delayNanos, Consumer<T> sink) {
        this.sync = sync;
        this.time = time;
        this.delayNanos = delayNanos;
        this.sink = sink;
    }

    /**
     * Puts an item in; the caller holds the lock. With no delay the item is handed on as soon as the caller
     * releases the lock (on its thread), so a zero-latency network moves without anyone advancing a virtual clock.
     */
    public void put(T item) {
        if (delayNanos == 0) {
            sync.defer(() -> sync.run(() -> sink.accept(item)));
            return;
        }
        queue.add(new Entry<>(time.nanoTime() + delayNanos, item));
        if (timer == null) {
            arm();
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
