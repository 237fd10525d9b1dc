package io.jwsp.runtime.duplicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.catalog.DuplicateInfo;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ProviderReserved;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The bytes an application carries from one process to another: round trip, bounds, and fuzzed input. */
class DuplicateInfoCodecTest {
    private static final DuplicateInfo INFO = new DuplicateInfo(
            ProtocolInfo.base("tcp (IPv4) ü", UUID.randomUUID(), 2, 1, 6, 0, 0, 0).withCatalogEntryId(1001), 4242L,
            ProviderReserved.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}));

    @Test
    @DisplayName("encode then decode gives the entry's identity, the target and dwProviderReserved back")
    void roundTrip() {
        DuplicateInfo back = ok(DuplicateInfoCodec.decode(DuplicateInfoCodec.encode(INFO)));
        assertEquals(INFO.processId(), back.processId());
        assertEquals(INFO.reserved(), back.reserved());
        assertEquals(INFO.info().providerId(), back.info().providerId());
        assertEquals(INFO.info().name(), back.info().name());
        assertEquals(1001, back.info().catalogEntryId());
        assertEquals(List.of(2, 1, 6), List.of(back.info().addressFamily(), back.info().socketType(),
                back.info().protocol()));
        assertEquals(INFO.reserved(), ok(DuplicateInfoCodec.decodeText(DuplicateInfoCodec.encodeText(INFO))).reserved());
    }

    @Test
    @DisplayName("a name longer than 255 UTF-8 bytes is cut at a character boundary, and still decodes")
    void longNamesAreCutWhole() {
        DuplicateInfo longName = INFO.withInfo(INFO.info().withName("é".repeat(200)));
        DuplicateInfo back = ok(DuplicateInfoCodec.decode(DuplicateInfoCodec.encode(longName)));
        assertEquals("é".repeat(127), back.info().name());
    }

    @Test
    @DisplayName("null is WSAEFAULT; every truncation, extension and bad magic is WSAEINVAL")
    void malformedIsEinval() {
        assertEquals(WsaError.WSAEFAULT, DuplicateInfoCodec.decode(null).error());
        assertEquals(WsaError.WSAEFAULT, DuplicateInfoCodec.decodeText(null).error());
        byte[] good = DuplicateInfoCodec.encode(INFO);
        for (int n = 0; n < good.length; n++) {
            assertEquals(WsaError.WSAEINVAL, DuplicateInfoCodec.decode(Arrays.copyOf(good, n)).error(),
                    "cut to " + n + " bytes");
        }
        assertEquals(WsaError.WSAEINVAL, DuplicateInfoCodec.decode(Arrays.copyOf(good, good.length + 1))
                .error(), "one byte more");
        byte[] magic = good.clone();
        magic[3] ^= 1;
        assertEquals(WsaError.WSAEINVAL, DuplicateInfoCodec.decode(magic).error(), "bad magic");
        assertEquals(WsaError.WSAEINVAL, DuplicateInfoCodec.decodeText("not base64 !").error());
        assertEquals(WsaError.WSAEINVAL, DuplicateInfoCodec.decodeText("A".repeat(10_000)).error());
    }

    @Test
    @DisplayName("fuzz: random bytes and random mutations never throw; what decodes re-encodes to the same bytes")
    void fuzz() {
        Random random = new Random(19);
        byte[] good = DuplicateInfoCodec.encode(INFO);
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = new byte[random.nextInt(DuplicateInfoCodec.MAX_LENGTH + 20)];
                random.nextBytes(b);
            } else {
                b = good.clone();
                for (int k = 1 + random.nextInt(3); k > 0; k--) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
            }
            WspResult<DuplicateInfo> r = DuplicateInfoCodec.decode(b);
            assertTrue(r.isOk() || r.is(WsaError.WSAEINVAL), "only success or WSAEINVAL: " + r);
            if (r.isOk()) {
                decoded++;
                assertArrayEquals(b, DuplicateInfoCodec.encode(r.value()), "a decoded info re-encodes exactly");
            }
        }
        assertTrue(decoded > 0, "mutations outside the checked fields still decode (the fuzz reaches success)");
    }

    private static <T> T ok(WspResult<T> r) {
        assertTrue(r.isOk(), "expected success, got " + r);
        return r.value();
    }
}
