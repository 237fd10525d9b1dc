package io.jwsp.spi.kit.ext;

import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.result.WsaError;
import java.util.function.Supplier;

/**
 * One pending extension call (AcceptEx, ConnectEx), run by its own worker thread and registered with the
 * {@link ExtensionCalls} of every socket it involves, so a close of any of them or a CancelIo aborts it. It ends
 * exactly once: either its worker finishes it ({@link #finish}), or an abort does ({@link #abort}), whichever comes
 * first; the loser cleans up (the worker closes what it made).
 *
 * <p>The worker waits only in the provider's select, marked with {@link #waiting}: an abort interrupts the worker
 * there and nowhere else (an interrupt inside a channel operation would close the channel), and the worker clears
 * the interrupt as it leaves the wait.
 */
public final class ExtensionCall {
    private final Overlapped overlapped;
    private final Object lock = new Object();
    private boolean ended;
    private boolean inWait;
    private Thread worker;

    public ExtensionCall(Overlapped overlapped) {
        this.overlapped = overlapped;
    }

    public Overlapped overlapped() {
        return overlapped;
    }

    /** Whether the call still runs (neither finished nor aborted). */
    public boolean live() {
        synchronized (lock) {
            return !ended;
        }
    }

    /** The worker takes the call over: from now on an abort may interrupt it while it {@link #waiting waits}. */
    public void runOn(Thread thread) {
        synchronized (lock) {
            worker = thread;
        }
    }

    /** The worker's one kind of wait; answers what {@code select} answers (WSAEINTR when an abort woke it). */
    public <T> T waiting(Supplier<T> select) {
        synchronized (lock) {
            if (ended) {
                return null;
            }
            inWait = true;
        }
        try {
            return select.get();
        } finally {
            synchronized (lock) {
                inWait = false;
                Thread.interrupted(); // an abort's interrupt ends here, never reaching a channel operation
            }
        }
    }

    /** The worker ends the call; false when an abort ended it first (the worker then undoes what it made). */
    public boolean finish() {
        synchronized (lock) {
            if (ended) {
                return false;
            }
            ended = true;
            return true;
        }
    }

    /**
     * Ends the call with {@code error} (its completion goes to {@code done}, fired once the socket locks are
     * released) and interrupts the worker if it waits in select, so it sees the call ended and cleans up; false when
     * it had already ended. Safe under a socket lock: the interrupted worker needs that lock only to leave its wait.
     */
    public boolean abort(WsaError error, DeferredCompletions done) {
        synchronized (lock) {
            if (ended) {
                return false;
            }
            ended = true;
            if (inWait && worker != null) {
                worker.interrupt();
            }
        }
        done.add(overlapped, error, 0, 0, null);
        return true;
    }
}
