package io.jwsp.carriage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CarriageKeyTest {
    @TempDir
    Path dir;

    @Test
    void theKeyFile_isCreatedOnFirstUse_ownerOnly_andReadAfterwards() throws IOException {
        Path file = dir.resolve("sub").resolve("irda.key");
        byte[] first = CarriageKey.loadOrCreate(file);
        assertEquals(CarriageKey.BYTES, first.length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertArrayEquals(first, CarriageKey.loadOrCreate(file), "the second process reads the same key");
    }

    @Test
    void aKeyFileOthersMayRead_isRefused() throws IOException {
        Path file = dir.resolve("atm.key");
        CarriageKey.loadOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThrows(IOException.class, () -> CarriageKey.loadOrCreate(file));
    }

    @Test
    void aKeySetting_winsOverTheFile_andMustBe64HexDigits() throws IOException {
        String hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        assertArrayEquals(CarriageKey.parse(hex), CarriageKey.resolve(hex, dir.resolve("none").toString(), "x"));
        assertThrows(IllegalArgumentException.class, () -> CarriageKey.parse("0011"));
        assertThrows(IllegalArgumentException.class, () -> CarriageKey.parse("zz"));
    }
}
