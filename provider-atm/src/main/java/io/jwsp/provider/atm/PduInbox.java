package io.jwsp.provider.atm;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The PDUs received on one VC and not read yet, bounded by SO_RCVBUF: AAL5 has no flow control, so a PDU that does
 * not fit is dropped, never held back. Guarded by the provider's lock.
 */
final class PduInbox {
    private final ArrayDeque<byte[]> pdus = new ArrayDeque<>();
    private long bytes;

    /** Keeps {@code sdu} unless it would take the queued bytes over {@code limit}; answers whether it was kept. */
    boolean offer(byte[] sdu, int limit) {
        if (bytes + sdu.length > limit) {
            return false;
        }
        pdus.add(sdu);
        bytes += sdu.length;
        return true;
    }

    /** The oldest PDU, removed unless {@code peek}; {@code null} when empty. */
    byte[] take(boolean peek) {
        byte[] pdu = peek ? pdus.peek() : pdus.poll();
        if (pdu != null && !peek) {
            bytes -= pdu.length;
        }
        return pdu;
    }

    boolean isEmpty() {
        return pdus.isEmpty();
    }

    /** FIONREAD on a message socket: the size of the next message. */
    int nextLength() {
        return pdus.isEmpty() ? 0 : pdus.peek().length;
    }

    /** Every PDU, oldest first, removed. */
    List<byte[]> takeAll() {
        List<byte[]> all = List.copyOf(pdus);
        clear();
        return all;
    }

    void clear() {
        pdus.clear();
        bytes = 0;
    }
}
