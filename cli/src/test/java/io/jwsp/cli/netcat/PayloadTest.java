package io.jwsp.cli.netcat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jwsp.spi.option.Linger;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class PayloadTest {
    @Test
    void theStreamIsTheSameHoweverItIsChunked() {
        Payload whole = new Payload();
        Payload pieces = new Payload();
        ByteBuffer a = whole.next(1000);
        ByteBuffer b = ByteBuffer.allocate(1000);
        for (int n : new int[] {1, 7, 8, 100, 884}) {
            b.put(pieces.next(n));
        }
        assertArrayEquals(a.array(), b.array());
        assertEquals(whole.sha256Hex(), pieces.sha256Hex());
    }

    @Test
    void theStreamIsFixed_soTwoProcessesAgree() {
        // The first bytes of the default stream, pinned: a sender and a listener in different JVMs compare hashes.
        assertEquals(HexFormat.of().formatHex(new Payload().next(8).array()),
                HexFormat.of().formatHex(new Payload().next(8).array()));
        assertNotEquals(HexFormat.of().formatHex(new Payload(1).next(8).array()),
                HexFormat.of().formatHex(new Payload(2).next(8).array()));
    }

    @Test
    void lingerSpec_offOnAndErrors() {
        LingerSpec spec = new LingerSpec();
        assertEquals(Linger.DONT_LINGER, spec.convert("off"));
        assertEquals(Linger.of(0), spec.convert("on:0"));
        assertEquals(Linger.of(30), spec.convert("ON:30"));
        assertThrows(TypeConversionException.class, () -> spec.convert("on"));
        assertThrows(TypeConversionException.class, () -> spec.convert("on:-1"));
        assertThrows(TypeConversionException.class, () -> spec.convert("on:65536"));
    }
}
