package io.jwsp.provider.irda.stack;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A listening TinyTP server on one selector of one device. An incoming CONNECT is confirmed at once while the
 * backlog has room (the connection then waits to be accepted, like a TCP backlog); otherwise it is refused with a
 * DISCONNECT.
 */
public final class LsapListener {
    final int device;
    final int lsap;
    final int backlog;
    final Deque<TtpConnection> pending = new ArrayDeque<>();
    private final Runnable onChange;
    boolean closed;

    LsapListener(int device, int lsap, int backlog, Runnable onChange) {
        this.device = device;
        this.lsap = lsap;
        this.backlog = backlog;
        this.onChange = onChange;
    }

    public int device() {
        return device;
    }

    public int lsap() {
        return lsap;
    }

    public boolean hasPending() {
        return !pending.isEmpty();
    }

    /** The next confirmed connection, or {@code null}. */
    public TtpConnection poll() {
        return pending.poll();
    }

    /** Puts a connection back at the head (a deferred accept). */
    public void pushBack(TtpConnection c) {
        pending.addFirst(c);
    }

    void changed() {
        onChange.run();
    }
}
