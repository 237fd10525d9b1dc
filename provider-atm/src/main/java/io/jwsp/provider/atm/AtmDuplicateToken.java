package io.jwsp.provider.atm;

import io.jwsp.provider.atm.sw.HandOverMessage;
import io.jwsp.spi.catalog.ProviderReserved;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The ATM provider's dwProviderReserved: a magic and the 16-byte token under which the switch parked the VC. Anything
 * of another length or magic is no ATM token ({@link #of} answers {@code null}): another provider's info is refused
 * before anything crosses to the switch.
 */
final class AtmDuplicateToken {
    private static final long MAGIC = 0x6A77_7370_2D61_746DL; // "jwsp-atm"
    private static final int LENGTH = 8 + HandOverMessage.TOKEN;

    private AtmDuplicateToken() {
    }

    static ProviderReserved reserved(byte[] token) {
        return ProviderReserved.of(ByteBuffer.allocate(LENGTH).putLong(MAGIC).put(token).array());
    }

    /** The token in {@code reserved}, or {@code null}. */
    static byte[] of(ProviderReserved reserved) {
        if (reserved == null) {
            return null;
        }
        byte[] b = reserved.bytes();
        if (b.length != LENGTH || ByteBuffer.wrap(b).getLong() != MAGIC) {
            return null;
        }
        return Arrays.copyOfRange(b, 8, LENGTH);
    }
}
