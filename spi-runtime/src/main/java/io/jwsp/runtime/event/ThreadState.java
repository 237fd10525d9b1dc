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
    /** The facade's reusable frame for this thread's hot-path calls, opaque here (see the facade's data calls). */
    private Object callFrame;

    /** The facade's frame kept for this thread, or {@code null}; only the owning thread calls this. */
    public Object callFrame() {
        return callFrame;
    }

    public void callFrame(Object frame) {
        callFrame = frame;
    }

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
