package io.jwsp.provider.loopback.stream;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tests: stops the next copy that runs outside a connection's lock just before it starts (lock released), until
 * {@link #release}; later copies run through. Closing it removes the hook.
 */
public final class SlotCopyPause implements AutoCloseable {
    private final CountDownLatch copying = new CountDownLatch(1);
    private final CountDownLatch proceed = new CountDownLatch(1);
    private final AtomicBoolean taken = new AtomicBoolean();
    private volatile Thread copier;

    public SlotCopyPause() {
        ByteRing.beforeSlotCopy = this::arrive;
    }

    private void arrive() {
        if (!taken.compareAndSet(false, true)) {
            return;
        }
        copier = Thread.currentThread();
        copying.countDown();
        try {
            if (!proceed.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the paused copy");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until a copy has stopped here; false after 30 s without one. */
    public boolean awaitCopying() throws InterruptedException {
        return copying.await(30, TimeUnit.SECONDS);
    }

    /** The thread whose copy stopped here ({@code null} before one did): which side of a connection copies. */
    public Thread copier() {
        return copier;
    }

    public void release() {
        proceed.countDown();
    }

    @Override
    public void close() {
        ByteRing.beforeSlotCopy = null;
        proceed.countDown();
    }
}
