package io.jwsp.provider.atm;

import io.jwsp.provider.atm.addr.AtmSockAddr;
import io.jwsp.spi.option.Linger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What of an ATM socket crosses with its VC when it is handed to another process: its two names and the
 * Winsock-level options the application set (linger, buffers, time-outs). The switch carries it as opaque bytes
 * from the source to the target, so the target decodes it as it would anything from outside: {@link #decode}
 * answers {@code null} for anything but exactly one well-formed snapshot.
 * <pre>
 * version(1) localLen(2) local(UTF-8) peerLen(2) peer(UTF-8) lingerOn(1) lingerSeconds(2)
 * sndbuf(4) rcvbuf(4) sndtimeo(4) rcvtimeo(4) flags(1: bit 0 SO_REUSEADDR, bit 1 SO_DEBUG)
 * </pre>
 */
record SocketSnapshot(AtmSockAddr local, AtmSockAddr peer, SocketSettings settings) {
    private static final byte VERSION = 1;
    /** The longest address text (an AESA with BLLI and BHLI is well below it). */
    private static final int MAX_ADDRESS = 200;
    private static final int FIXED = 1 + 2 + 2 + 1 + 2 + 4 * 4 + 1;

    static SocketSnapshot of(AtmSockAddr local, AtmSockAddr peer, SocketSettings settings) {
        return new SocketSnapshot(local, peer, settings.copy());
    }

    byte[] encode() {
        byte[] l = text(local);
        byte[] p = text(peer);
        SocketSettings s = settings;
        return ByteBuffer.allocate(FIXED + l.length + p.length).put(VERSION)
                .putShort((short) l.length).put(l).putShort((short) p.length).put(p)
                .put((byte) (s.linger.onOff() ? 1 : 0)).putShort((short) s.linger.seconds())
                .putInt(s.sendBuffer).putInt(s.receiveBuffer).putInt(s.sendTimeoutMillis).putInt(s.receiveTimeoutMillis)
                .put((byte) ((s.reuseAddress ? 1 : 0) | (s.debug ? 2 : 0))).array();
    }

    private static byte[] text(AtmSockAddr a) {
        byte[] t = a == null ? new byte[0] : a.toString().getBytes(StandardCharsets.UTF_8);
        return t.length > MAX_ADDRESS ? new byte[0] : t;
    }

    /** The snapshot in {@code d}, or {@code null}. */
    static SocketSnapshot decode(byte[] d) {
        if (d == null || d.length < FIXED || d.length > FIXED + 2 * MAX_ADDRESS || d[0] != VERSION) {
            return null;
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(d);
            b.get();
            AtmSockAddr local = address(b);
            AtmSockAddr peer = address(b);
            if (local == null || peer == null || b.remaining() != FIXED - 5) {
                return null;
            }
            int on = b.get();
            int seconds = b.getShort() & 0xFFFF;
            SocketSettings s = new SocketSettings();
            s.sendBuffer = b.getInt();
            s.receiveBuffer = b.getInt();
            s.sendTimeoutMillis = b.getInt();
            s.receiveTimeoutMillis = b.getInt();
            int flags = b.get();
            if ((on & ~1) != 0 || (flags & ~3) != 0 || s.sendBuffer < 0 || s.receiveBuffer < 0
                    || s.sendTimeoutMillis < 0 || s.receiveTimeoutMillis < 0) {
                return null;
            }
            s.linger = new Linger(on == 1, seconds);
            s.reuseAddress = (flags & 1) != 0;
            s.debug = (flags & 2) != 0;
            return new SocketSnapshot(local, peer, s);
        } catch (RuntimeException e) {
            return null; // an address text that does not parse, a length past the end
        }
    }

    private static AtmSockAddr address(ByteBuffer b) {
        int n = b.getShort() & 0xFFFF;
        if (n == 0 || n > MAX_ADDRESS || n > b.remaining()) {
            return null;
        }
        byte[] t = new byte[n];
        b.get(t);
        return AtmSockAddr.parse(new String(t, StandardCharsets.UTF_8));
    }
}
