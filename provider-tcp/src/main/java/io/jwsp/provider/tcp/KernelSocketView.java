package io.jwsp.provider.tcp;

import io.jwsp.provider.tcp.kernel.FdLocator;
import io.jwsp.provider.tcp.kernel.NativeSockets;
import io.jwsp.provider.tcp.kernel.TcpState;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the kernel says about one connection that the JDK does not, through FFM: the bytes it still holds
 * unacknowledged (SIOCOUTQ, the close table's "data queued", read only by closesocket with a lingering SO_LINGER and
 * by tools) and whether the peer's FIN arrived behind unread data (TCP_INFO's CLOSE_WAIT, read only while FD_CLOSE
 * waits on the event path). Never on the send or receive path. The descriptor is found once ({@link FdLocator}), at
 * the first question, with the socket's lock held; later questions may come from any thread.
 */
final class KernelSocketView {
    private static final Logger LOG = LoggerFactory.getLogger(KernelSocketView.class);
    private static final int FD_UNRESOLVED = -2;

    private final boolean sendQueueKnown;
    private volatile int fd = FD_UNRESOLVED;

    /** {@code sendQueueKnown}: false behaves as a system without SIOCOUTQ (setting jwsp.tcp.sendqueue=unknown). */
    KernelSocketView(boolean sendQueueKnown) {
        this.sendQueueKnown = sendQueueKnown;
    }

    /** SIOCOUTQ now, or -1 when unknown. Socket lock held. */
    int unacknowledged(InetSocketAddress local, InetSocketAddress peer) {
        return sendQueueKnown ? NativeSockets.unacknowledged(resolve(local, peer)) : -1;
    }

    /** SIOCOUTQ with the descriptor already resolved (any thread, no lock), or -1. */
    int unacknowledgedNow() {
        int f = fd;
        return !sendQueueKnown || f < 0 ? -1 : NativeSockets.unacknowledged(f);
    }

    /** Whether this side can see a FIN behind unread data at all (Linux, native access). */
    static boolean seesPeerEnd() {
        return NativeSockets.available();
    }

    /** The kernel's TCP state of the connection, or {@code null} when unknown. Socket lock held. */
    TcpState state(InetSocketAddress local, InetSocketAddress peer) {
        return NativeSockets.tcpState(resolve(local, peer));
    }

    private int resolve(InetSocketAddress local, InetSocketAddress peer) {
        if (fd == FD_UNRESOLVED) {
            int found = FdLocator.find(local, peer);
            if (found < 0) {
                LOG.debug("no descriptor found for {} -> {}: the kernel's counters are unknown", local, peer);
            }
            fd = found;
        }
        return fd;
    }
}
