package io.jwsp.layer.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.trace.CaptureLink;
import io.jwsp.spi.trace.WireFrame;
import io.jwsp.spi.trace.WirePacket;
import io.jwsp.spi.trace.WireTap;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tap asks providers for bytes, writes them to the file, and still hands frames to the tap it wraps. */
class PcapTapTest {
    @TempDir
    Path dir;

    @Test
    void packetsGoToTheFile_framesToTheInnerTap() throws IOException {
        List<WireFrame> frames = new ArrayList<>();
        WireTap inner = new WireTap() {
            @Override
            public void frame(WireFrame frame) {
                frames.add(frame);
            }

            @Override
            public void closed(CloseRecord record) {
            }
        };
        Path file = dir.resolve("run.pcapng");
        try (PcapTap tap = PcapTap.open(file, inner)) {
            assertTrue(tap.capturing(), "providers build capture bytes for this tap");
            tap.frame(new WireFrame(1, "a", "b", "DATA", 3, null));
            tap.packet(new WirePacket(2, "loopback", CaptureLink.RAW, new byte[] {0x45, 0, 0, 20}));
        }
        assertEquals(1, frames.size());
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x0A0D0D0A, b.getInt(0), "section header first");
        int shb = b.getInt(4);
        assertEquals(1, b.getInt(shb), "then the loopback interface");
        int idb = b.getInt(shb + 4);
        assertEquals(101, b.getShort(shb + 8), "LINKTYPE_RAW");
        assertEquals(6, b.getInt(shb + idb), "then the packet");
        assertEquals(shb + idb + 32 + 4, b.capacity(), "one 4-octet packet, nothing after it");
    }
}
