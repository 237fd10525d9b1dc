package io.jwsp.cli.out;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Progress on stderr for work that may take more than a second: nothing is printed for quick work; after one
 * second the current step is shown, and again each time it changes. Real time on purpose: it is about the
 * person waiting, not about the runtime's clock.
 */
public final class Progress implements AutoCloseable {
    private final Printer printer;
    private final String task;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService ticker;
    private final ScheduledFuture<?> tick;
    private String step = "";
    private String shown;
    private boolean visible;
    private boolean closed;

    public Progress(Printer printer, String task) {
        this.printer = printer;
        this.task = task;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jwsp-progress");
            t.setDaemon(true);
            return t;
        });
        this.tick = ticker.scheduleAtFixedRate(this::show, 1000, 250, TimeUnit.MILLISECONDS);
    }

    /** The step now under way (a provider, a row). */
    public synchronized void step(String text) {
        step = text;
    }

    private synchronized void show() {
        if (step.equals(shown)) {
            return;
        }
        shown = step;
        visible = true;
        printer.note(String.format("%s: %s (%.1f s)", task, step, (System.nanoTime() - startNanos) / 1e9));
    }

    @Override
    public void close() {
        tick.cancel(false);
        ticker.shutdownNow();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (visible) {
                printer.note(String.format("%s: done in %.1f s", task, (System.nanoTime() - startNanos) / 1e9));
            }
        }
    }
}
