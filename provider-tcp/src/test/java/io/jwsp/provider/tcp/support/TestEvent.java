package io.jwsp.provider.tcp.support;

import io.jwsp.spi.event.WspEvent;
import java.time.Duration;

/** A manual-reset event for tests: set by the provider (from its poller), awaited with a real-time bound. */
public final class TestEvent implements WspEvent {
    private boolean set;

    @Override
    public synchronized void set() {
        set = true;
        notifyAll();
    }

    @Override
    public synchronized void reset() {
        set = false;
    }

    @Override
    public synchronized boolean isSet() {
        return set;
    }

    /** Waits (real time, the kernel is what moves) until set; answers whether it was. */
    public synchronized boolean await(Duration bound) throws InterruptedException {
        long end = System.nanoTime() + bound.toNanos();
        while (!set) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
