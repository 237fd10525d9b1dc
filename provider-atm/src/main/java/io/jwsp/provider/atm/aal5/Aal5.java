package io.jwsp.provider.atm.aal5;

import java.util.ArrayList;
import java.util.List;

/**
 * AAL5 segmentation (I.363.5). A CPCS-PDU is the payload (1..65535 bytes), 0..47 pad bytes, and an 8-byte trailer
 * (CPCS-UU 1, CPI 1, Length 2, CRC-32 4), a multiple of 48 bytes; the SAR sublayer cuts it into cells and marks the
 * last one with the AUU bit.
 */
public final class Aal5 {
    public static final int MAX_SDU = 65535;
    public static final int TRAILER = 8;

    private Aal5() {
    }

    /** The CPCS-PDU for {@code payload}. */
    public static byte[] cpcsPdu(byte[] payload, int uu) {
        if (payload.length < 1 || payload.length > MAX_SDU) {
            throw new IllegalArgumentException("an AAL5 SDU is 1..65535 bytes, not " + payload.length);
        }
        int total = (payload.length + TRAILER + Cell.PAYLOAD - 1) / Cell.PAYLOAD * Cell.PAYLOAD;
        byte[] pdu = new byte[total];
        System.arraycopy(payload, 0, pdu, 0, payload.length);
        int t = total - TRAILER;
        pdu[t] = (byte) uu;
        pdu[t + 1] = 0; // CPI
        pdu[t + 2] = (byte) (payload.length >>> 8);
        pdu[t + 3] = (byte) payload.length;
        int crc = Crc32Aal5.of(pdu, 0, total - 4);
        pdu[t + 4] = (byte) (crc >>> 24);
        pdu[t + 5] = (byte) (crc >>> 16);
        pdu[t + 6] = (byte) (crc >>> 8);
        pdu[t + 7] = (byte) crc;
        return pdu;
    }

    /** How many cells an SDU of {@code length} bytes takes. */
    public static int cellsFor(int length) {
        return (length + TRAILER + Cell.PAYLOAD - 1) / Cell.PAYLOAD;
    }

    /** The encoded 53-byte cells carrying {@code payload} on {@code vpi/vci}. */
    public static List<byte[]> segment(byte[] payload, int vpi, int vci) {
        byte[] pdu = cpcsPdu(payload, 0);
        int n = pdu.length / Cell.PAYLOAD;
        List<byte[]> cells = new ArrayList<>(n);
        byte[] chunk = new byte[Cell.PAYLOAD];
        for (int i = 0; i < n; i++) {
            System.arraycopy(pdu, i * Cell.PAYLOAD, chunk, 0, Cell.PAYLOAD);
            int pti = i == n - 1 ? Cell.PTI_AUU : 0;
            cells.add(new Cell(0, vpi, vci, pti, 0, chunk).encode());
        }
        return cells;
    }
}
