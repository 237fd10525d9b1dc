package io.jwsp.provider.irda.handover;

import io.jwsp.provider.irda.handover.HandoverFrame.Claim;
import io.jwsp.provider.irda.handover.HandoverFrame.Refused;
import io.jwsp.provider.irda.handover.HandoverFrame.Repoint;
import io.jwsp.provider.irda.handover.HandoverFrame.Repointed;
import io.jwsp.provider.irda.handover.HandoverFrame.State;
import io.jwsp.provider.irda.stack.ConnectionImage;
import io.jwsp.provider.irda.stack.TtpConnection.Ending;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The hand-over frames on the carriage: {@code 'I' 'H' version type} then the frame's fields, big-endian.
 * {@link #decode} answers {@code null} for anything that is not exactly one well-formed frame within the limits
 * (no exception for any input). Addresses are {@code length(1) address(0, 4 or 16) port(2)}; length 0 is none.
 */
public final class HandoverCodec {
    /** The most bytes one frame may have: a carriage datagram holds a little more. */
    public static final int MAX_FRAME = 60_000;
    /** The most unread frames a moved connection may hold (TinyTP's credit keeps it far below). */
    public static final int MAX_UNREAD_FRAMES = 1024;
    static final int MAGIC0 = 'I';
    static final int MAGIC1 = 'H';
    static final int VERSION = 1;
    private static final int CLAIM = 1;
    private static final int REFUSED = 2;
    private static final int REPOINT = 3;
    private static final int REPOINTED = 4;
    private static final int STATE = 5;
    private static final int MAX_LSAP = 0x7F;
    private static final Ending[] ENDINGS = Ending.values();

    private HandoverCodec() {
    }

    /** Whether a carriage payload is a hand-over frame (IrDA's own frames start 'I' 'R'). */
    public static boolean isHandover(byte[] payload) {
        return payload != null && payload.length >= 2 && payload[0] == MAGIC0 && payload[1] == MAGIC1;
    }

    /** The frame's bytes; {@code null} when it would exceed {@link #MAX_FRAME} (a State too large to move). */
    public static byte[] encode(HandoverFrame frame) {
        int size = 4 + switch (frame) {
            case Claim c -> 16 + 8 + 4 + 1;
            case Refused r -> 16 + 4;
            case Repoint r -> 8 + 5 + 5 + 5 + 19;
            case Repointed r -> 8 + 5 + 5 + 1;
            case State s -> 16 + 19 + 15 + 2 + unreadSize(s.image()) + 4 + s.image().unsent().length + 19;
        };
        if (size > MAX_FRAME || frame instanceof State s && !fits(s.image())) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put((byte) MAGIC0).put((byte) MAGIC1).put((byte) VERSION);
        switch (frame) {
            case Claim c -> b.put((byte) CLAIM).put(c.token()).putLong(c.targetPid()).putInt(c.device())
                    .put((byte) c.lsap());
            case Refused r -> b.put((byte) REFUSED).put(r.token()).putInt(r.errorCode());
            case Repoint r -> {
                b.put((byte) REPOINT).putLong(r.handoverId());
                b.putInt(r.peerDevice()).put((byte) r.peerLsap()).putInt(r.oldDevice()).put((byte) r.oldLsap());
                b.putInt(r.newDevice()).put((byte) r.newLsap());
                putAddress(b, r.newAddress());
            }
            case Repointed r -> {
                b.put((byte) REPOINTED).putLong(r.handoverId());
                b.putInt(r.peerDevice()).put((byte) r.peerLsap()).putInt(r.oldDevice()).put((byte) r.oldLsap());
                b.put((byte) (r.found() ? 1 : 0));
            }
            case State s -> {
                b.put((byte) STATE).put(s.token());
                putAddress(b, s.peerAddress());
                putImage(b, s.image());
                putOptions(b, s.options());
            }
        }
        return b.position() == size ? b.array() : null;
    }

    private static boolean fits(ConnectionImage i) {
        return i.unread().size() <= MAX_UNREAD_FRAMES && i.sendCredit() <= 0xFFFF && i.creditsOutstanding() <= 0xFFFF
                && i.creditsFreed() <= 0xFFFF;
    }

    private static int unreadSize(ConnectionImage image) {
        int n = 0;
        for (byte[] f : image.unread()) {
            n += 2 + f.length;
        }
        return n;
    }

    private static void putAddress(ByteBuffer b, InetSocketAddress a) {
        int start = b.position();
        if (a == null || a.getAddress() == null) {
            b.put((byte) 0);
        } else {
            byte[] addr = a.getAddress().getAddress();
            b.put((byte) addr.length).put(addr).putShort((short) a.getPort());
        }
        b.position(start + 19); // fixed room: the longest address
    }

    private static void putImage(ByteBuffer b, ConnectionImage i) {
        b.putInt(i.peerDevice()).put((byte) i.peerLsap()).put((byte) (i.open() ? 1 : 0))
                .put((byte) i.ending().ordinal()).put((byte) i.endReason());
        b.putShort((short) i.sendCredit()).putShort((short) i.creditsOutstanding())
                .putShort((short) i.creditsFreed());
        b.put((byte) ((i.drainThenDisconnect() ? 1 : 0) | (i.discardIncoming() ? 2 : 0)));
        b.putShort((short) i.unread().size());
        for (byte[] f : i.unread()) {
            b.putShort((short) f.length).put(f);
        }
        b.putInt(i.unsent().length).put(i.unsent());
    }

    private static void putOptions(ByteBuffer b, MovedOptions o) {
        b.put((byte) (o.lingerOn() ? 1 : 0)).putShort((short) o.lingerSeconds());
        b.putInt(o.sendBuffer()).putInt(o.receiveBuffer()).putInt(o.receiveTimeoutMs()).putInt(o.sendTimeoutMs());
    }

    /** The frame in {@code bytes}, or {@code null} when malformed, out of its limits, or not a hand-over frame. */
    public static HandoverFrame decode(byte[] bytes) {
        if (bytes == null || bytes.length < 4 || bytes.length > MAX_FRAME || !isHandover(bytes)
                || bytes[2] != VERSION) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        b.position(4);
        try {
            HandoverFrame f = switch (bytes[3]) {
                case CLAIM -> claim(b);
                case REFUSED -> new Refused(token(b), b.getInt());
                case REPOINT -> repoint(b);
                case REPOINTED -> repointed(b);
                case STATE -> state(b);
                default -> null;
            };
            return f == null || b.hasRemaining() ? null : f;
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            return null; // too short for its fields, or a value out of its range
        }
    }

    private static byte[] token(ByteBuffer b) {
        byte[] t = new byte[HandoverToken.TOKEN_LENGTH];
        b.get(t);
        return t;
    }

    private static int lsap(ByteBuffer b) {
        int l = b.get() & 0xFF;
        if (l > MAX_LSAP) {
            throw new IllegalArgumentException("selector " + l);
        }
        return l;
    }

    private static Claim claim(ByteBuffer b) {
        byte[] t = token(b);
        long pid = b.getLong();
        int device = b.getInt();
        int lsap = lsap(b);
        return pid <= 0 || lsap == 0 ? null : new Claim(t, pid, device, lsap);
    }

    private static Repoint repoint(ByteBuffer b) {
        long id = b.getLong();
        int peerDevice = b.getInt();
        int peerLsap = lsap(b);
        int oldDevice = b.getInt();
        int oldLsap = lsap(b);
        int newDevice = b.getInt();
        int newLsap = lsap(b);
        InetSocketAddress to = fixedAddress(b);
        return to == null ? null : new Repoint(id, peerDevice, peerLsap, oldDevice, oldLsap, newDevice, newLsap, to);
    }

    private static Repointed repointed(ByteBuffer b) {
        long id = b.getLong();
        int peerDevice = b.getInt();
        int peerLsap = lsap(b);
        int oldDevice = b.getInt();
        int oldLsap = lsap(b);
        int found = b.get();
        if (found != 0 && found != 1) {
            return null;
        }
        return new Repointed(id, peerDevice, peerLsap, oldDevice, oldLsap, found == 1);
    }

    private static State state(ByteBuffer b) {
        byte[] t = token(b);
        int start = b.position();
        InetSocketAddress peer = b.get(start) == 0 ? null : fixedAddress(b);
        if (b.get(start) != 0 && peer == null) {
            return null;
        }
        b.position(start + 19);
        ConnectionImage image = image(b);
        MovedOptions options = new MovedOptions(flag(b.get()), b.getShort() & 0xFFFF, b.getInt(), b.getInt(),
                b.getInt(), b.getInt());
        return image == null ? null : new State(t, peer, image, options);
    }

    private static boolean flag(byte v) {
        if (v != 0 && v != 1) {
            throw new IllegalArgumentException("flag " + v);
        }
        return v == 1;
    }

    private static ConnectionImage image(ByteBuffer b) {
        int peerDevice = b.getInt();
        int peerLsap = lsap(b);
        boolean open = flag(b.get());
        int ending = b.get() & 0xFF;
        int reason = b.get() & 0xFF;
        int sendCredit = b.getShort() & 0xFFFF;
        int outstanding = b.getShort() & 0xFFFF;
        int freed = b.getShort() & 0xFFFF;
        int flags = b.get() & 0xFF;
        if (ending >= ENDINGS.length || flags > 3 || open != (ENDINGS[ending] == Ending.NONE)
                || ENDINGS[ending] == Ending.MOVED) {
            return null;
        }
        int count = b.getShort() & 0xFFFF;
        if (count > MAX_UNREAD_FRAMES) {
            return null;
        }
        List<byte[]> unread = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int n = b.getShort() & 0xFFFF;
            if (n == 0 || n > b.remaining()) {
                return null;
            }
            byte[] f = new byte[n];
            b.get(f);
            unread.add(f);
        }
        int unsentLength = b.getInt();
        if (unsentLength < 0 || unsentLength > b.remaining()) {
            return null;
        }
        byte[] unsent = new byte[unsentLength];
        b.get(unsent);
        return new ConnectionImage(peerDevice, peerLsap, open, ENDINGS[ending], reason, sendCredit, outstanding,
                freed, (flags & 1) != 0, (flags & 2) != 0, unread, unsent);
    }

    /** An address in its fixed 19 bytes of room; {@code null} when its length is not 4 or 16 or its port is 0. */
    private static InetSocketAddress fixedAddress(ByteBuffer b) {
        int start = b.position();
        InetSocketAddress a = address(b);
        b.position(start + 19);
        return a;
    }

    /** {@code length(1) address port(2)}, read where {@code b} stands; {@code null} when malformed. */
    static InetSocketAddress address(ByteBuffer b) {
        if (b.remaining() < 1) {
            return null;
        }
        int n = b.get() & 0xFF;
        if ((n != 4 && n != 16) || b.remaining() < n + 2) {
            return null;
        }
        byte[] addr = new byte[n];
        b.get(addr);
        int port = b.getShort() & 0xFFFF;
        InetAddress inet = HandoverToken.inet(addr);
        return inet == null || port == 0 ? null : new InetSocketAddress(inet, port);
    }
}
