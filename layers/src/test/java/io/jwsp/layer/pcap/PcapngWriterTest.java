package io.jwsp.layer.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jwsp.spi.trace.CaptureLink;
import io.jwsp.spi.trace.WirePacket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pcapng block layout (draft-ietf-opsawg-pcapng 4.1 SHB, 4.2 IDB, 4.3 EPB), read back block by block. */
class PcapngWriterTest {

    private record Block(int type, ByteBuffer body) {
    }

    private static List<Block> blocks(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<Block> out = new ArrayList<>();
        while (b.hasRemaining()) {
            int start = b.position();
            int type = b.getInt();
            int length = b.getInt();
            assertEquals(0, length % 4, "blocks are 32-bit aligned");
            assertEquals(length, b.getInt(start + length - 4), "the trailing length repeats the leading one");
            ByteBuffer body = b.slice(start + 8, length - 12).order(ByteOrder.LITTLE_ENDIAN);
            out.add(new Block(type, body));
            b.position(start + length);
        }
        return out;
    }

    @Test
    void sectionThenOneInterfacePerMedium_thenPacketsWithNanosecondTimestamps() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapngWriter w = new PcapngWriter(out, "test");
        w.write(new WirePacket(5_000_000_123L, "atm", CaptureLink.SUNATM, new byte[] {1, 2, 3, 4, 5}));
        w.write(new WirePacket(7L, "irda", CaptureLink.LINUX_IRDA, new byte[16]));
        w.write(new WirePacket(8L, "atm", CaptureLink.SUNATM, new byte[4]));

        List<Block> blocks = blocks(out.toByteArray());
        assertEquals(List.of(0x0A0D0D0A, 1, 6, 1, 6, 6), blocks.stream().map(Block::type).toList());
        assertEquals(0x1A2B3C4D, blocks.get(0).body().getInt(0), "byte-order magic");
        assertEquals(123, blocks.get(1).body().getShort(0), "LINKTYPE_SUNATM");
        assertEquals(144, blocks.get(3).body().getShort(0), "LINKTYPE_LINUX_IRDA");
        ByteBuffer first = blocks.get(2).body();
        assertEquals(0, first.getInt(0), "interface 0");
        assertEquals(5_000_000_123L, (long) first.getInt(4) << 32 | (first.getInt(8) & 0xFFFFFFFFL));
        assertEquals(5, first.getInt(12), "captured length");
        assertEquals(5, first.getInt(16), "original length");
        assertEquals(20 + 8, first.remaining(), "data padded to 8 octets");
        assertEquals(0, blocks.get(5).body().getInt(0), "the atm interface again");
        assertEquals(1, blocks.get(4).body().getInt(0), "the irda interface");
        ByteBuffer idb = blocks.get(1).body();
        // options: if_name "atm" (code 2, padded), if_tsresol 9 (code 9), end of options
        assertEquals(2, idb.getShort(8));
        assertEquals(3, idb.getShort(10));
        assertEquals(9, idb.getShort(16));
        assertEquals(9, idb.get(20));
        assertEquals(0, idb.getShort(24));
    }
}
