package io.jwsp.provider.atm.sw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Q.2110 7.1: the SD PDU's trailer (pad length, type 0x8, N(S)) after the message padded to four octets. */
class SscopTest {

    @Test
    void sd_padsToFourOctets_andEndsWithPadTypeAndSequenceNumber() {
        byte[] pdu = Sscop.sd(new byte[] {9, 3, 0, 0, 1, 0x4d, (byte) 0x80}, 0x010203);
        assertEquals("0903000001" + "4d80" + "00" + "48010203", HexFormat.of().formatHex(pdu), "1 octet of pad: PL=1");
        assertArrayEquals(new byte[] {9, 3, 0, 0, 1, 0x4d, (byte) 0x80}, Sscop.payloadOf(pdu));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, Sscop.payloadOf(Sscop.sd(new byte[] {1, 2, 3, 4}, 7)));
    }

    @Test
    void payloadOf_isTotal_andRefusesWhatIsNotSequencedData() {
        assertNull(Sscop.payloadOf(Sscop.begin(false)), "BGN carries no message");
        assertNull(Sscop.payloadOf(new byte[] {1, 2, 3}), "not a multiple of four");
        assertNull(Sscop.payloadOf(null));
        assertNull(Sscop.payloadOf(new byte[] {(byte) 0xC8, 0, 0, 0}), "pad longer than the PDU");
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 50_000; i++) {
            byte[] b = new byte[r.nextInt(24)];
            r.nextBytes(b);
            Sscop.payloadOf(b); // never throws
        }
    }
}
