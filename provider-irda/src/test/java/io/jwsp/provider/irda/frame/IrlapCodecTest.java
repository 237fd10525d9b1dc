package io.jwsp.provider.irda.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jwsp.provider.irda.medium.DeviceInfo;
import io.jwsp.provider.irda.medium.FrameCodec;
import io.jwsp.provider.irda.medium.LmpFrame;
import io.jwsp.provider.irda.medium.MediumSettings;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** IrLAP 1.1 / IrLMP 1.1 / TinyTP 1.1 / LM-IAS octets, and a decoder that answers every input. */
class IrlapCodecTest {
    private static final int A = 0x1DA00001;
    private static final int B = 0x1DA00002;

    private static LmpFrame roundTrip(LmpFrame f) {
        byte[] air = IrlapCodec.iframe(f, 0x11, true, 3, 5, true);
        return assertInstanceOf(Decoded.Frame.class, IrlapCodec.decode(air, f.srcDevice(), f.dstDevice())).frame();
    }

    @Test
    void dataFrame_hasAddressControlLsapsAndTheTinyTpCreditOctet() {
        LmpFrame f = new LmpFrame(A, B, LmpFrame.Kind.DATA, 0x12, 0x34, 6, new byte[] {9, 8});
        // IrLAP 5.2: address 0x11 << 1 | C; control Nr=5, P, Ns=3; IrLMP: DLSAP, SLSAP; TinyTP: M=0, credit 6
        assertEquals("23b6" + "3412" + "06" + "0908", HexFormat.of().formatHex(IrlapCodec.iframe(f, 0x11, true, 3, 5, true)));
        LmpFrame back = roundTrip(f);
        assertEquals(f.kind(), back.kind());
        assertEquals(6, back.param());
        assertEquals(0x12, back.slsap());
        assertEquals(0x34, back.dlsap());
        assertArrayEquals(f.data(), back.data());
    }

    @Test
    void controlFrames_carryTheIrlmpOpcodesAndParameters() {
        // IrLMP 1.1 4.2: control bit on the DLSAP octet; CONNECT 0x01, CONFIRM 0x81, DISCONNECT 0x02 + reason
        byte[] connect = IrlapCodec.iframe(new LmpFrame(A, B, LmpFrame.Kind.CONNECT, 0x10, 0x20, 4, null), 1, true, 0, 0, true);
        assertEquals("a010010004", HexFormat.of().formatHex(connect, 2, connect.length));
        assertEquals(4, roundTrip(new LmpFrame(A, B, LmpFrame.Kind.CONFIRM, 0x10, 0x20, 4, null)).param());
        LmpFrame disc = roundTrip(new LmpFrame(A, B, LmpFrame.Kind.DISCONNECT, 0x10, 0x20, 1, null));
        assertEquals(LmpFrame.Kind.DISCONNECT, disc.kind());
        assertEquals(1, disc.param());
    }

    @Test
    void iasGetValueByClass_questionAndAnswer() {
        byte[] q = {3, 'A', 'B', 'C', 2, 'x', 'y'};
        LmpFrame req = roundTrip(new LmpFrame(A, B, LmpFrame.Kind.IAS_REQUEST, 0x15, 0, 0, q));
        assertEquals(LmpFrame.Kind.IAS_REQUEST, req.kind());
        assertArrayEquals(q, req.data());
        // success: result 0, then type 1 (integer) and its 4 octets
        byte[] answer = {0, 1, 0, 0, 0, 0x2A};
        byte[] air = IrlapCodec.iframe(new LmpFrame(B, A, LmpFrame.Kind.IAS_RESPONSE, 0, 0x15, 0, answer), 1, false, 0, 1, true);
        assertEquals("1500" + "84" + "00" + "0001" + "0000" + "010000002a", HexFormat.of().formatHex(air, 2, air.length));
        assertArrayEquals(answer, roundTrip(new LmpFrame(B, A, LmpFrame.Kind.IAS_RESPONSE, 0, 0x15, 0, answer)).data());
        assertArrayEquals(new byte[] {1, 0x10}, roundTrip(new LmpFrame(B, A, LmpFrame.Kind.IAS_RESPONSE, 0, 0x15, 0,
                new byte[] {1, 0x10})).data(), "no such class");
    }

    @Test
    void xid_carriesBothAddressesLittleEndianAndTheDiscoveryInfo() {
        DeviceInfo d = new DeviceInfo(A, "alpha", 0x84, 0x02, 0);
        byte[] air = IrlapCodec.xid(new LmpFrame(A, 0xFFFFFFFF, LmpFrame.Kind.XID_CMD, 0, 0, 0, FrameCodec.encodeDevice(d)));
        assertEquals("ff3f01" + "0100a01d" + "ffffffff" + "00ff00", HexFormat.of().formatHex(air, 0, 14));
        LmpFrame back = assertInstanceOf(Decoded.Frame.class, IrlapCodec.decode(air, 0, 0)).frame();
        assertEquals(LmpFrame.Kind.XID_CMD, back.kind());
        assertEquals(d, FrameCodec.decodeDevice(back.data()));
    }

    @Test
    void linkFrames_decodeAsLinkControl() {
        MediumSettings s = MediumSettings.defaults();
        assertEquals(new Decoded.LinkControl("SNRM"), IrlapCodec.decode(IrlapCodec.snrm(A, B, 7, s), A, B));
        assertEquals(new Decoded.LinkControl("UA"), IrlapCodec.decode(IrlapCodec.ua(B, A, 7, s), B, A));
        assertEquals(new Decoded.LinkControl("RR"), IrlapCodec.decode(IrlapCodec.rr(7, false, 3), B, A));
        assertEquals(new Decoded.LinkControl("DISC"), IrlapCodec.decode(IrlapCodec.disc(7), A, B));
        assertEquals(new Decoded.LinkControl("DM"), IrlapCodec.decode(IrlapCodec.dm(7), B, A));
    }

    @Test
    void decode_isTotal_forTruncationsAndRandomBytes() {
        List<byte[]> good = List.of(
                IrlapCodec.iframe(new LmpFrame(A, B, LmpFrame.Kind.IAS_RESPONSE, 0, 0x15, 0,
                        new byte[] {0, 3, 1, 4, 'a', 'b', 'c', 'd'}), 1, false, 0, 1, true),
                IrlapCodec.iframe(new LmpFrame(A, B, LmpFrame.Kind.IAS_REQUEST, 0x15, 0, 0,
                        new byte[] {1, 'A', 1, 'x'}), 1, true, 0, 1, true),
                IrlapCodec.xid(new LmpFrame(A, B, LmpFrame.Kind.XID_RSP, 0, 0, 0,
                        FrameCodec.encodeDevice(new DeviceInfo(A, "n", 0x84, 0x02, 0)))));
        int malformed = 0;
        for (byte[] g : good) {
            for (int n = 0; n < g.length; n++) {
                if (IrlapCodec.decode(java.util.Arrays.copyOf(g, n), A, B) instanceof Decoded.Malformed) {
                    malformed++;
                }
            }
        }
        assertEquals(true, malformed > 10, "truncated frames are reported malformed");
        SplittableRandom r = new SplittableRandom(20);
        for (int i = 0; i < 100_000; i++) {
            byte[] b = new byte[r.nextInt(40)];
            r.nextBytes(b);
            IrlapCodec.decode(b, A, B); // must not throw
            FrameCodec.decode(b, b.length);
        }
        assertInstanceOf(Decoded.Malformed.class, IrlapCodec.decode(null, A, B));
    }

    @Test
    void gatheredFrame_readsLikeTheContiguousOne_withoutCopyingTheData() {
        for (LmpFrame f : List.of(new LmpFrame(A, B, LmpFrame.Kind.DATA, 0x12, 0x34, 2, new byte[] {7, 7, 7}),
                new LmpFrame(A, B, LmpFrame.Kind.DATA, 0x12, 0x34, 5, null),
                new LmpFrame(A, B, LmpFrame.Kind.CONNECT, 0x12, 0x34, 4, null))) {
            byte[] head = IrlapCodec.head(f, 3, false, 1, 2, false);
            byte[] tail = IrlapCodec.tail(f);
            assertArrayEquals(IrlapCodec.iframe(f, 3, false, 1, 2, false), IrlapCodec.contiguous(head, tail));
            LmpFrame gathered = assertInstanceOf(Decoded.Frame.class, IrlapCodec.decode(head, tail, A, B)).frame();
            LmpFrame whole = assertInstanceOf(Decoded.Frame.class,
                    IrlapCodec.decode(IrlapCodec.contiguous(head, tail), A, B)).frame();
            assertEquals(whole.kind(), gathered.kind());
            assertEquals(whole.param(), gathered.param());
            assertEquals(whole.slsap(), gathered.slsap());
            assertEquals(whole.dlsap(), gathered.dlsap());
            assertArrayEquals(whole.data(), gathered.data());
        }
        byte[] data = {1, 2, 3};
        LmpFrame f = new LmpFrame(A, B, LmpFrame.Kind.DATA, 0x12, 0x34, 0, data);
        assertSame(data, assertInstanceOf(Decoded.Frame.class,
                IrlapCodec.decode(IrlapCodec.head(f, 3, true, 0, 0, true), data, A, B)).frame().data());
        assertInstanceOf(Decoded.Malformed.class, IrlapCodec.decode(new byte[] {1, 3}, data, A, B), "a UI frame");
        assertInstanceOf(Decoded.Malformed.class, IrlapCodec.decode(null, data, A, B));
    }
}
