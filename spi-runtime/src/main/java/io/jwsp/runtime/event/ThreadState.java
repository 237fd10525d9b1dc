package io.jwsp.runtime.event;

import io.jwsp.spi.WspProvider;
import io.jwsp.spi.result.WsaError;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * What one runtime keeps per application thread: the last error (WSAGetLastError), the blocking call the thread
 * is in, whether it is running completion routines that interrupted that call, and its APC queue. Only the owning
 * thread touches the plain fields; other threads only queue APCs and read where the thread is parked.
 */
public final class ThreadState {
    /** Where a thread is parked: the lock and condition a queued APC must signal to wake it. */
    record Parked(Lock lock, Condition cond) {
    }

    final ConcurrentLinkedQueue<Runnable> apcs = new ConcurrentLinkedQueue<>();
    volatile Parked parked;

    private WsaError lastError;
    private WspProvider blockingProvider;
    private int interruptDepth;

    public WsaError lastError() {
        return lastError;
    }

    public void lastError(WsaError e) {
        lastError = e;
    }

    /** The provider of the blocking call this thread is in, or {@code null}. */
    public WspProvider blockingProvider() {
        return blockingProvider;
    }

    /** Enters a blocking call on {@code provider}; answers the previous one, for {@link #leaveBlocking}. */
    public WspProvider enterBlocking(WspProvider provider) {
        WspProvider prev = blockingProvider;
        blockingProvider = provider;
        return prev;
    }

    public void leaveBlocking(WspProvider previous) {
        blockingProvider = previous;
    }

    /** Whether the thread is inside a completion routine that interrupted one of its own blocking calls. */
    public boolean inInterruptingRoutine() {
        return interruptDepth > 0;
    }

    void enterInterruptingRoutine() {
        interruptDepth++;
    }

    void leaveInterruptingRoutine() {
        interruptDepth--;
    }

    boolean inBlockingCall() {
        return blockingProvider != null;
    }

    boolean hasApcs() {
        return !apcs.isEmpty();
    }
}
