package io.jwsp.provider.tcp.poll;

import java.nio.channels.SelectableChannel;

/** Something the {@link Poller} watches: a socket with its current channel and the readiness it wants. */
public interface Pollable {
    /** The channel to watch now ({@code null} when there is none). */
    SelectableChannel channel();

    /** The SelectionKey.OP_* bits wanted now; 0 stops watching without deregistering. */
    int interest();

    /**
     * Runs on the poller thread when the channel is ready. Must not block.
     *
     * @return the interest wanted from now on
     */
    int ready(int readyOps);
}
