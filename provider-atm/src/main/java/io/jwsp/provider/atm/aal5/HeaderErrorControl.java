package io.jwsp.provider.atm.aal5;

/**
 * The cell header's HEC octet (I.432.1): CRC-8 with generator x^8 + x^2 + x + 1 over the first four header octets,
 * then XOR 0x55 (the coset that helps cell delineation). The idle cell header 00 00 00 01 has HEC 0x52.
 */
public final class HeaderErrorControl {
    public static final int COSET = 0x55;

    private HeaderErrorControl() {
    }

    public static int of(byte[] header, int offset) {
        int crc = 0;
        for (int i = offset; i < offset + 4; i++) {
            crc ^= header[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        return crc ^ COSET;
    }
}
