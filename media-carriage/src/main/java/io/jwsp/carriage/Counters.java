package io.jwsp.carriage;

/** What a carriage counts, for {@link CarriageStatistics}. Guarded by the carriage's lock. */
final class Counters {
    long framesSent;
    long framesDelivered;
    long retransmissions;
    long droppedMalformed;
    long droppedUnauthenticated;
    long droppedStale;
    long droppedDuplicate;
    long droppedOutOfOrder;
    long droppedQueueFull;
    long droppedPeerLost;
    long droppedTableFull;
    long peersLost;

    CarriageStatistics snapshot(int peers) {
        return new CarriageStatistics(framesSent, framesDelivered, retransmissions, droppedMalformed,
                droppedUnauthenticated, droppedStale, droppedDuplicate, droppedOutOfOrder, droppedQueueFull,
                droppedPeerLost, droppedTableFull, peersLost, peers);
    }
}
