package io.jwsp.provider.tcp.dup;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The one message a source process sends a target's inbox, beside the descriptor it passes: who sends it, for whom,
 * and the token the target's WSASocket will redeem. Fixed length, magic and version first; the decoder takes
 * nothing on trust (length exact, magic, pids positive) and answers {@code null} for anything else.
 *
 * @param token     16 random bytes from the source
 * @param sourcePid the sender, as it claims (the inbox compares it with SO_PEERCRED)
 * @param targetPid the process the sender means (the inbox compares it with its own)
 */
public record DuplicateMessage(byte[] token, long sourcePid, long targetPid) {
    static final long MAGIC = 0x6A77_7370_4644_3031L; // "jwspFD01"
    public static final int TOKEN_LENGTH = 16;
    public static final int LENGTH = 8 + TOKEN_LENGTH + 8 + 8;
    /** The inbox's answer: the descriptor is parked under the token. */
    public static final byte PARKED = 1;
    /** The inbox's answer: refused (and the descriptor closed). */
    public static final byte REFUSED = 2;

    public DuplicateMessage {
        if (token.length != TOKEN_LENGTH) {
            throw new IllegalArgumentException("a token is " + TOKEN_LENGTH + " bytes");
        }
        token = token.clone();
    }

    @Override
    public byte[] token() {
        return token.clone();
    }

    public byte[] encode() {
        return ByteBuffer.allocate(LENGTH).putLong(MAGIC).put(token).putLong(sourcePid).putLong(targetPid).array();
    }

    /** The message in {@code bytes}, or {@code null} when they are not exactly one well-formed message. */
    public static DuplicateMessage decode(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.getLong() != MAGIC) {
            return null;
        }
        byte[] token = new byte[TOKEN_LENGTH];
        b.get(token);
        long source = b.getLong();
        long target = b.getLong();
        return source <= 0 || target <= 0 ? null : new DuplicateMessage(token, source, target);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DuplicateMessage m && Arrays.equals(token, m.token) && sourcePid == m.sourcePid
                && targetPid == m.targetPid;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(token) * 31 + Long.hashCode(sourcePid * 31 + targetPid);
    }

    @Override
    public String toString() {
        return "DuplicateMessage[from " + sourcePid + " to " + targetPid + "]";
    }
}
