package io.jwsp.layer.pcap;

import io.jwsp.spi.trace.CaptureLink;
import io.jwsp.spi.trace.WirePacket;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes pcapng (draft-ietf-opsawg-pcapng): one Section Header Block, one Interface Description Block per medium
 * (named after it, its link type, nanosecond timestamps), then one Enhanced Packet Block per packet. Little-endian,
 * as the byte-order magic says. Not thread-safe: {@link PcapTap} serialises its callers.
 */
public final class PcapngWriter {
    private static final int SHB = 0x0A0D0D0A;
    private static final int IDB = 0x00000001;
    private static final int EPB = 0x00000006;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int OPT_END = 0;
    private static final int IF_NAME = 2;
    private static final int IF_TSRESOL = 9;
    /** Timestamps in units of 10^-9 s: the providers' clocks count nanoseconds. */
    private static final int NANOSECONDS = 9;
    private static final int SNAPLEN = 0x40000;

    private final OutputStream out;
    private final Map<String, Integer> interfaces = new LinkedHashMap<>();

    /** Writes the section header at once. */
    public PcapngWriter(OutputStream out, String application) throws IOException {
        this.out = out;
        ByteBuffer opts = options(OPT_COMMENT_SHB_USERAPPL, application.getBytes(StandardCharsets.UTF_8));
        ByteBuffer b = block(SHB, 16 + opts.remaining());
        b.putInt(BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0).putLong(-1L);
        b.put(opts);
        finish(b);
    }

    /** shb_userappl: the application that wrote the section. */
    private static final int OPT_COMMENT_SHB_USERAPPL = 4;

    /** Appends one packet; the first packet of a medium adds its interface. */
    public void write(WirePacket p) throws IOException {
        int id = interfaceOf(p.medium(), p.link());
        byte[] data = p.bytes();
        int padded = pad(data.length);
        ByteBuffer b = block(EPB, 20 + padded);
        long ts = p.timeNanos();
        b.putInt(id).putInt((int) (ts >>> 32)).putInt((int) ts).putInt(data.length).putInt(data.length);
        b.put(data);
        b.position(b.position() + padded - data.length);
        finish(b);
    }

    public void flush() throws IOException {
        out.flush();
    }

    private int interfaceOf(String medium, CaptureLink link) throws IOException {
        String key = medium + "/" + link.code();
        Integer id = interfaces.get(key);
        if (id != null) {
            return id;
        }
        id = interfaces.size();
        interfaces.put(key, id);
        ByteBuffer name = options(IF_NAME, medium.getBytes(StandardCharsets.UTF_8));
        ByteBuffer resol = options(IF_TSRESOL, new byte[] {NANOSECONDS});
        ByteBuffer b = block(IDB, 8 + name.remaining() + resol.remaining() - 4);
        b.putShort((short) link.code()).putShort((short) 0).putInt(SNAPLEN);
        // both option lists end with opt_endofopt; keep only the last one
        b.put(name.limit(name.limit() - 4));
        b.put(resol);
        finish(b);
        return id;
    }

    /** One option and the end-of-options marker. */
    private static ByteBuffer options(int code, byte[] value) {
        ByteBuffer b = ByteBuffer.allocate(4 + pad(value.length) + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) code).putShort((short) value.length).put(value);
        b.position(4 + pad(value.length));
        b.putShort((short) OPT_END).putShort((short) 0);
        return b.flip();
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }

    private static ByteBuffer block(int type, int body) {
        int total = 12 + body;
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(type).putInt(total);
        return b;
    }

    private void finish(ByteBuffer b) throws IOException {
        b.putInt(b.capacity());
        out.write(b.array(), 0, b.capacity());
    }
}
