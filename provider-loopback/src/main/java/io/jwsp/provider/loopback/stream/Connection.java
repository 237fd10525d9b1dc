package io.jwsp.provider.loopback.stream;

import io.jwsp.spi.kit.pending.DeferredCompletions;

/**
 * One stream connection: its two endpoints, which share one lock and one condition (the connector's), and the
 * facts that belong to the pair rather than to either side.
 */
final class Connection {
    final StreamSocket client;
    final StreamSocket server;
    /** Whether the connect has completed (false only while a conditional accept has not decided). */
    boolean established;
    /** An RST went either way: both sides' unread data is gone and every call answers WSAECONNRESET. */
    boolean reset;
    /** The side whose FIN arrived first: the active closer, the one that may enter TIME_WAIT. */
    StreamSocket activeCloser;

    Connection(StreamSocket client, StreamSocket server, boolean established) {
        this.client = client;
        this.server = server;
        this.established = established;
    }

    /**
     * Moves pending overlapped data both ways until nothing more moves, then settles events on both sides and wakes
     * the connection's waiters once (the two ends share one condition).
     */
    void pump(DeferredCompletions done) {
        boolean progress = true;
        while (progress) {
            progress = client.servePendingSends(done);
            progress |= server.servePendingSends(done);
            progress |= client.servePendingReceives(done);
            progress |= server.servePendingReceives(done);
        }
        boolean concerned = client.settleEvents();
        concerned |= server.settleEvents();
        if (concerned) {
            client.wakeWaiters();
        }
    }
}
