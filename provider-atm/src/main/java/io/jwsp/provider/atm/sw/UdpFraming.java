package io.jwsp.provider.atm.sw;

import io.jwsp.provider.atm.addr.AtmAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The datagrams between a switch host and an attached process. On the signalling socket a datagram is either an
 * SSCOP SD PDU ({@link Sscop}: the Q.2931 message first, so its first octet is 0x09, the protocol discriminator; the
 * trailer last) or a port-management message (first octet 0x00):
 * <pre>
 * ATTACH   00 'A' cellsPort(2) [pid(8) flags(1)]      attached process to switch; its cell socket's UDP port, its
 *                                                     pid and whether it takes handed-over VCs (flags bit 0)
 * ASSIGNED 00 'K' port(2) aesa(20) digits(1) e164(n)  switch to attached process
 * DETACH   00 'D'                                     attached process leaves; its calls are released
 * </pre>
 * and the hand-over messages of {@link HandOverMessage} (WSADuplicateSocket into another process).
 * On the cell socket a datagram carries one or more 53-byte cells back to back, in order: the cells one side lets
 * go while it holds the provider's lock travel together (at most {@link #CELLS_PER_DATAGRAM}), which keeps a burst
 * of a long PDU from overrunning the receiver's socket buffer.
 */
final class UdpFraming {
    static final byte MANAGEMENT = 0x00;
    static final byte ATTACH = 'A';
    static final byte ASSIGNED = 'K';
    static final byte DETACH = 'D';
    static final int ATTACH_LENGTH = 13;
    /** ATTACH flags bit 0: the process takes VCs other processes hand it. */
    static final int ACCEPTS_DUPLICATES = 0x1;
    static final int CELLS_PER_DATAGRAM = 1200;
    static final int MAX_DATAGRAM = CELLS_PER_DATAGRAM * 53;
    /** Asked for on every socket; the kernel may grant less. */
    static final int SOCKET_BUFFER = 4 << 20;

    private UdpFraming() {
    }

    /** Splits a cell datagram into its cells; a trailing fragment is dropped. */
    static java.util.List<byte[]> cells(byte[] d, int length) {
        java.util.List<byte[]> out = new java.util.ArrayList<>(length / 53);
        for (int p = 0; p + 53 <= length; p += 53) {
            out.add(java.util.Arrays.copyOfRange(d, p, p + 53));
        }
        return out;
    }

    static byte[] attach(int cellsPort, long pid, boolean acceptsDuplicates) {
        return ByteBuffer.allocate(ATTACH_LENGTH).put(MANAGEMENT).put(ATTACH).putShort((short) cellsPort).putLong(pid)
                .put((byte) (acceptsDuplicates ? ACCEPTS_DUPLICATES : 0)).array();
    }

    /** Whether {@code d} is an ATTACH, in its short form (a process that says nothing about itself) or full. */
    static boolean isAttach(byte[] d) {
        return (d.length == 4 || d.length == ATTACH_LENGTH) && d[0] == MANAGEMENT && d[1] == ATTACH;
    }

    /** The pid an ATTACH names; 0 in the short form or when not positive. */
    static long attachPid(byte[] d) {
        long pid = d.length == ATTACH_LENGTH ? ByteBuffer.wrap(d, 4, 8).getLong() : 0;
        return Math.max(0, pid);
    }

    static boolean attachAcceptsDuplicates(byte[] d) {
        return d.length == ATTACH_LENGTH && (d[12] & ACCEPTS_DUPLICATES) != 0 && attachPid(d) > 0;
    }

    static byte[] detach() {
        return new byte[] {MANAGEMENT, DETACH};
    }

    static byte[] assigned(PortAssignment a) {
        byte[] digits = a.e164().bytes();
        ByteBuffer b = ByteBuffer.allocate(4 + AtmAddress.ADDR_SIZE + 1 + digits.length);
        b.put(MANAGEMENT).put(ASSIGNED).putShort((short) a.port()).put(a.aesa().bytes())
                .put((byte) digits.length).put(digits);
        return b.array();
    }

    /** Decodes ASSIGNED; {@code null} when it is anything else or too short for its fields. */
    static PortAssignment decodeAssigned(byte[] d, int length) {
        if (length < 4 + AtmAddress.ADDR_SIZE + 1 || length > d.length || d[0] != MANAGEMENT || d[1] != ASSIGNED
                || length != 4 + AtmAddress.ADDR_SIZE + 1 + (d[4 + AtmAddress.ADDR_SIZE] & 0xFF)) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(d, 0, length);
        b.position(2);
        int port = b.getShort() & 0xFFFF;
        byte[] aesa = new byte[AtmAddress.ADDR_SIZE];
        b.get(aesa);
        byte[] digits = new byte[b.get() & 0xFF];
        b.get(digits);
        try {
            return new PortAssignment(port, AtmAddress.aesa(aesa),
                    AtmAddress.e164(new String(digits, StandardCharsets.US_ASCII)));
        } catch (IllegalArgumentException e) {
            return null; // not an E.164 number
        }
    }
}
