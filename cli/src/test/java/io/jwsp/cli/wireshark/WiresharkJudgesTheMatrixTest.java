package io.jwsp.cli.wireshark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jwsp.cli.matrix.CloseRow;
import io.jwsp.cli.matrix.RowResult;
import io.jwsp.cli.matrix.RowRun;
import io.jwsp.cli.setup.ProviderDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Wireshark is the judge of the bytes jwsp puts on its media: each close-matrix row runs with a pcapng capture,
 * tshark decodes it, and the test asserts tshark's decoded fields (never our own parse of the bytes), plus that no
 * packet is malformed and no expert entry is an error. Skipped, saying why, only when tshark is not installed.
 */
class WiresharkJudgesTheMatrixTest {
    /** Expert severity "Error" (epan/proto.h PI_ERROR): anything at or above it fails the capture. */
    private static final long EXPERT_ERROR = 0x00800000L;
    private static final Set<CloseRow> HARD = Set.of(CloseRow.LINGER_ZERO, CloseRow.LINGER_PEER_STALLED);

    @TempDir
    Path dir;

    @BeforeAll
    static void tsharkIsHere() {
        String why = Tshark.unavailable();
        assumeTrue(why == null, () -> "skipped: " + why);
    }

    private Path capture(String provider, CloseRow row) {
        Path file = dir.resolve(provider + "-" + row.id() + ".pcapng");
        RowResult r = new RowRun(ProviderDirectory.builtIn().require(provider), row, Map.of(), file).run();
        assertTrue(r.ran(), () -> provider + " " + row.id() + " did not run: " + r.error());
        return file;
    }

    /** No malformed packet, no expert error (warnings are allowed: see the README on Q.2931's AAL parameters). */
    private static List<Map<String, String>> decoded(Path file, String... fields) {
        List<Map<String, String>> rows = Tshark.fields(file, fields);
        assertFalse(rows.isEmpty(), "tshark read no packets from " + file);
        for (Map<String, String> p : rows) {
            assertEquals("", p.get("_ws.malformed"), () -> "malformed packet " + p);
            for (String s : p.get("_ws.expert.severity").split(",")) {
                assertTrue(s.isEmpty() || Long.parseLong(s) < EXPERT_ERROR, () -> "expert error " + p);
            }
        }
        return rows;
    }

    private static List<Map<String, String>> with(List<Map<String, String>> rows, String field) {
        return rows.stream().filter(p -> !p.get(field).isEmpty()).toList();
    }

    private static int frame(Map<String, String> p) {
        return Integer.parseInt(p.get("frame.number"));
    }

    // IrLAP 1.1 5.2 (address, control), 6.6 (SNRM/UA); IrLMP 1.1 4.2 (LSAPs, opcodes); LM-IAS GetValueByClass
    @ParameterizedTest
    @EnumSource(CloseRow.class)
    void irda_linkLmpAndIas_decodeAsIrdaSays(CloseRow row) {
        List<Map<String, String>> rows = decoded(capture("irda", row), "irlap.a.cr", "irlap.c.ftype",
                "irlap.c.n_s", "irlap.c.n_r", "irlap.c.u_modifier_cmd", "irlap.c.u_modifier_resp",
                "irlap.c.s_ftype", "irlmp.src.lsap", "irlmp.dst.lsap", "irlmp.opcode", "irlmp.reason",
                "iap.classname", "iap.attrname", "iap.return", "iap.int");
        // the link comes up with SNRM (command) answered by UA (response)
        assertEquals("0x20", rows.get(0).get("irlap.c.u_modifier_cmd"), "SNRM first");
        assertEquals("0x18", rows.get(1).get("irlap.c.u_modifier_resp"), "UA second");

        // every I-frame's N(S) counts its direction's I-frames; N(R) the other direction's (mod 8); RR acknowledges
        int[] sent = new int[2];
        for (Map<String, String> p : rows) {
            int dir = "1".equals(p.get("irlap.a.cr")) ? 0 : 1;
            if (p.get("irlap.c.ftype").equals("0x00")) {
                assertEquals(sent[dir] % 8, Integer.parseInt(p.get("irlap.c.n_s")), () -> "N(S) of " + p);
                assertEquals(sent[1 - dir] % 8, Integer.parseInt(p.get("irlap.c.n_r")), () -> "N(R) of " + p);
                sent[dir]++;
            } else if (!p.get("irlap.c.s_ftype").isEmpty()) {
                assertEquals(sent[1 - dir] % 8, Integer.parseInt(p.get("irlap.c.n_r")), () -> "RR N(R) of " + p);
            }
        }

        // IAS: GetValueByClass for the listener's class, answered with success and the LSAP the CONNECT goes to
        List<Map<String, String>> ias = with(rows, "iap.classname");
        assertEquals(1, ias.size());
        assertEquals("jwsp-listener", ias.getFirst().get("iap.classname"));
        assertEquals("IrDA:TinyTP:LsapSel", ias.getFirst().get("iap.attrname"));
        Map<String, String> answer = with(rows, "iap.return").getFirst();
        assertEquals("0x00", answer.get("iap.return"));
        List<Map<String, String>> control = with(rows, "irlmp.opcode");
        assertEquals(List.of("0x01", "0x81"), control.subList(0, 2).stream().map(p -> p.get("irlmp.opcode")).toList(),
                "IrLMP CONNECT then CONNECT-CONFIRM");
        Map<String, String> connect = control.getFirst();
        assertEquals(answer.get("iap.int"), connect.get("irlmp.dst.lsap"), "CONNECT goes to the LSAP IAS named");

        // the closing side's DISCONNECT (reason 1, user request) follows its last data frame
        String client = connect.get("irlmp.src.lsap");
        Map<String, String> disconnect = control.stream().filter(p -> p.get("irlmp.opcode").equals("0x02"))
                .filter(p -> p.get("irlmp.src.lsap").equals(client)).findFirst().orElseThrow();
        assertEquals("0x01", disconnect.get("irlmp.reason"));
        int lastData = rows.stream().filter(p -> p.get("irlap.c.ftype").equals("0x00") && p.get("irlmp.opcode").isEmpty())
                .filter(p -> client.equals(p.get("irlmp.src.lsap"))).mapToInt(WiresharkJudgesTheMatrixTest::frame)
                .max().orElse(0);
        assertTrue(frame(disconnect) > lastData, "DISCONNECT after the last data frame");
    }

    // Q.2931 messages in SSCOP SD PDUs on VPI 0 / VCI 5 (Q.2110 7.1, UNI signalling VC)
    @ParameterizedTest
    @EnumSource(CloseRow.class)
    void atm_signallingOnVci5_inOrder_releaseCause16(CloseRow row) {
        List<Map<String, String>> rows = decoded(capture("atm", row), "atm.vpi", "atm.vci", "atm.channel",
                "sscop.type", "q2931.message_type", "q2931.cause.value");
        List<Map<String, String>> sig = with(rows, "q2931.message_type");
        for (Map<String, String> p : sig) {
            assertEquals("0", p.get("atm.vpi"));
            assertEquals("5", p.get("atm.vci"));
            assertEquals("0x08", p.get("sscop.type"), "Q.2931 rides in SSCOP Sequenced Data");
        }
        List<String> caller = sig.stream().filter(p -> p.get("atm.channel").equals("0"))
                .map(p -> p.get("q2931.message_type")).toList();
        // caller's UNI, user to network: SETUP, CONNECT ACK, RELEASE; network to user: CALL PROCEEDING, CONNECT
        List<String> all = sig.stream().map(p -> p.get("q2931.message_type")).toList();
        assertTrue(all.size() >= 9, () -> "Q.2931 messages tshark decoded: " + all);
        assertEquals(List.of("0x05", "0x02", "0x05", "0x07", "0x07", "0x0f", "0x0f"), all.subList(0, 7),
                "SETUP, CALL PROCEEDING, SETUP (offered), CONNECT, CONNECT, CONNECT ACK x2");
        assertTrue(caller.contains("0x4d"), "the closing side sends RELEASE");
        Map<String, String> release = sig.stream().filter(p -> p.get("q2931.message_type").equals("0x4d"))
                .findFirst().orElseThrow();
        assertEquals("0x10", release.get("q2931.cause.value"), "cause 16, normal call clearing");
        assertEquals("0x5a", all.getLast(), "RELEASE COMPLETE last");
        if (row == CloseRow.SEND_THEN_CLOSE) {
            // the data still in flight leaves its UNI after the RELEASE that overtakes it
            int data = with(rows, "atm.vci").stream().filter(p -> !p.get("atm.vci").equals("5"))
                    .mapToInt(WiresharkJudgesTheMatrixTest::frame).max().orElseThrow();
            assertTrue(data > frame(release), "last AAL5 PDU after the RELEASE");
        }
    }

    // RFC 9293: a graceful close ends with FIN after the data; linger(1,0) (or its timeout) with RST
    @ParameterizedTest
    @EnumSource(CloseRow.class)
    void loopback_tcp_finAfterData_orResetOnHardClose(CloseRow row) {
        List<Map<String, String>> rows = decoded(capture("loopback", row), "tcp.srcport", "tcp.flags.syn",
                "tcp.flags.fin", "tcp.flags.reset", "tcp.seq", "tcp.len", "tcp.ack");
        assertEquals("1", rows.getFirst().get("tcp.flags.syn"), "the capture starts with the SYN");
        String client = rows.getFirst().get("tcp.srcport");
        List<Map<String, String>> resets = rows.stream().filter(p -> p.get("tcp.flags.reset").equals("1")).toList();
        if (HARD.contains(row)) {
            assertEquals(1, resets.size(), "one RST for a hard close");
            assertEquals(client, resets.getFirst().get("tcp.srcport"));
            return;
        }
        assertTrue(resets.isEmpty(), "no RST after a graceful close");
        List<Map<String, String>> fromClient = rows.stream().filter(p -> client.equals(p.get("tcp.srcport"))).toList();
        Map<String, String> fin = fromClient.stream().filter(p -> p.get("tcp.flags.fin").equals("1"))
                .findFirst().orElseThrow();
        Map<String, String> lastData = new ArrayList<>(fromClient.stream()
                .filter(p -> !p.get("tcp.len").equals("0")).toList()).getLast();
        assertTrue(frame(fin) > frame(lastData), "FIN after the last data");
        assertEquals(Long.parseLong(lastData.get("tcp.seq")) + Long.parseLong(lastData.get("tcp.len")),
                Long.parseLong(fin.get("tcp.seq")), "the FIN's sequence number follows the data's last octet");
    }
}
