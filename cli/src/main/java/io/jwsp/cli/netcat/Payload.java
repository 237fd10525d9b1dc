package io.jwsp.cli.netcat;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bytes {@code send} sends: a deterministic pseudo-random stream (xorshift64*, fixed seed), the same in every
 * JVM, so a listener's SHA-256 can be compared with the sender's.
 */
public final class Payload {
    private long state;
    /** The current 64-bit word and how many of its bytes were handed out: the stream is the same however it is cut. */
    private long word;
    private int used = 8;
    private final MessageDigest digest = sha256();

    public Payload() {
        this(0x6A77_7370_2D63_6C69L);
    }

    public Payload(long seed) {
        state = seed == 0 ? 1 : seed;
    }

    /** Fills {@code buf} from its position to its limit with the next bytes of the stream. */
    public void fill(ByteBuffer buf) {
        while (buf.hasRemaining()) {
            if (used == 8) {
                state ^= state >>> 12;
                state ^= state << 25;
                state ^= state >>> 27;
                word = state * 0x2545F4914F6CDD1DL;
                used = 0;
            }
            buf.put((byte) (word >>> (8 * used++)));
        }
    }

    /** The next {@code n} bytes, recorded in the digest. */
    public ByteBuffer next(int n) {
        ByteBuffer b = ByteBuffer.allocate(n);
        fill(b);
        b.flip();
        digest.update(b.duplicate());
        return b;
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** The SHA-256 of every byte handed out so far, in hex. */
    public String sha256Hex() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
