package io.jwsp.cli.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.cli.ExitCode;
import io.jwsp.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code jwsp trace}: the frames of a row, drawn between the two endpoints, in the terminal and as SVG. */
@Timeout(60)
class TraceCommandTest {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        assertEquals(ExitCode.OK, code, err.toString());
        return new String[] {out.toString(), err.toString()};
    }

    @Test
    void loopbackLingerZero_showsTheHandshakeTheDataAndTheRst_leftToRight() {
        List<String> lines = run("trace", "--provider", "loopback", "--row", "linger0")[0].lines().toList();
        String all = String.join("\n", lines);
        assertTrue(lines.get(2).contains("client ") && lines.get(2).contains("server "), lines.get(2));
        String syn = lines.stream().filter(l -> l.contains(" SYN ")).findFirst().orElseThrow();
        String synAck = lines.stream().filter(l -> l.contains("SYN-ACK")).findFirst().orElseThrow();
        String rst = lines.stream().filter(l -> l.contains(" RST")).findFirst().orElseThrow();
        assertTrue(syn.contains("▶"), "the SYN goes from the client to the server: " + syn);
        assertTrue(synAck.contains("◀"), "the SYN-ACK comes back: " + synAck);
        assertTrue(rst.contains("▶"), "the client resets: " + rst);
        assertTrue(lines.indexOf(syn) < lines.indexOf(rst));
        assertTrue(all.contains("DATA"), all);
        assertTrue(all.contains("closesocket() = 0"), all);
        assertTrue(all.contains("WSAECONNRESET"), "the peer's end is shown: " + all);
        assertTrue(!all.contains(" FIN"), "a hard close never sends a FIN first: " + all);
    }

    @Test
    void loopbackDefaultClose_endsWithTheClientsFin_neverAnRst() {
        String out = run("trace", "--provider", "loopback", "--row", "1", "--ascii")[0];
        assertTrue(out.lines().anyMatch(l -> l.contains("FIN") && l.contains(">")), out);
        assertTrue(out.lines().noneMatch(l -> l.contains("RST")), out);
        assertTrue(out.chars().allMatch(c -> c < 128), "--ascii draws with ASCII only");
    }

    @Test
    void atmSendThenClose_drawsTheSwitchBetweenTheAdapters_andTheRelease() {
        String out = run("trace", "--provider", "atm", "--row", "send-close")[0];
        String header = out.lines().skip(2).findFirst().orElseThrow();
        assertTrue(header.contains("client") && header.contains("switch") && header.contains("server"), header);
        assertTrue(out.contains("SETUP") && out.contains("CONNECT") && out.contains("RELEASE"), out);
        assertTrue(out.contains("WSAEDISCON"), out);
    }

    @Test
    void svg_isWellFormed_andHoldsTheSameFrames(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("trace.svg");
        String text = run("trace", "--provider", "loopback", "--row", "linger0", "--svg", svg.toString())[0];
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", doc.getDocumentElement().getNamespaceURI());
        String body = Files.readString(svg);
        for (String kind : new String[] {"SYN", "RST", "DATA"}) {
            assertTrue(body.contains(kind) && text.contains(kind), kind);
        }
        assertTrue(doc.getElementsByTagName("line").getLength() >= 5, "lifelines and arrows");
    }

    @Test
    void json_listsTheStepsAndTheRowResult() {
        String out = run("trace", "--provider", "loopback", "--row", "linger0", "--json")[0];
        assertTrue(out.startsWith("{\"provider\": \"loopback\", \"row\": \"linger0\""), out);
        assertTrue(out.contains("\"kind\": \"RST\""), out);
        assertTrue(out.contains("\"closeType\": \"HARD\""), out);
    }
}
