package io.jwsp.provider.atm.aal5;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One 53-byte ATM cell at the UNI: a 5-byte header (GFC 4 bits, VPI 8, VCI 16, PTI 3, CLP 1, HEC 8) and 48 bytes of
 * payload. For AAL5 user data the low PTI bit is the ATM-user-to-ATM-user (AUU) indication: set on the last cell of
 * a CPCS-PDU.
 */
public record Cell(int gfc, int vpi, int vci, int pti, int clp, byte[] payload) {
    public static final int SIZE = 53;
    public static final int HEADER = 5;
    public static final int PAYLOAD = 48;
    /** PTI bit 0 on a user-data cell (PTI 0xx): end of an AAL5 PDU. */
    public static final int PTI_AUU = 0x1;
    /** PTI 101: an end-to-end OAM F5 cell, on the VC but never part of a PDU. */
    public static final int PTI_OAM_F5_END_TO_END = 0x5;
    /** The payload of the OAM cell that marks where a VC's hand-over to another port cuts its cell stream. */
    private static final byte[] HAND_OVER_MARK = "jwsp-atm handover marker".getBytes(StandardCharsets.US_ASCII);

    public Cell {
        if (payload.length != PAYLOAD) {
            throw new IllegalArgumentException("a cell carries 48 payload bytes, not " + payload.length);
        }
        if (gfc < 0 || gfc > 0xF || vpi < 0 || vpi > 0xFF || vci < 0 || vci > 0xFFFF || pti < 0 || pti > 7
                || clp < 0 || clp > 1) {
            throw new IllegalArgumentException("header field out of range");
        }
        payload = payload.clone();
    }

    /** Whether this is the last cell of an AAL5 PDU. */
    public boolean endOfPdu() {
        return (pti & 0x4) == 0 && (pti & PTI_AUU) != 0;
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public byte[] encode() {
        byte[] b = new byte[SIZE];
        b[0] = (byte) (gfc << 4 | vpi >>> 4);
        b[1] = (byte) ((vpi & 0xF) << 4 | vci >>> 12);
        b[2] = (byte) (vci >>> 4);
        b[3] = (byte) ((vci & 0xF) << 4 | pti << 1 | clp);
        b[4] = (byte) HeaderErrorControl.of(b, 0);
        System.arraycopy(payload, 0, b, HEADER, PAYLOAD);
        return b;
    }

    /** Decodes a cell; {@code null} when the length is wrong or the HEC does not match (the cell is discarded). */
    public static Cell decode(byte[] b) {
        if (b.length != SIZE || (b[4] & 0xFF) != HeaderErrorControl.of(b, 0)) {
            return null;
        }
        int gfc = (b[0] & 0xFF) >>> 4;
        int vpi = (b[0] & 0xF) << 4 | (b[1] & 0xFF) >>> 4;
        int vci = (b[1] & 0xF) << 12 | (b[2] & 0xFF) << 4 | (b[3] & 0xFF) >>> 4;
        int pti = (b[3] >>> 1) & 0x7;
        int clp = b[3] & 0x1;
        return new Cell(gfc, vpi, vci, pti, clp, Arrays.copyOfRange(b, HEADER, SIZE));
    }

    /** VPI and VCI of an encoded cell without decoding the rest. */
    public static int vciOf(byte[] b) {
        return (b[1] & 0xF) << 12 | (b[2] & 0xFF) << 4 | (b[3] & 0xFF) >>> 4;
    }

    public static int vpiOf(byte[] b) {
        return (b[0] & 0xF) << 4 | (b[1] & 0xFF) >>> 4;
    }

    /** Rewrites VPI/VCI of an encoded cell (what a switch does at its cross-connect) and recomputes the HEC. */
    public static byte[] relabel(byte[] b, int vpi, int vci) {
        byte[] out = b.clone();
        out[0] = (byte) ((out[0] & 0xF0) | vpi >>> 4);
        out[1] = (byte) ((vpi & 0xF) << 4 | vci >>> 12);
        out[2] = (byte) (vci >>> 4);
        out[3] = (byte) ((vci & 0xF) << 4 | (out[3] & 0x0F));
        out[4] = (byte) HeaderErrorControl.of(out, 0);
        return out;
    }

    /** The PTI of an encoded cell. */
    public static int ptiOf(byte[] b) {
        return (b[3] >>> 1) & 0x7;
    }

    /**
     * The OAM F5 cell that marks a hand-over on {@code vci}: the switch sends it down to the source after the last
     * cell the source gets; the source sends it up after its last data, before the cells it gives back.
     */
    public static byte[] handOverMarker(int vci) {
        byte[] payload = new byte[PAYLOAD];
        System.arraycopy(HAND_OVER_MARK, 0, payload, 0, HAND_OVER_MARK.length);
        return new Cell(0, 0, vci, PTI_OAM_F5_END_TO_END, 0, payload).encode();
    }

    /** Whether an encoded cell is a {@link #handOverMarker}. */
    public static boolean isHandOverMarker(byte[] b) {
        return b.length == SIZE && ptiOf(b) == PTI_OAM_F5_END_TO_END
                && Arrays.equals(b, HEADER, HEADER + HAND_OVER_MARK.length, HAND_OVER_MARK, 0, HAND_OVER_MARK.length);
    }

    public static boolean endOfPdu(byte[] b) {
        int pti = (b[3] >>> 1) & 0x7;
        return (pti & 0x4) == 0 && (pti & PTI_AUU) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cell c && c.gfc == gfc && c.vpi == vpi && c.vci == vci && c.pti == pti && c.clp == clp
                && Arrays.equals(c.payload, payload);
    }

    @Override
    public int hashCode() {
        return ((vpi * 31 + vci) * 31 + pti) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Cell[vpi=" + vpi + ", vci=" + vci + ", pti=" + pti + (endOfPdu() ? " (end)" : "") + "]";
    }
}
