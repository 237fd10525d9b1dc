package io.jwsp.spi.option;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OptionCodecTest {

    @Test
    void lingerIsTwoLittleEndianUnsignedShorts() {
        byte[] b = new byte[4];
        OptionCodec.LINGER.encode(new Linger(true, 0x1234), b);
        assertArrayEquals(new byte[] {1, 0, 0x34, 0x12}, b);
        assertEquals(new Linger(true, 0x1234), OptionCodec.LINGER.decode(b, 4));
        assertEquals(new Linger(false, 65535), OptionCodec.LINGER.decode(new byte[] {0, 0, -1, -1}, 4));
    }

    @Test
    void soDontLingerIsTheComplementOfSoLinger() {
        assertEquals(~SocketOptions.SO_LINGER.name(), SocketOptions.SO_DONTLINGER.name());
        assertEquals(0xFFFFFF7F, SocketOptions.SO_DONTLINGER.name());
    }

    @Test
    void intAndBoolRoundTrip() {
        byte[] b = new byte[4];
        OptionCodec.INT.encode(-2, b);
        assertEquals(-2, OptionCodec.INT.decode(b, 4));
        OptionCodec.BOOL.encode(true, b);
        assertEquals(true, OptionCodec.BOOL.decode(b, 4));
        assertEquals(false, OptionCodec.BOOL.decode(new byte[4], 4));
    }
}
