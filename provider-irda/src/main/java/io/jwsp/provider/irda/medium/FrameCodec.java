package io.jwsp.provider.irda.medium;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One frame per UDP datagram: {@code 'I' 'R' version kind seq(4) src(4) dst(4) slsap dlsap param(4) len(2) data},
 * big-endian. The sequence number counts per destination process; a receiver drops anything not newer than
 * what it has seen, so a duplicated or late datagram never reorders the link.
 */
public final class FrameCodec {
    static final int MAGIC0 = 'I';
    static final int MAGIC1 = 'R';
    static final int VERSION = 1;
    static final int HEADER = 2 + 1 + 1 + 4 + 4 + 4 + 1 + 1 + 4 + 2;

    private FrameCodec() {
    }

    /** A frame with the sequence number it travelled with. */
    public record Numbered(long seq, LmpFrame frame) {
    }

    public static byte[] encode(long seq, LmpFrame f) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + f.data().length);
        b.put((byte) MAGIC0).put((byte) MAGIC1).put((byte) VERSION).put((byte) f.kind().ordinal());
        b.putInt((int) seq).putInt(f.srcDevice()).putInt(f.dstDevice());
        b.put((byte) f.slsap()).put((byte) f.dlsap()).putInt(f.param()).putShort((short) f.data().length);
        b.put(f.data());
        return b.array();
    }

    /** Decodes a datagram; {@code null} when it is not a jwsp IrDA frame. */
    public static Numbered decode(byte[] buf, int len) {
        if (buf == null || len > buf.length || len < HEADER || buf[0] != MAGIC0 || buf[1] != MAGIC1 || buf[2] != VERSION) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(buf, 0, len);
        b.position(3);
        int kind = b.get() & 0xFF;
        if (kind >= LmpFrame.Kind.values().length) {
            return null;
        }
        long seq = b.getInt() & 0xFFFFFFFFL;
        int src = b.getInt();
        int dst = b.getInt();
        int slsap = b.get() & 0xFF;
        int dlsap = b.get() & 0xFF;
        int param = b.getInt();
        int n = b.getShort() & 0xFFFF;
        if (b.remaining() < n) {
            return null;
        }
        byte[] data = new byte[n];
        b.get(data);
        return new Numbered(seq, new LmpFrame(src, dst, LmpFrame.Kind.values()[kind], slsap, dlsap, param, data));
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
