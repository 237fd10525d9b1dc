package io.jwsp.provider.irda;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jwsp.provider.irda.frame.IrlapCodec;
import io.jwsp.provider.irda.ias.IasValue;
import io.jwsp.provider.irda.medium.DeviceInfo;
import io.jwsp.provider.irda.medium.FrameCodec;
import io.jwsp.provider.irda.medium.LmpFrame;
import io.jwsp.testkit.DatagramFuzzer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every decoder of what crosses between IrDA processes answers "malformed" (null, or no attribute), never throws. */
class IrdaDecoderFuzzTest {
    private static final int RUNS = 100_000;

    @Test
    void frameCodec_deviceInfo_andIasValues_neverThrow() {
        byte[] data = IrdaDatagrams.of(new LmpFrame(1, 2, LmpFrame.Kind.DATA, 3, 4, 5, new byte[20]));
        byte[] device = FrameCodec.encodeDevice(DeviceInfo.computer(0x1DA00001, "jwsp"));
        byte[] xid = IrdaDatagrams.of(new LmpFrame(0x1DA00001, 2, LmpFrame.Kind.XID_RSP, 0, 0, 0, device));
        byte[] iasRequest = IrdaDatagrams.of(new LmpFrame(1, 2, LmpFrame.Kind.IAS_REQUEST, 3, 0, 0,
                new byte[] {5, 'h', 'e', 'l', 'l', 'o', 1, 'x'}));
        byte[] iasAnswer = IrdaDatagrams.of(new LmpFrame(2, 1, LmpFrame.Kind.IAS_RESPONSE, 0, 3, 0,
                new byte[] {0, 1, 0, 0, 0, 9}));
        byte[] ias = new byte[] {0, 2, 0, 5, 'h', 'e', 'l', 'l', 'o', 3, 0, 2, 'x'};
        DatagramFuzzer fuzz = new DatagramFuzzer(5, List.of(data, device, xid, iasRequest, iasAnswer, ias));
        for (int i = 0; i < RUNS; i++) {
            byte[] d = fuzz.next(i);
            FrameCodec.decode(d, d.length);
            // the IrLAP bytes alone, as the in-process medium decodes them
            byte[] irlap = Arrays.copyOfRange(d, Math.min(d.length, IrdaDatagrams.HEADER), d.length);
            assertNotNull(IrlapCodec.decode(irlap, 1, 2));
            FrameCodec.decodeDevice(d);
            assertNotNull(IasValue.fromBytes(d, 0));
            assertNotNull(IasValue.fromBytes(d, d.length));
        }
        assertNull(FrameCodec.decodeDevice(new byte[2]), "the issue's short XID payload is malformed");
        assertNull(FrameCodec.decode(data, data.length + 1), "a length beyond the buffer is malformed");
        assertNotNull(FrameCodec.decode(xid, xid.length));
        byte[] spoofed = xid.clone();
        ByteBuffer.wrap(spoofed).putInt(IrdaDatagrams.SRC_OFFSET, 0x1DA0BEEF);
        assertNull(FrameCodec.decode(spoofed, spoofed.length), "an XID naming another device than its datagram");
    }
}
