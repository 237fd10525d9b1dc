package io.jwsp.provider.atm.aal5;

/**
 * The AAL5 CPCS-PDU CRC-32 (I.363.5), catalogued as CRC-32/BZIP2: polynomial 0x04C11DB7, initial value 0xFFFFFFFF,
 * bits processed most significant first (not reflected), final XOR 0xFFFFFFFF. {@link java.util.zip.CRC32} is the
 * reflected variant (CRC-32/ISO-HDLC) and gives different values, so it cannot be used here.
 */
public final class Crc32Aal5 {
    public static final int POLYNOMIAL = 0x04C11DB7;
    /** CRC-32/BZIP2 of the ASCII bytes "123456789", the catalogue's check value. */
    public static final int CHECK_VALUE = 0xFC891918;

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 0x80000000) != 0 ? (c << 1) ^ POLYNOMIAL : c << 1;
            }
            TABLE[i] = c;
        }
    }

    private Crc32Aal5() {
    }

    /** The finished CRC of {@code bytes[offset, offset+length)}. */
    public static int of(byte[] bytes, int offset, int length) {
        return ~update(0xFFFFFFFF, bytes, offset, length);
    }

    public static int of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }

    /** Continues a running register (start with 0xFFFFFFFF; complement at the end). */
    public static int update(int register, byte[] bytes, int offset, int length) {
        int c = register;
        for (int i = offset; i < offset + length; i++) {
            c = (c << 8) ^ TABLE[((c >>> 24) ^ bytes[i]) & 0xFF];
        }
        return c;
    }
}
