package io.jwsp.provider.tcp.dup;

import io.jwsp.spi.catalog.ProviderReserved;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The tcp provider's dwProviderReserved: a magic and the 16-byte token its inbox parked the descriptor under.
 * Anything of another length or magic is no tcp token ({@link #of} answers {@code null}).
 */
public final class DuplicateToken {
    private static final long MAGIC = 0x6A77_7370_2D74_6370L; // "jwsp-tcp"
    private static final int LENGTH = 8 + DuplicateMessage.TOKEN_LENGTH;

    private DuplicateToken() {
    }

    public static ProviderReserved reserved(byte[] token) {
        return ProviderReserved.of(ByteBuffer.allocate(LENGTH).putLong(MAGIC).put(token).array());
    }

    /** The token in {@code reserved} as the inbox's key, or {@code null}. */
    public static String of(ProviderReserved reserved) {
        if (reserved == null) {
            return null;
        }
        byte[] b = reserved.bytes();
        if (b.length != LENGTH || ByteBuffer.wrap(b).getLong() != MAGIC) {
            return null;
        }
        return key(Arrays.copyOfRange(b, 8, LENGTH));
    }

    static String key(byte[] token) {
        return HexFormat.of().formatHex(token);
    }
}
