package io.jwsp.provider.atm;

/**
 * What one adapter counted on its receive side: every cell that came in and every way one (or a whole PDU) can be
 * thrown away before a socket holds it. Each drop is also logged at DEBUG. On a well-behaved switch only the
 * documented ones happen: cells still in flight when the call was released, and PDUs beyond a full receive buffer
 * (AAL5 has no flow control).
 *
 * @param cellsReceived          cells that reached the adapter from the switch
 * @param cellsBadHec            cells whose header failed its HEC
 * @param cellsUnknownVci        cells on a VCI no call of this adapter holds (its call was released and forgotten)
 * @param cellsAfterRelease      cells on a call that no longer receives (released, or shut down for receiving)
 * @param pdusDelivered          PDUs reassembled and handed to their socket
 * @param pdusDiscardedAal5      PDUs that failed an AAL5 check (length, CRC-32, size): a cell was lost or cells of
 *                               two PDUs interleaved
 * @param pdusDroppedReceiveFull PDUs a socket's full receive buffer could not hold
 * @param pdusDroppedClosed      PDUs that reached a socket already closed or shut down for receiving
 */
public record AdapterStatistics(long cellsReceived, long cellsBadHec, long cellsUnknownVci, long cellsAfterRelease,
                                long pdusDelivered, long pdusDiscardedAal5, long pdusDroppedReceiveFull,
                                long pdusDroppedClosed) {
}
