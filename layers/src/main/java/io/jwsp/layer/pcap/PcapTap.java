package io.jwsp.layer.pcap;

import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.trace.WireFrame;
import io.jwsp.spi.trace.WirePacket;
import io.jwsp.spi.trace.WireTap;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A wire tap that writes every packet the providers put on their media to a pcapng file, and passes frames and
 * close records on to the tap it wraps (so traces and diagrams keep working). Install it with
 * {@code JwspRuntime.builder().wireTap(PcapTap.open(path, inner))}; close it after the runtime.
 */
public final class PcapTap implements WireTap, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PcapTap.class);

    private final WireTap inner;
    private final OutputStream out;
    private final PcapngWriter writer;
    private boolean failed;

    private PcapTap(WireTap inner, OutputStream out) throws IOException {
        this.inner = inner == null ? WireTap.NONE : inner;
        this.out = out;
        this.writer = new PcapngWriter(out, "jwsp");
    }

    public static PcapTap open(Path file, WireTap inner) throws IOException {
        return new PcapTap(inner, new BufferedOutputStream(Files.newOutputStream(file)));
    }

    @Override
    public void frame(WireFrame frame) {
        if (inner.enabled()) {
            inner.frame(frame);
        }
    }

    @Override
    public void closed(CloseRecord record) {
        inner.closed(record);
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public boolean capturing() {
        return true;
    }

    @Override
    public synchronized void packet(WirePacket packet) {
        if (failed) {
            return;
        }
        try {
            writer.write(packet);
        } catch (IOException e) {
            // a full disk must not break the sockets being traced: stop capturing, say so once
            failed = true;
            LOG.warn("pcap capture stopped: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
