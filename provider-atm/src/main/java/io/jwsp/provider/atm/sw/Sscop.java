package io.jwsp.provider.atm.sw;

/**
 * SSCOP (Q.2110), the signalling AAL's assured layer, as far as the UNI here needs it: a Q.2931 message travels as
 * one Sequenced Data PDU (the message, padding to a multiple of four octets, then a trailer of pad length (2 bits),
 * PDU type and N(S) (24 bits)), and a port's SSCOP connection begins with BGN answered by BGAK. The simulated path
 * never loses a PDU, so there are no POLL/STAT exchanges and no retransmission. {@link #payloadOf} is total.
 */
public final class Sscop {
    static final int BGN = 0x01;
    static final int BGAK = 0x02;
    static final int SD = 0x08;
    /** The receive window each side grants when its connection begins: N(MR). */
    private static final int WINDOW = 64;

    private Sscop() {
    }

    /** An SD PDU carrying {@code payload} with sequence number {@code ns}. */
    public static byte[] sd(byte[] payload, int ns) {
        int pad = (4 - payload.length % 4) % 4;
        byte[] b = new byte[payload.length + pad + 4];
        System.arraycopy(payload, 0, b, 0, payload.length);
        int t = payload.length + pad;
        b[t] = (byte) (pad << 6 | SD);
        b[t + 1] = (byte) (ns >>> 16);
        b[t + 2] = (byte) (ns >>> 8);
        b[t + 3] = (byte) ns;
        return b;
    }

    /** BGN (no user data, N(SQ) 0) or BGAK: the connection setup of a port's signalling channel. */
    static byte[] begin(boolean acknowledge) {
        return new byte[] {0, 0, 0, 0, (byte) (acknowledge ? BGAK : BGN), 0, 0, WINDOW};
    }

    /** The message an SD PDU carries, or {@code null} for anything else (another PDU type, a bad length or pad). */
    public static byte[] payloadOf(byte[] pdu) {
        if (pdu == null || pdu.length < 4 || pdu.length % 4 != 0) {
            return null;
        }
        int trailer = pdu[pdu.length - 4] & 0xFF;
        int pad = trailer >>> 6;
        int length = pdu.length - 4 - pad;
        if ((trailer & 0x0F) != SD || length < 0) {
            return null;
        }
        byte[] payload = new byte[length];
        System.arraycopy(pdu, 0, payload, 0, length);
        return payload;
    }
}
