package io.jwsp.provider.atm.aal5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class Crc32Aal5Test {
    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void i3635_crc32_isCrc32Bzip2_checkValue() {
        assertEquals(0xFC891918, Crc32Aal5.of(CHECK));
        assertEquals(Crc32Aal5.CHECK_VALUE, Crc32Aal5.of(CHECK));
    }

    @Test
    void i3635_crc32_isNotJavaUtilZipCrc32() {
        CRC32 zip = new CRC32();
        zip.update(CHECK);
        assertEquals(0xCBF43926L, zip.getValue(), "java.util.zip.CRC32 is CRC-32/ISO-HDLC");
        assertNotEquals((int) zip.getValue(), Crc32Aal5.of(CHECK));
    }

    @Test
    void i3635_crc32_runningRegisterEqualsOneShot() {
        int reg = Crc32Aal5.update(0xFFFFFFFF, CHECK, 0, 4);
        reg = Crc32Aal5.update(reg, CHECK, 4, 5);
        assertEquals(Crc32Aal5.of(CHECK), ~reg);
    }
}
