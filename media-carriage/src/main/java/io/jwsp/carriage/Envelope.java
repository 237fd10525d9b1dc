package io.jwsp.carriage;

import java.nio.ByteBuffer;

/**
 * One datagram of the carriage: {@code 'J' 'C' version type senderNonce(8) receiverNonce(8) seq(8) ack(8) frame
 * tag(16)}. Decoding checks every bound and answers {@code null} for anything else; it never throws.
 */
record Envelope(EnvelopeType type, long senderNonce, long receiverNonce, long seq, long ack, byte[] frame) {
    static final int HEADER = 2 + 1 + 1 + 8 + 8 + 8 + 8;
    static final int VERSION = 1;
    /** The largest datagram on the loopback interface (65,535 less IP and UDP headers). */
    static final int MAX_DATAGRAM = 65_507;
    static final int MAX_FRAME = MAX_DATAGRAM - HEADER - Authenticator.TAG;

    Envelope {
        frame = frame == null ? new byte[0] : frame;
    }

    static Envelope control(EnvelopeType type, long senderNonce, long receiverNonce, long seq, long ack) {
        return new Envelope(type, senderNonce, receiverNonce, seq, ack, null);
    }

    /** The datagram, with room for the tag at its end (filled by the {@link Authenticator}). */
    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(HEADER + frame.length + Authenticator.TAG);
        b.put((byte) 'J').put((byte) 'C').put((byte) VERSION).put((byte) type.code());
        b.putLong(senderNonce).putLong(receiverNonce).putLong(seq).putLong(ack).put(frame);
        return b.array();
    }

    /** The envelope in {@code d[0..length)} (tag included, not checked here), or {@code null}. */
    static Envelope decode(byte[] d, int length) {
        if (d == null || length < HEADER + Authenticator.TAG || length > d.length || d[0] != 'J' || d[1] != 'C'
                || d[2] != VERSION) {
            return null;
        }
        EnvelopeType type = EnvelopeType.of(d[3] & 0xFF);
        if (type == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(d, 4, HEADER - 4);
        long sender = b.getLong();
        long receiver = b.getLong();
        long seq = b.getLong();
        long ack = b.getLong();
        int frameLength = length - HEADER - Authenticator.TAG;
        if (type != EnvelopeType.DATA && frameLength != 0) {
            return null;
        }
        byte[] frame = new byte[frameLength];
        System.arraycopy(d, HEADER, frame, 0, frameLength);
        return new Envelope(type, sender, receiver, seq, ack, frame);
    }
}
