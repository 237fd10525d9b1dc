package io.jwsp.provider.tcp;

import io.jwsp.provider.tcp.kernel.FdLocator;
import io.jwsp.provider.tcp.kernel.NativeSockets;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the kernel still holds unacknowledged for one connection (SIOCOUTQ through FFM): the close table's "data
 * queued". Read only by closesocket with a lingering SO_LINGER and by tools, never on the send or receive path. The
 * descriptor is found once ({@link FdLocator}), at the first question.
 */
final class KernelSendQueue {
    private static final Logger LOG = LoggerFactory.getLogger(KernelSendQueue.class);
    private static final int FD_UNRESOLVED = -2;

    private final boolean countersOn;
    private volatile int fd = FD_UNRESOLVED;

    KernelSendQueue(boolean countersOn) {
        this.countersOn = countersOn;
    }

    /** SIOCOUTQ now, or -1 when unknown. Socket lock held (resolves the descriptor once). */
    int unacknowledged(InetSocketAddress local, InetSocketAddress peer) {
        if (!countersOn) {
            return -1;
        }
        if (fd == FD_UNRESOLVED) {
            fd = FdLocator.find(local, peer);
            if (fd < 0) {
                LOG.debug("no descriptor found for {} -> {}: the send queue is unknown", local, peer);
            }
        }
        return NativeSockets.unacknowledged(fd);
    }

    /** SIOCOUTQ with the descriptor already resolved (any thread, no lock), or -1. */
    int unacknowledgedNow() {
        int f = fd;
        return f < 0 ? -1 : NativeSockets.unacknowledged(f);
    }
}
