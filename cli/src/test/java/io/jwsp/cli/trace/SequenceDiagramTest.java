package io.jwsp.cli.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How endpoint names from different providers become one column per machine. */
class SequenceDiagramTest {
    @Test
    void javaNetNames_loseTheirSlash() {
        assertEquals("127.0.0.1:80", SequenceDiagram.normal("/127.0.0.1:80"));
        assertEquals("127.0.0.1:80", SequenceDiagram.normal("localhost/127.0.0.1:80"));
        assertEquals("[::1]:80", SequenceDiagram.normal("[::1]:80"));
    }

    @Test
    void layeredNames_joinTheirDevice() {
        // IrDA frames name DEVICE/LSAP; the diagram shows the two devices.
        assertEquals("1DA00002", SequenceDiagram.normal("1DA00002/17"));
        assertEquals("port0", SequenceDiagram.normal("port0"));
    }

    @Test
    void foldedArrow_labelCountsFramesAndBytes() {
        SequenceDiagram.Arrow one = new SequenceDiagram.Arrow(0, 0, 1, "DATA", 1, 2045, "I-frame");
        SequenceDiagram.Arrow many = new SequenceDiagram.Arrow(0, 0, 1, "DATA", 4, 8180, null);
        assertEquals("DATA 2045 B I-frame", one.label());
        assertEquals("DATA x4 (8180 B)", many.label());
        assertEquals("RST", new SequenceDiagram.Arrow(0, 0, 1, "RST", 1, 0, "").label());
    }

    @Test
    void svgEscapesMarkup() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", SvgDiagram.escape("a <b> & \"c\""));
    }
}
