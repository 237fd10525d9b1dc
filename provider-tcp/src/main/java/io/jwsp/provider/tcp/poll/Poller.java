package io.jwsp.provider.tcp.poll;

import io.jwsp.provider.tcp.kernel.KernelNio;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread for all the sockets of one provider instance (never a thread per socket): readiness for
 * blocking waiters, event select, overlapped completion and select all come from here. Changes of interest are
 * queued and applied on the poller thread, so registration never races with selection. Tickers run every
 * millisecond of real time while any exists; they observe the kernel (a draining send queue), which moves in real
 * time whatever clock the provider waits on.
 */
public final class Poller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final long TICK_MILLIS = 1;

    private final Selector selector;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final CopyOnWriteArrayList<Runnable> tickers = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private boolean started;

    public Poller() {
        try {
            selector = KernelNio.provider().openSelector();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = Thread.ofPlatform().daemon().name("jwsp-tcp-poller-" + SEQUENCE.incrementAndGet()).unstarted(this::loop);
    }

    /** Recomputes {@code p}'s interest on the poller thread (registering its channel if needed). */
    public void update(Pollable p) {
        submit(() -> apply(p));
    }

    /** Runs {@code r} on the poller thread after the next selection round has been processed. */
    public void afterNextRound(Runnable r) {
        submit(new Barrier(r));
    }

    /**
     * Returns once the poller has applied every change queued so far and processed one selection round, so that
     * conditions true now have been seen (WSAEventSelect records them before it returns). Bounded in real time:
     * this waits for a thread, not for time to pass.
     */
    public void sync() {
        if (isPollerThread()) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        afterNextRound(done::countDown);
        try {
            if (!done.await(10, TimeUnit.SECONDS)) {
                LOG.warn("poller did not answer within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs {@code r} on the poller thread about every millisecond (real time) until the answer is cancelled. */
    public Runnable tick(Runnable r) {
        tickers.add(r);
        wakeup();
        return () -> tickers.remove(r);
    }

    /** Wakes the selector so that cancelled keys are flushed (and deferred channel closes happen) now. */
    public void wakeup() {
        ensureStarted();
        selector.wakeup();
    }

    public boolean isPollerThread() {
        return Thread.currentThread() == thread;
    }

    private void submit(Runnable r) {
        tasks.add(r);
        wakeup();
    }

    private synchronized void ensureStarted() {
        if (!started && running) {
            started = true;
            thread.start();
        }
    }

    private record Barrier(Runnable action) implements Runnable {
        @Override
        public void run() {
            action.run();
        }
    }

    private void apply(Pollable p) {
        SelectableChannel ch = p.channel();
        if (ch == null || !ch.isOpen()) {
            return;
        }
        int want = p.interest() & ch.validOps();
        SelectionKey key = ch.keyFor(selector);
        try {
            if (key == null) {
                if (want != 0) {
                    ch.register(selector, want, p);
                }
            } else if (key.isValid()) {
                key.interestOps(want);
            }
        } catch (ClosedChannelException | CancelledKeyException e) {
            // closed meanwhile: nothing to watch
        } catch (RuntimeException e) {
            LOG.warn("cannot watch {}: {}", ch, e.toString());
        }
    }

    private void loop() {
        List<Runnable> barriers = new ArrayList<>();
        while (running) {
            try {
                Runnable t;
                while ((t = tasks.poll()) != null) {
                    if (t instanceof Barrier b) {
                        barriers.add(b);
                    } else {
                        run(t);
                    }
                }
                if (!barriers.isEmpty()) {
                    selector.selectNow();
                } else if (!tickers.isEmpty()) {
                    selector.select(TICK_MILLIS);
                } else {
                    selector.select();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    dispatch(key);
                }
                selector.selectedKeys().clear();
                for (Runnable b : barriers) {
                    run(b);
                }
                barriers.clear();
                for (Runnable r : tickers) {
                    run(r);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("poller round failed", e);
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing the selector", e);
        }
    }

    private static void dispatch(SelectionKey key) {
        try {
            if (!key.isValid()) {
                return;
            }
            Pollable p = (Pollable) key.attachment();
            int want = p.ready(key.readyOps());
            if (key.isValid()) {
                key.interestOps(want & key.channel().validOps());
            }
        } catch (CancelledKeyException e) {
            // the socket closed while we looked at it
        } catch (RuntimeException e) {
            LOG.warn("readiness handler failed", e);
        }
    }

    private static void run(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("poller task failed", e);
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        synchronized (this) {
            if (!started) {
                try {
                    selector.close();
                } catch (IOException e) {
                    LOG.debug("closing the selector", e);
                }
            }
        }
    }
}
