package io.jwsp.cli.wireshark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jwsp.cli.matrix.TapRecorder;
import io.jwsp.cli.setup.RuntimeSession;
import io.jwsp.layer.pcap.PcapngWriter;
import io.jwsp.provider.irda.IrdaOptions;
import io.jwsp.provider.irda.IrdaProviderFactory;
import io.jwsp.provider.irda.IrdaSockAddr;
import io.jwsp.runtime.Winsock;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import io.jwsp.spi.trace.WirePacket;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TinyTP credits as Wireshark decodes them. Wireshark only dissects TinyTP on an LSAP an IAS answer named for a
 * class it knows, so this connection is to an "IrDA:IrCOMM" service and each SDU starts with IrCOMM's control
 * length octet (0): TinyTP 1.1 2.2 (the connect's initial credit, P clear) and 2.3 (data frames' credit, M clear).
 */
class TinyTpCreditsTest {
    @TempDir
    Path dir;

    @Test
    void connectAndDataFrames_carryTheCreditsTheStackGranted() throws IOException {
        String why = Tshark.unavailable();
        assumeTrue(why == null, () -> "skipped: " + why);
        VirtualClock clock = new VirtualClock();
        TapRecorder tap = new TapRecorder(clock, true);
        // baud 0: the medium delivers at once, so this single thread drives both ends with nonblocking calls
        try (RuntimeSession s = RuntimeSession.open(List.of(new IrdaProviderFactory()), Map.of("irda.baud", "0"),
                clock, tap)) {
            Winsock ws = s.winsock();
            long listener = ok(ws.socket(AddressFamily.AF_IRDA, SocketType.SOCK_STREAM, 0));
            ok(ws.bind(listener, IrdaSockAddr.local("IrDA:IrCOMM")));
            ok(ws.listen(listener, 1));
            SockAddr service = ok(ws.getSockName(listener));
            long client = ok(ws.socket(AddressFamily.AF_IRDA, SocketType.SOCK_STREAM, 0));
            assertFalse(ok(ws.getSockOpt(client, IrdaOptions.IRLMP_ENUMDEVICES)).devices().isEmpty(), "discovery");
            ok(ws.ioctl(client, IoControls.FIONBIO, Boolean.TRUE));
            WspResult<Void> c = ws.connect(client, service);
            assertTrue(c.isOk() || c.is(WsaError.WSAEWOULDBLOCK), () -> "connect: " + c);
            long peer = ok(ws.accept(listener));
            ByteBuffer in = ByteBuffer.allocate(64);
            for (int i = 0; i < 4; i++) {
                // one IrCOMM "cooked" SDU: no control parameters, two octets of data
                assertEquals(3, ok(ws.send(client, ByteBuffer.wrap(new byte[] {0, 'h', 'i'}), 0)));
                in.clear();
                assertEquals(3, ok(ws.recv(peer, in, 0)));
            }
            ok(ws.closeSocket(client));
            in.clear();
            assertEquals(0, ok(ws.recv(peer, in, 0)), "EOF after the DISCONNECT");
            ok(ws.closeSocket(peer));
            ok(ws.closeSocket(listener));
        }
        Path file = dir.resolve("tinytp.pcapng");
        try (OutputStream out = Files.newOutputStream(file)) {
            PcapngWriter w = new PcapngWriter(out, "jwsp test");
            for (WirePacket p : tap.packets()) {
                w.write(p);
            }
        }

        List<Map<String, String>> rows = Tshark.fields(file, "irlmp.opcode", "irlmp.src.lsap", "ttp.icredit",
                "ttp.dcredit", "ttp.m", "ttp.p", "iap.classname", "irlap.xid.saddr", "irlmp.xid.name");
        for (Map<String, String> p : rows) {
            assertEquals("", p.get("_ws.malformed"), () -> "malformed " + p);
        }
        // IrLAP 6.11 discovery: the XID command, answered by the other device with its nickname
        List<Map<String, String>> xid = rows.stream().filter(p -> !p.get("irlap.xid.saddr").isEmpty()).toList();
        assertEquals(2, xid.size(), () -> "XID command and response: " + xid);
        assertFalse(xid.get(1).get("irlmp.xid.name").isEmpty(), "the answering device's nickname");
        assertEquals("IrDA:IrCOMM", rows.stream().map(p -> p.get("iap.classname")).filter(v -> !v.isEmpty())
                .findFirst().orElseThrow());
        List<Map<String, String>> connects = rows.stream().filter(p -> p.get("irlmp.opcode").matches("0x01|0x81"))
                .toList();
        assertEquals(2, connects.size(), "CONNECT and CONNECT-CONFIRM");
        for (Map<String, String> p : connects) {
            assertEquals("4", p.get("ttp.icredit"), () -> "the initial credit (irda.initialCredit 4) in " + p);
            assertEquals("0", p.get("ttp.p"), "no TinyTP parameters");
        }
        List<Map<String, String>> data = rows.stream().filter(p -> !p.get("ttp.dcredit").isEmpty()).toList();
        assertTrue(data.size() >= 5, () -> "4 data frames and credit grants: " + data);
        assertTrue(data.stream().allMatch(p -> p.get("ttp.m").equals("0")), "no segmentation");
        String server = connects.get(1).get("irlmp.src.lsap");
        assertFalse(data.stream().filter(p -> p.get("irlmp.src.lsap").equals(server))
                .filter(p -> Integer.parseInt(p.get("ttp.dcredit")) > 0).toList().isEmpty(),
                "the reader grants credit back");
    }

    private static <T> T ok(WspResult<T> r) {
        assertTrue(r.isOk(), () -> "expected success: " + r);
        return r.value();
    }
}
