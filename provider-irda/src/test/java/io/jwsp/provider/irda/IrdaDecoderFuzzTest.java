package io.jwsp.provider.irda;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jwsp.provider.irda.ias.IasValue;
import io.jwsp.provider.irda.medium.DeviceInfo;
import io.jwsp.provider.irda.medium.FrameCodec;
import io.jwsp.provider.irda.medium.LmpFrame;
import io.jwsp.testkit.DatagramFuzzer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every decoder of what crosses between IrDA processes answers "malformed" (null, or no attribute), never throws. */
class IrdaDecoderFuzzTest {
    private static final int RUNS = 100_000;

    @Test
    void frameCodec_deviceInfo_andIasValues_neverThrow() {
        byte[] data = FrameCodec.encode(0, new LmpFrame(1, 2, LmpFrame.Kind.DATA, 3, 4, 5, new byte[20]));
        byte[] xid = FrameCodec.encodeDevice(DeviceInfo.computer(0x1DA00001, "jwsp"));
        byte[] ias = new byte[] {0, 2, 0, 5, 'h', 'e', 'l', 'l', 'o', 3, 0, 2, 'x'};
        DatagramFuzzer fuzz = new DatagramFuzzer(5, List.of(data, xid, ias));
        for (int i = 0; i < RUNS; i++) {
            byte[] d = fuzz.next(i);
            FrameCodec.decode(d, d.length);
            FrameCodec.decodeDevice(d);
            assertNotNull(IasValue.fromBytes(d, 0));
            assertNotNull(IasValue.fromBytes(d, d.length));
        }
        assertNull(FrameCodec.decodeDevice(new byte[2]), "the issue's short XID payload is malformed");
        assertNull(FrameCodec.decode(data, data.length + 1), "a length beyond the buffer is malformed");
    }
}
