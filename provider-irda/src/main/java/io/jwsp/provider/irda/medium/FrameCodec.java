package io.jwsp.provider.irda.medium;

import io.jwsp.provider.irda.frame.Decoded;
import io.jwsp.provider.irda.frame.IrlapCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One IrLAP frame per UDP datagram: {@code 'I' 'R' version seq(4) src(4) dst(4) len(2)} then the frame's bytes
 * exactly as the air carries them ({@link IrlapCodec}), big-endian. IrLAP's own I-frame header names only the
 * link, so the datagram adds the two device addresses. The seq field stays in the format but is written 0: the
 * {@code media-carriage} around these bytes numbers, orders and authenticates the datagrams.
 */
public final class FrameCodec {
    static final int MAGIC0 = 'I';
    static final int MAGIC1 = 'R';
    static final int VERSION = 2;
    static final int HEADER = 2 + 1 + 4 + 4 + 4 + 2;

    private FrameCodec() {
    }

    /** A frame with the sequence number it travelled with, and its IrLAP bytes. */
    public record Numbered(long seq, LmpFrame frame, byte[] irlap) {
    }

    /** Whether a carriage payload is meant for this codec (its magic); another layer's payloads start otherwise. */
    public static boolean isFrame(byte[] payload) {
        return payload != null && payload.length >= 2 && payload[0] == MAGIC0 && payload[1] == MAGIC1;
    }

    public static byte[] encode(long seq, int src, int dst, byte[] irlap) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + irlap.length);
        b.put((byte) MAGIC0).put((byte) MAGIC1).put((byte) VERSION);
        b.putInt((int) seq).putInt(src).putInt(dst).putShort((short) irlap.length);
        b.put(irlap);
        return b.array();
    }

    /**
     * Decodes a datagram; {@code null} when it is not a jwsp IrDA frame, its IrLAP bytes are malformed, or an XID in
     * it names other devices than the datagram does.
     */
    public static Numbered decode(byte[] buf, int len) {
        if (buf == null || len < HEADER || len > buf.length || buf[0] != MAGIC0 || buf[1] != MAGIC1
                || buf[2] != VERSION) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(buf, 0, len);
        b.position(3);
        long seq = b.getInt() & 0xFFFFFFFFL;
        int src = b.getInt();
        int dst = b.getInt();
        int n = b.getShort() & 0xFFFF;
        if (b.remaining() != n) {
            return null;
        }
        byte[] irlap = new byte[n];
        b.get(irlap);
        // an XID names its own devices: they must be the datagram's, or a peer could answer for a device it is not
        if (IrlapCodec.decode(irlap, src, dst) instanceof Decoded.Frame(LmpFrame f) && f.srcDevice() == src
                && f.dstDevice() == dst) {
            return new Numbered(seq, f, irlap);
        }
        return null;
    }

    /** XID payload: id(4) hints1 hints2 charset nicknameLength nickname. */
    public static byte[] encodeDevice(DeviceInfo d) {
        byte[] nick = d.nickname().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(8 + nick.length);
        b.putInt(d.id()).put((byte) d.hints1()).put((byte) d.hints2()).put((byte) d.charset()).put((byte) nick.length);
        b.put(nick);
        return b.array();
    }

    /** Decodes an XID payload; {@code null} when it is too short for its fields. */
    public static DeviceInfo decodeDevice(byte[] data) {
        if (data == null || data.length < 8) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        int id = b.getInt();
        int h1 = b.get() & 0xFF;
        int h2 = b.get() & 0xFF;
        int cs = b.get() & 0xFF;
        int n = b.get() & 0xFF;
        byte[] nick = new byte[Math.min(n, b.remaining())];
        b.get(nick);
        return new DeviceInfo(id, new String(nick, StandardCharsets.ISO_8859_1), h1, h2, cs);
    }
}
