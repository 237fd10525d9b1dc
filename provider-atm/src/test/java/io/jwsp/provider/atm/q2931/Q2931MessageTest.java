package io.jwsp.provider.atm.q2931;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class Q2931MessageTest {
    @Test
    void q2931_messageTypes_haveTheStandardCodes() {
        assertEquals(0x05, MessageType.SETUP.code());
        assertEquals(0x02, MessageType.CALL_PROCEEDING.code());
        assertEquals(0x07, MessageType.CONNECT.code());
        assertEquals(0x0F, MessageType.CONNECT_ACK.code());
        assertEquals(0x4D, MessageType.RELEASE.code());
        assertEquals(0x5A, MessageType.RELEASE_COMPLETE.code());
    }

    @Test
    void q2931_release_cause16_encodesByteForByte() {
        byte[] wire = Q2931Message.of(0x000102, false, MessageType.RELEASE, InformationElement.cause(Cause.NORMAL))
                .encode();
        assertArrayEquals(new byte[] {
            0x09, 0x03, 0x00, 0x01, 0x02, 0x4D, (byte) 0x80, 0x00, 0x06,
            0x08, (byte) 0x80, 0x00, 0x02, (byte) 0x80, (byte) 0x90}, wire);
    }

    @Test
    void q2931_flagAndIes_roundTrip() {
        Q2931Message m = Q2931Message.of(77, true, MessageType.CALL_PROCEEDING,
                InformationElement.connectionIdentifier(0, 32));
        Q2931Message back = Q2931Message.decode(m.encode());
        assertEquals(m, back);
        assertEquals(32, back.vci());
        assertEquals(0, back.vpi());
    }

    @Test
    void q2931_malformedMessages_areRejected() {
        assertNull(Q2931Message.decode(new byte[] {0x08, 3, 0, 0, 1, 0x4D, (byte) 0x80, 0, 0}));
        assertNull(Q2931Message.decode(new byte[] {0x09, 3, 0, 0, 1, 0x4D, (byte) 0x80, 0, 5}));
        assertNull(Q2931Message.decode(new byte[] {0x09, 3, 0, 0, 1, 0x33, (byte) 0x80, 0, 0}));
    }

    @Test
    void q850_causes_mapToWinsockErrors() {
        assertEquals(io.jwsp.spi.result.WsaError.WSAECONNREFUSED,
                new Cause(0, Cause.INCOMPATIBLE_DESTINATION).connectError());
        assertEquals(io.jwsp.spi.result.WsaError.WSAEADDRNOTAVAIL,
                new Cause(0, Cause.UNALLOCATED_NUMBER).connectError());
    }
}
