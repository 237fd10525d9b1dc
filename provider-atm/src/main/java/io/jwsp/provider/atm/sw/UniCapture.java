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
 * Every UNI of the switch as a packet capture (LINKTYPE_SUNATM): the signalling channel's SSCOP PDUs on VPI 0 /
 * VCI 5 (each port's connection begun with BGN/BGAK, then the Q.2931 messages in SD PDUs, as they travel), and the
 * AAL5 CPCS-PDUs the users' cells make up, reassembled per VC. A user's PDU or cell is captured as it enters its
 * UNI, the switch's as it leaves: so data still in flight behind a RELEASE shows after it. Runs under the switch's
 * lock.
 */
final class UniCapture {
    static final int SIGNALLING_VCI = 5;
    /** SunATM flags: bit 7 set for DTE to DCE (user to network); traffic type 6 is Q.2931 signalling. */
    private static final int USER_TO_NETWORK = 0x80;
    private static final int TRAFFIC_SIGNALLING = 0x06;
    private static final int TRAFFIC_UNKNOWN = 0x00;

    private final WireTap tap;
    private final TimeSource time;
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
        if (on()) {
            emit(true, TRAFFIC_SIGNALLING, SIGNALLING_VCI, Sscop.begin(false));
            emit(false, TRAFFIC_SIGNALLING, SIGNALLING_VCI, Sscop.begin(true));
        }
    }

    /** An SSCOP PDU on the port's signalling channel. */
    void signalling(boolean fromUser, byte[] sscop) {
        if (on()) {
            emit(fromUser, TRAFFIC_SIGNALLING, SIGNALLING_VCI, sscop);
        }
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
