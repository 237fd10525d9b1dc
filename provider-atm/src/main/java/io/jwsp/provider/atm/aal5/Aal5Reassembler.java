package io.jwsp.provider.atm.aal5;

import java.io.ByteArrayOutputStream;

/**
 * AAL5 reassembly for one VC: collects cell payloads until a cell with the AUU bit, then checks the CPCS-PDU
 * (a multiple of 48, the Length field against the size, the CRC-32). A PDU that fails any check is discarded
 * silently, as AAL5 does: a lost middle cell loses its PDU; a lost last cell glues two PDUs together and both fail.
 */
public final class Aal5Reassembler {
    /** The longest CPCS-PDU: 65535 + 47 pad + 8 trailer, rounded to cells. */
    static final int MAX_PDU = Aal5.cellsFor(Aal5.MAX_SDU) * Cell.PAYLOAD;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private boolean overflowed;
    private long discarded;

    /** What one cell did to the reassembly. */
    public sealed interface Outcome {
        /** The PDU is not complete yet. */
        record Partial() implements Outcome {
        }

        /** A PDU passed its checks. */
        record Delivered(byte[] sdu) implements Outcome {
        }

        /** A PDU failed a check and was thrown away. */
        record Discarded(String reason) implements Outcome {
        }
    }

    private static final Outcome PARTIAL = new Outcome.Partial();

    /** Feeds one cell's 48 payload bytes. */
    public Outcome accept(byte[] cellPayload, boolean endOfPdu) {
        if (!overflowed) {
            if (buffer.size() + cellPayload.length > MAX_PDU) {
                overflowed = true;
                buffer.reset();
            } else {
                buffer.write(cellPayload, 0, cellPayload.length);
            }
        }
        if (!endOfPdu) {
            return PARTIAL;
        }
        if (overflowed) {
            overflowed = false;
            return discard("longer than the largest CPCS-PDU");
        }
        byte[] pdu = buffer.toByteArray();
        buffer.reset();
        int t = pdu.length - Aal5.TRAILER;
        int length = (pdu[t + 2] & 0xFF) << 8 | pdu[t + 3] & 0xFF;
        if (length == 0) {
            return discard("length 0 (abort)");
        }
        int pad = t - length;
        if (pad < 0 || pad >= Cell.PAYLOAD) {
            return discard("length " + length + " does not fit a " + pdu.length + "-byte CPCS-PDU");
        }
        int crc = (pdu[t + 4] & 0xFF) << 24 | (pdu[t + 5] & 0xFF) << 16 | (pdu[t + 6] & 0xFF) << 8
                | pdu[t + 7] & 0xFF;
        if (crc != Crc32Aal5.of(pdu, 0, pdu.length - 4)) {
            return discard("CRC-32 mismatch");
        }
        byte[] sdu = new byte[length];
        System.arraycopy(pdu, 0, sdu, 0, length);
        return new Outcome.Delivered(sdu);
    }

    private Outcome discard(String reason) {
        discarded++;
        return new Outcome.Discarded(reason);
    }

    /**
     * The cell payloads of the PDU collected so far (a multiple of 48 bytes, empty between PDUs): what a hand-over
     * gives back so that the far end's next cells complete it elsewhere.
     */
    public byte[] partial() {
        return overflowed ? new byte[0] : buffer.toByteArray();
    }

    /** Drops a partial PDU (the VC was released). */
    public void reset() {
        buffer.reset();
        overflowed = false;
    }

    public long discarded() {
        return discarded;
    }
}
