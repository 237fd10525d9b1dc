package io.jwsp.spi.kit.ext;

import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.result.WsaError;
import java.util.function.Supplier;

/**
 * One pending extension call (AcceptEx, ConnectEx), run by its own worker thread and registered with the
 * {@link ExtensionCalls} of every socket it involves, so a close of any of them or a CancelIo aborts it. It ends
 * exactly once: either its worker finishes it ({@link #finish}), or an abort does ({@link #abort}), whichever comes
 * first; the loser cleans up (the worker closes what it made). Once an accept has agreed to take a connection for
 * the call ({@link #take}), an abort waits for the accept's outcome ({@link #taken}), so no connection is lost to it.
 *
 * <p>The worker waits only in the provider's select, marked with {@link #waiting}: an abort interrupts the worker
 * there and nowhere else (an interrupt inside a channel operation would close the channel), and the worker clears
 * the interrupt as it leaves the wait.
 */
public final class ExtensionCall {
    private final Overlapped overlapped;
    private final Object lock = new Object();
    private Stage stage = Stage.RUNNING;
    private WsaError abortWhileTaking; // an abort that came while TAKING: the accept's outcome decides its fate
    private boolean inWait;
    private Thread worker;

    /** Who ends the call; guarded by {@code lock}. */
    private enum Stage {
        /** An abort ends it. */
        RUNNING,
        /** An accept agreed to take a connection ({@link #take}): an abort waits for the accept's outcome. */
        TAKING,
        /** The worker ends it: it completes with what the worker found, and an abort finds nothing. */
        SETTLED,
        /** An abort ended it (its completion is out); the worker undoes what it made. */
        ABORTED
    }

    public ExtensionCall(Overlapped overlapped) {
        this.overlapped = overlapped;
    }

    public Overlapped overlapped() {
        return overlapped;
    }

    /** Whether the call still runs (neither finished nor aborted). */
    public boolean live() {
        synchronized (lock) {
            return stage == Stage.RUNNING || stage == Stage.TAKING;
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
            if (stage != Stage.RUNNING) {
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

    /**
     * The accept condition's question: may the worker's accept take the connection it holds? Yes while the call runs;
     * from then on until {@link #taken} an abort no longer ends the call, since the connection is out of the
     * provider's queue: dropping it would lose it (a cancel that loses that race, as on Windows, is answered and the
     * call completes as the accept turns out). No once the call was aborted: the connection stays for the next accept.
     */
    public boolean take() {
        synchronized (lock) {
            if (stage != Stage.RUNNING) {
                return false;
            }
            stage = Stage.TAKING;
            return true;
        }
    }

    /**
     * The worker's accept came back, {@code connected} or not. A connection with nothing left to wait for
     * ({@code waitsForData} false) settles the call: it completes with success, and a later abort finds nothing
     * pending. Otherwise an abort that came while the accept was taking ends the call now (answered: the worker
     * completes with it and closes what it made, as if the abort had come just after the accept); without one the
     * call runs on, abortable again. Answers {@code null} when the worker goes on.
     */
    public WsaError taken(boolean connected, boolean waitsForData) {
        synchronized (lock) {
            if (stage != Stage.TAKING) {
                return null; // the condition never agreed: nothing was taken for this call
            }
            WsaError pending = abortWhileTaking;
            abortWhileTaking = null;
            if (connected && !waitsForData) {
                stage = Stage.SETTLED;
                return null;
            }
            stage = pending == null ? Stage.RUNNING : Stage.SETTLED;
            return pending;
        }
    }

    /** The worker ends the call; false when an abort ended it first (the worker then undoes what it made). */
    public boolean finish() {
        synchronized (lock) {
            if (stage == Stage.ABORTED) {
                return false;
            }
            stage = Stage.SETTLED;
            return true;
        }
    }

    /**
     * Ends the call with {@code error} (its completion goes to {@code done}, fired once the socket locks are
     * released) and interrupts the worker if it waits in select, so it sees the call ended and cleans up; false when
     * it had already ended. While an accept is taking a connection the abort is held for {@link #taken} instead
     * (answered true: the request is in, and no completion goes to {@code done}). Safe under a socket lock: the
     * interrupted worker needs that lock only to leave its wait.
     */
    public boolean abort(WsaError error, DeferredCompletions done) {
        synchronized (lock) {
            switch (stage) {
                case SETTLED, ABORTED -> {
                    return false;
                }
                case TAKING -> {
                    if (abortWhileTaking != null) {
                        return false;
                    }
                    abortWhileTaking = error;
                    return true;
                }
                case RUNNING -> {
                    stage = Stage.ABORTED;
                    if (inWait && worker != null) {
                        worker.interrupt();
                    }
                }
            }
        }
        done.add(overlapped, error, 0, 0, null);
        return true;
    }
}
