package io.jwsp.provider.tcp.dup;

import io.jwsp.provider.tcp.kernel.Descriptors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A tcp socket's kernel descriptor that another process also holds (WSADuplicateSocket, either side). Windows' rule:
 * only the last descriptor's close ends the connection, with that close's row; so no close here may shut the
 * connection down while the other side lives. The kernel already closes a connection only with its last reference;
 * what must not happen is the JDK's own shutdown(SHUT_WR) when it closes a channel a selector or a blocked thread
 * still holds (it skips that only while SO_LINGER is {1,0}).
 *
 * <p>So a close goes: {@link #keepLastReference} (a reference of our own, and SO_LINGER {1,0} so the JDK's close
 * sends nothing), the channel's close, then {@link #finish} (SO_LINGER as this close's row wants it, and our
 * reference closed: if it was the connection's last, the kernel performs the row: a FIN after the data, or an RST).
 * Two processes closing at the very same moment may see each other's SO_LINGER (a FIN where an RST was asked, or the
 * reverse); nothing else is shared.
 */
public final class SharedDescriptor {
    private final int fd;
    private final AtomicBoolean kept = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile int reference = -1;

    /** {@code fd}: the descriptor of the channel, valid until the channel closes. */
    public SharedDescriptor(int fd) {
        this.fd = fd;
    }

    public int fd() {
        return fd;
    }

    /** Just before the channel closes (its descriptor still open): once. */
    public void keepLastReference() {
        if (kept.compareAndSet(false, true)) {
            reference = Descriptors.dup(fd);
            Descriptors.setKernelLinger(fd, true);
        }
    }

    /** Once the channel's descriptor is closed: this side's reference goes, with its row; once. */
    public void finish(boolean abortive) {
        if (!kept.get() || !finished.compareAndSet(false, true)) {
            return;
        }
        int r = reference;
        if (r >= 0) {
            Descriptors.setKernelLinger(r, abortive);
            Descriptors.close(r);
        }
    }
}
