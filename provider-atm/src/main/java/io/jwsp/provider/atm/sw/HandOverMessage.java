package io.jwsp.provider.atm.sw;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The port-management messages that move a VC from one port of the switch to another (WSADuplicateSocket into
 * another process). They travel where ATTACH does (the signalling path, first octet 0x00), so the carriage key
 * authenticates them; the 16-byte token binds each one to one hand-over. Every field is bounds-checked by
 * {@link #decode}, which answers {@code null} for anything that is not exactly one well-formed message.
 * <pre>
 * HOLD     00 'h' token(16) targetPid(8) vci(2)                  source: stop my cells of this VC, send the marker
 * HAND     00 'H' token(16) ttlMillis(4) returned(4) n(2) state(n)  source: after the marker, my returned cells
 * PARKED   00 'P' token(16)                                      switch to source: the VC no longer is yours
 * CLAIM    00 'C' token(16)                                      target: the VC of this token, please
 * CLAIMED  00 'G' token(16) callRef(4) vci(2) n(2) state(n)        switch to target: yours, on this VCI
 * READY    00 'Y' token(16)                                      target: the call is set up, send its cells
 * REFUSED  00 'N' token(16) reason(1)                            switch to either: no
 * </pre>
 */
public sealed interface HandOverMessage {
    byte MANAGEMENT = 0x00;
    int TOKEN = 16;
    /** The most bytes of socket state a HAND or CLAIMED carries (two addresses and a few options). */
    int MAX_STATE = 1024;
    /** The most cells a source may return (its unread PDUs): 64 MiB of payload. */
    int MAX_RETURNED = (64 << 20) / 48;
    /** The longest time-to-live a source may ask for. */
    int MAX_TTL_MILLIS = 600_000;

    /** Why the switch said no. */
    enum Reason {
        UNKNOWN_TOKEN, WRONG_PORT, NO_TARGET, BAD_STATE, EXPIRED, NO_RESOURCES;

        static Reason of(int code) {
            return code >= 1 && code <= values().length ? values()[code - 1] : null;
        }

        int code() {
            return ordinal() + 1;
        }
    }

    byte[] token();

    byte[] encode();

    record Hold(byte[] token, long targetPid, int vci) implements HandOverMessage {
        public Hold {
            token = checked(token);
        }

        @Override
        public byte[] encode() {
            return head('h', token, 10).putLong(targetPid).putShort((short) vci).array();
        }
    }

    record Hand(byte[] token, int ttlMillis, int returnedCells, byte[] state) implements HandOverMessage {
        public Hand {
            token = checked(token);
            state = state.clone();
        }

        @Override
        public byte[] encode() {
            return head('H', token, 10 + state.length).putInt(ttlMillis).putInt(returnedCells)
                    .putShort((short) state.length).put(state).array();
        }
    }

    record Parked(byte[] token) implements HandOverMessage {
        public Parked {
            token = checked(token);
        }

        @Override
        public byte[] encode() {
            return head('P', token, 0).array();
        }
    }

    record Claim(byte[] token) implements HandOverMessage {
        public Claim {
            token = checked(token);
        }

        @Override
        public byte[] encode() {
            return head('C', token, 0).array();
        }
    }

    record Claimed(byte[] token, int callReference, int vci, byte[] state) implements HandOverMessage {
        public Claimed {
            token = checked(token);
            state = state.clone();
        }

        @Override
        public byte[] encode() {
            return head('G', token, 8 + state.length).putInt(callReference).putShort((short) vci)
                    .putShort((short) state.length).put(state).array();
        }
    }

    record Ready(byte[] token) implements HandOverMessage {
        public Ready {
            token = checked(token);
        }

        @Override
        public byte[] encode() {
            return head('Y', token, 0).array();
        }
    }

    record Refused(byte[] token, Reason reason) implements HandOverMessage {
        public Refused {
            token = checked(token);
        }

        @Override
        public byte[] encode() {
            return head('N', token, 1).put((byte) reason.code()).array();
        }
    }

    /** Whether {@code d} looks like a hand-over message at all (its type octet), before it is decoded. */
    static boolean isHandOver(byte[] d) {
        return d.length >= 2 && d[0] == MANAGEMENT && "hHPCGYN".indexOf(d[1]) >= 0;
    }

    /** The message in {@code d}, or {@code null} when it is not exactly one well-formed message. */
    static HandOverMessage decode(byte[] d) {
        if (d == null || d.length < 2 + TOKEN || d[0] != MANAGEMENT) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(d);
        b.position(2);
        byte[] token = new byte[TOKEN];
        b.get(token);
        int rest = b.remaining();
        return switch (d[1]) {
            case 'h' -> {
                if (rest != 10) {
                    yield null;
                }
                long pid = b.getLong();
                int vci = b.getShort() & 0xFFFF;
                yield pid > 0 && vci >= AtmSwitch.FIRST_VCI ? new Hold(token, pid, vci) : null;
            }
            case 'H' -> {
                if (rest < 10) {
                    yield null;
                }
                int ttl = b.getInt();
                int returned = b.getInt();
                int n = b.getShort() & 0xFFFF;
                yield ttl <= 0 || ttl > MAX_TTL_MILLIS || returned < 0 || returned > MAX_RETURNED || n > MAX_STATE
                        || n != b.remaining() ? null : new Hand(token, ttl, returned, rest(b));
            }
            case 'G' -> {
                if (rest < 8) {
                    yield null;
                }
                int ref = b.getInt();
                int vci = b.getShort() & 0xFFFF;
                int n = b.getShort() & 0xFFFF;
                yield ref <= 0 || vci < AtmSwitch.FIRST_VCI || n > MAX_STATE || n != b.remaining() ? null
                        : new Claimed(token, ref, vci, rest(b));
            }
            case 'N' -> {
                Reason r = rest == 1 ? Reason.of(b.get()) : null;
                yield r == null ? null : new Refused(token, r);
            }
            case 'P' -> rest == 0 ? new Parked(token) : null;
            case 'C' -> rest == 0 ? new Claim(token) : null;
            case 'Y' -> rest == 0 ? new Ready(token) : null;
            default -> null;
        };
    }

    /** The token as a map key. */
    static String key(byte[] token) {
        return HexFormat.of().formatHex(token);
    }

    private static byte[] rest(ByteBuffer b) {
        byte[] r = new byte[b.remaining()];
        b.get(r);
        return r;
    }

    private static byte[] checked(byte[] token) {
        if (token.length != TOKEN) {
            throw new IllegalArgumentException("a hand-over token is " + TOKEN + " bytes");
        }
        return Arrays.copyOf(token, TOKEN);
    }

    private static ByteBuffer head(char type, byte[] token, int rest) {
        return ByteBuffer.allocate(2 + TOKEN + rest).put(MANAGEMENT).put((byte) type).put(token);
    }
}
