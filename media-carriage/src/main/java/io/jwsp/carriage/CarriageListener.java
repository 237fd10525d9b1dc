package io.jwsp.carriage;

import java.net.InetSocketAddress;

/**
 * What a carriage hands to its medium. Both calls come from the carriage's own threads without any carriage lock
 * held, frames of one peer in the order they were sent.
 */
public interface CarriageListener {
    /** An authenticated frame from {@code peer}, in order, delivered once. */
    void frame(InetSocketAddress peer, byte[] frame);

    /** Nothing fresh was heard from {@code peer} for the dead-after time, or its session restarted. */
    void peerLost(InetSocketAddress peer, String why);
}
