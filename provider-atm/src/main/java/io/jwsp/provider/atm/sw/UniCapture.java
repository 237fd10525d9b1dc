package io.jwsp.provider.atm.sw;

import io.jwsp.provider.atm.aal5.Cell;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.trace.CaptureLink;
import io.jwsp.spi.trace.WirePacket;
import io.jwsp.spi.trace.WireTap;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Every UNI of the switch as a packet capture (LINKTYPE_SUNATM): signalling as SSCOP PDUs (Q.2110) on VPI 0 /
 * VCI 5 carrying the Q.2931 messages, each port's SSCOP connection begun with BGN/BGAK, and the AAL5 CPCS-PDUs the
 * users' cells make up, reassembled per VC. A user's message or cell is captured as it enters its UNI, the
 * switch's as it leaves: so data still in flight behind a RELEASE shows after it. Runs under the switch's lock.
 */
final class UniCapture {
    static final int SIGNALLING_VCI = 5;
    /** SunATM flags: bit 7 set for DTE to DCE (user to network); traffic type 6 is Q.2931 signalling. */
    private static final int USER_TO_NETWORK = 0x80;
    private static final int TRAFFIC_SIGNALLING = 0x06;
    private static final int TRAFFIC_UNKNOWN = 0x00;
    /** SSCOP PDU types (Q.2110 7.1). */
    private static final int SSCOP_BGN = 0x01;
    private static final int SSCOP_BGAK = 0x02;
    private static final int SSCOP_SD = 0x08;
    /** The window each side grants when its SSCOP connection begins: N(MR). */
    private static final int SSCOP_WINDOW = 64;

    private final WireTap tap;
    private final TimeSource time;
    /** N(S) of the next SD PDU per port: index 0 user to network, 1 network to user. */
    private final Map<Integer, int[]> sequence = new HashMap<>();
    private final Map<Long, ByteArrayOutputStream> partial = new HashMap<>();

    UniCapture(WireTap tap, TimeSource time) {
        this.tap = tap;
        this.time = time;
    }

    boolean on() {
        return tap.capturing();
    }

    /** A port came up: its signalling AAL's SSCOP connection begins (BGN from the user, BGAK from the switch). */
    void attached(int port) {
        if (!on()) {
            return;
        }
        sequence.put(port, new int[2]);
        emit(true, TRAFFIC_SIGNALLING, SIGNALLING_VCI, new byte[] {0, 0, 0, 0, SSCOP_BGN, 0, 0, SSCOP_WINDOW});
        emit(false, TRAFFIC_SIGNALLING, SIGNALLING_VCI, new byte[] {0, 0, 0, 0, SSCOP_BGAK, 0, 0, SSCOP_WINDOW});
    }

    /** A Q.2931 message on the port's signalling channel, as one SSCOP SD PDU. */
    void signalling(int port, boolean fromUser, byte[] q2931) {
        if (!on()) {
            return;
        }
        int[] seq = sequence.computeIfAbsent(port, p -> new int[2]);
        int ns = seq[fromUser ? 0 : 1]++ & 0xFFFFFF;
        emit(fromUser, TRAFFIC_SIGNALLING, SIGNALLING_VCI, sd(q2931, ns));
    }

    /** SSCOP SD: the payload, padding to a multiple of four, then PL (2 bits), type, N(S) (24 bits). */
    static byte[] sd(byte[] payload, int ns) {
        int pad = (4 - payload.length % 4) % 4;
        byte[] b = new byte[payload.length + pad + 4];
        System.arraycopy(payload, 0, b, 0, payload.length);
        int t = payload.length + pad;
        b[t] = (byte) (pad << 6 | SSCOP_SD);
        b[t + 1] = (byte) (ns >>> 16);
        b[t + 2] = (byte) (ns >>> 8);
        b[t + 3] = (byte) ns;
        return b;
    }

    /** A user put a cell on its UNI: collected per VC, written as one PDU with its last cell. */
    void cellFromUser(int port, byte[] cell) {
        if (!on() || cell.length != Cell.SIZE) {
            return;
        }
        int vci = Cell.vciOf(cell);
        long key = (long) port << 16 | vci;
        ByteArrayOutputStream pdu = partial.computeIfAbsent(key, k -> new ByteArrayOutputStream());
        pdu.write(cell, Cell.HEADER, Cell.PAYLOAD);
        if (Cell.endOfPdu(cell)) {
            partial.remove(key);
            emit(true, TRAFFIC_UNKNOWN, vci, pdu.toByteArray());
        }
    }

    private void emit(boolean fromUser, int traffic, int vci, byte[] pdu) {
        byte[] p = new byte[4 + pdu.length];
        p[0] = (byte) ((fromUser ? USER_TO_NETWORK : 0) | traffic);
        p[1] = 0; // VPI
        p[2] = (byte) (vci >>> 8);
        p[3] = (byte) vci;
        System.arraycopy(pdu, 0, p, 4, pdu.length);
        tap.packet(new WirePacket(time.nanoTime(), "atm", CaptureLink.SUNATM, p));
    }
}
