package io.jwsp.spi.io;

import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.result.WsaError;

/**
 * WSAOVERLAPPED: one overlapped operation's record and its completion path. An application may reuse it once the
 * previous operation completed. Providers finish it only through {@code Upcalls.completeOverlapped}, which sets
 * the result and performs the completion action exactly once.
 */
public final class Overlapped {
    private final Completion completion;
    private final Object lock = new Object();
    private boolean pending;
    private boolean done;
    private int bytesTransferred;
    private int flags;
    private WsaError error;
    private SockAddr from;
    private Thread issuer;
    /** The port of the socket the current operation was issued on, if it is associated with one (or null). */
    private Completion.Port socketPort;
    /** Offset/OffsetHigh: where a file operation (TransmitFile) starts; an input the application sets. */
    private long offset;

    public Overlapped(Completion completion) {
        this.completion = java.util.Objects.requireNonNull(completion, "completion");
    }

    public static Overlapped withEvent(WspEvent event) {
        return new Overlapped(new Completion.Event(event));
    }

    public static Overlapped withRoutine(CompletionRoutine routine) {
        return new Overlapped(new Completion.Routine(routine));
    }

    public static Overlapped withPort(CompletionPort port, long key) {
        return new Overlapped(new Completion.Port(port, key));
    }

    public static Overlapped polled() {
        return new Overlapped(new Completion.Polled());
    }

    public Completion completion() {
        return completion;
    }

    /** OVERLAPPED's Offset and OffsetHigh: the file offset TransmitFile starts at (0 until set). */
    public long offset() {
        synchronized (lock) {
            return offset;
        }
    }

    /** Sets Offset/OffsetHigh before the record is issued; a new operation keeps it (begin does not clear it). */
    public Overlapped offset(long fileOffset) {
        synchronized (lock) {
            this.offset = fileOffset;
            return this;
        }
    }

    /**
     * Marks the record in use by a new operation issued by {@code thread}. Answers false when it is still in use
     * by an earlier one (the caller answers WSAEINVAL).
     */
    public boolean begin(Thread thread) {
        return begin(thread, null);
    }

    /**
     * {@link #begin(Thread)} for an operation on a socket associated with a completion port
     * ({@code CreateIoCompletionPort(socket, port, key)}; {@code null}: none): a record without an event or a
     * routine then completes to that port with the socket's key ({@link #completionAction}).
     */
    public boolean begin(Thread thread, Completion.Port socketPort) {
        synchronized (lock) {
            if (pending) {
                return false;
            }
            pending = true;
            done = false;
            bytesTransferred = 0;
            flags = 0;
            error = null;
            from = null;
            issuer = thread;
            this.socketPort = socketPort;
            return true;
        }
    }

    /**
     * What the current operation's completion does: the record's own {@link #completion()}, except that a record
     * with none ({@link Completion.Polled}) issued on a socket associated with a port posts to that port. Read it
     * before finishing the record: once finished, the application may issue it again elsewhere.
     */
    public Completion completionAction() {
        synchronized (lock) {
            return completion instanceof Completion.Polled && socketPort != null ? socketPort : completion;
        }
    }

    /** Records the result; answers false when the operation had already finished (the second finisher loses). */
    public boolean finish(WsaError err, int bytes, int msgFlags, SockAddr source) {
        synchronized (lock) {
            if (!pending) {
                return false;
            }
            pending = false;
            done = true;
            error = err;
            bytesTransferred = bytes;
            flags = msgFlags;
            from = source;
            lock.notifyAll();
            return true;
        }
    }

    public boolean isPending() {
        synchronized (lock) {
            return pending;
        }
    }

    public boolean isDone() {
        synchronized (lock) {
            return done;
        }
    }

    public int bytesTransferred() {
        synchronized (lock) {
            return bytesTransferred;
        }
    }

    public int flags() {
        synchronized (lock) {
            return flags;
        }
    }

    /** {@code null} for success. */
    public WsaError error() {
        synchronized (lock) {
            return error;
        }
    }

    /** The source address of a completed recvFrom, or {@code null}. */
    public SockAddr from() {
        synchronized (lock) {
            return from;
        }
    }

    public Thread issuer() {
        synchronized (lock) {
            return issuer;
        }
    }
}
