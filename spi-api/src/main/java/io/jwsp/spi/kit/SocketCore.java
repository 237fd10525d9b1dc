package io.jwsp.spi.kit;

import io.jwsp.spi.close.CloseOutcome;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.kit.closing.CloseRows;
import io.jwsp.spi.kit.closing.CloseSequence;
import io.jwsp.spi.kit.ext.ExtensionCalls;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.kit.pending.PendingQueue;
import io.jwsp.spi.kit.state.SocketStatus;
import io.jwsp.spi.kit.transmit.Transmissions;
import io.jwsp.spi.kit.wait.BlockingCall;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * The part of one provider socket that is the same in every provider: its lock and condition, its state, its event
 * recorder, its two queues of pending overlapped operations, its blocking calls and its close. A provider socket
 * owns one and keeps only its medium beside it (see the package documentation).
 */
public final class SocketCore {
    private final SocketServices services;

    // The lock every field below and the provider's own connection state are guarded by. Several sockets may share
    // one (both ends of an in-memory connection, or every socket of a provider that keeps one lock).
    private final Lock lock;
    private final Condition changed;

    // guarded by lock (state also readable without it)
    private final SocketStatus status = new SocketStatus();
    private final PendingQueue receives = new PendingQueue();
    private final PendingQueue sends = new PendingQueue();
    // made on first use (a million idle sockets never make one): AcceptEx/ConnectEx and transmits in progress
    private volatile ExtensionCalls extensionCalls;

    // thread-safe on their own
    private final NetworkEventRecorder events = new NetworkEventRecorder();
    private volatile Transmissions transmissions;
    private BlockingCall blocking; // made on first use: a socket that never blocks never needs one

    public SocketCore(SocketServices services, Lock lock, Condition changed) {
        this.services = services;
        this.lock = lock;
        this.changed = changed;
    }

    public SocketServices services() {
        return services;
    }

    public Lock lock() {
        return lock;
    }

    /** Signalled (with the lock held) after every change a blocked caller of this socket may wait for. */
    public Condition changed() {
        return changed;
    }

    public SocketStatus status() {
        return status;
    }

    public NetworkEventRecorder events() {
        return events;
    }

    /** Overlapped receives waiting for data, oldest first. */
    public PendingQueue receives() {
        return receives;
    }

    /** Overlapped sends waiting for room, oldest first. */
    public PendingQueue sends() {
        return sends;
    }

    /** AcceptEx / ConnectEx calls pending on this socket, which CancelIo and closesocket abort as well. */
    public synchronized ExtensionCalls extensionCalls() {
        if (extensionCalls == null) {
            extensionCalls = new ExtensionCalls(); // never two: a call registered in a lost one would not be aborted
        }
        return extensionCalls;
    }

    /**
     * Aborts {@code overlapped}'s pending extension call ({@code null}: every one) with {@code error}, completions to
     * {@code done}; answers how many. Makes no registry for a socket that never had a call.
     */
    public int abortExtensionCalls(Overlapped overlapped, WsaError error, DeferredCompletions done) {
        ExtensionCalls c = extensionCalls;
        return c == null ? 0 : c.abort(overlapped, error, done);
    }

    /** The TransmitFile / TransmitPackets calls in progress on this socket ({@link #cancelIo} reaches them). */
    public synchronized Transmissions transmissions() {
        if (transmissions == null) {
            transmissions = new Transmissions();
        }
        return transmissions;
    }

    /** The blocking-call loop of this socket (attempt, wait, WSAEINTR on close or cancel, WSAETIMEDOUT). */
    public BlockingCall blocking() {
        BlockingCall b = blocking;
        if (b == null) {
            b = new BlockingCall(services.clock(), services.blockingCalls(), this, lock, changed, status,
                    services.spin());
            blocking = b; // a race makes two equal instances, which is harmless
        }
        return b;
    }

    /** Shorthand for {@code blocking().run(...)}; lock held. */
    public <T> WspResult<T> block(boolean nonBlocking, long timeoutNanos, BlockingCall.Attempt<T> attempt) {
        return blocking().run(nonBlocking, timeoutNanos, attempt);
    }

    /** Wakes this socket's blocked callers (lock held) and every select. */
    public void signalChange() {
        changed.signalAll();
        services.wakeSelects().run();
    }

    /** Performs {@code done}'s completions; call with no socket lock held. */
    public void fire(DeferredCompletions done) {
        done.fire(services.completer());
    }

    /**
     * WSPCancelIo for a provider on the kit: {@code overlapped}'s pending send, receive or extension call
     * ({@code null}: all of this socket's) completes with WSA_OPERATION_ABORTED and the bytes it moved; the socket stays open and later
     * operations run as before. A record with nothing pending here is WSA_INVALID_PARAMETER (CancelIoEx's
     * ERROR_NOT_FOUND, which is not a Winsock code). A transmit in progress counts as one operation of its record.
     * Takes the lock; fires the completions after releasing it.
     */
    public WspResult<Void> cancelIo(Overlapped overlapped) {
        DeferredCompletions done = new DeferredCompletions();
        // before the lock: a transmit aborts the step it has on the send queue through this method again
        Transmissions inProgress = transmissions;
        int cancelled = inProgress == null ? 0 : inProgress.cancel(overlapped);
        lock.lock();
        try {
            cancelled += receives.cancel(overlapped, WsaError.WSA_OPERATION_ABORTED, done)
                    + sends.cancel(overlapped, WsaError.WSA_OPERATION_ABORTED, done)
                    + abortExtensionCalls(overlapped, WsaError.WSA_OPERATION_ABORTED, done);
            if (cancelled > 0) {
                signalChange();
            }
        } finally {
            lock.unlock();
        }
        fire(done);
        return cancelled == 0 && overlapped != null ? WspResult.fail(WsaError.WSA_INVALID_PARAMETER) : WspResult.ok();
    }

    /** WSPCloseSocket through {@link CloseSequence#close}. */
    public WspResult<Void> close(CloseRows rows) {
        return CloseSequence.close(this, rows);
    }

    /** The cleanup close through {@link CloseSequence#release}; fire {@code done} once your locks are released. */
    public boolean release(CloseRows rows, CloseOutcome row, DeferredCompletions done) {
        return CloseSequence.release(this, rows, row, done);
    }

    @Override
    public String toString() {
        return "SocketCore[" + status + "]";
    }
}
