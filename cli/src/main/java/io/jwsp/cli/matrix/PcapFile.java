package io.jwsp.cli.matrix;

import io.jwsp.cli.CliFailure;
import io.jwsp.layer.pcap.PcapngWriter;
import io.jwsp.spi.trace.WirePacket;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a row's captured packets as one pcapng file: one interface per medium. */
final class PcapFile {
    private PcapFile() {
    }

    static void write(Path file, List<WirePacket> packets) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            PcapngWriter w = new PcapngWriter(out, "jwsp");
            for (WirePacket p : packets) {
                w.write(p);
            }
        } catch (IOException e) {
            throw CliFailure.environment("cannot write " + file + ": " + e.getMessage());
        }
    }
}
