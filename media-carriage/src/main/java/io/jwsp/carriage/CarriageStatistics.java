package io.jwsp.carriage;

/**
 * What a carriage counted. Every datagram it refuses is in exactly one of the {@code dropped*} counters.
 *
 * @param framesSent              frames handed to the carriage and sent (first transmissions)
 * @param framesDelivered         frames delivered to the medium
 * @param retransmissions         datagrams sent again after the retransmission timeout
 * @param droppedMalformed        datagrams too short, of another format or version, or of an unknown type
 * @param droppedUnauthenticated  datagrams whose tag did not verify (wrong key, altered, or another source address)
 * @param droppedStale            authenticated datagrams of a session that is not (or no longer) the current one
 * @param droppedDuplicate        DATA already delivered (a retransmission or a replay within the session)
 * @param droppedOutOfOrder       DATA ahead of the next number (one before it was lost; it comes again)
 * @param droppedQueueFull        frames refused because the queue to a peer was full
 * @param droppedPeerLost         frames still queued or unacknowledged when their peer was lost
 * @param droppedTableFull        HELLOs refused because the peer table was full of live peers
 * @param peersLost               peers removed as lost
 * @param peers                   peers in the table now
 */
public record CarriageStatistics(long framesSent, long framesDelivered, long retransmissions, long droppedMalformed,
                                 long droppedUnauthenticated, long droppedStale, long droppedDuplicate,
                                 long droppedOutOfOrder, long droppedQueueFull, long droppedPeerLost,
                                 long droppedTableFull, long peersLost, int peers) {
    /** Datagrams refused as an attack could cause them: malformed, unauthenticated or stale. */
    public long refused() {
        return droppedMalformed + droppedUnauthenticated + droppedStale;
    }
}
