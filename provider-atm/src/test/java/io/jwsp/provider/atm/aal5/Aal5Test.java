package io.jwsp.provider.atm.aal5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Aal5Test {
    private static byte[] data(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + seed);
        }
        return b;
    }

    private static List<Aal5Reassembler.Outcome> feed(Aal5Reassembler r, List<byte[]> cells) {
        List<Aal5Reassembler.Outcome> out = new ArrayList<>();
        for (byte[] c : cells) {
            Cell cell = Cell.decode(c);
            Aal5Reassembler.Outcome o = r.accept(cell.payload(), cell.endOfPdu());
            if (!(o instanceof Aal5Reassembler.Outcome.Partial)) {
                out.add(o);
            }
        }
        return out;
    }

    @Test
    void i3635_cpcsPdu_padsToCellsWithAnEightByteTrailer() {
        assertEquals(1, Aal5.cellsFor(1));
        assertEquals(1, Aal5.cellsFor(40), "40 bytes + 8 trailer fill one cell exactly");
        assertEquals(2, Aal5.cellsFor(41));
        assertEquals(1366, Aal5.cellsFor(65535));
        byte[] pdu = Aal5.cpcsPdu(data(41, 0), 0);
        assertEquals(96, pdu.length);
        assertEquals(41, (pdu[90] & 0xFF) << 8 | pdu[91] & 0xFF, "the Length field");
        assertThrows(IllegalArgumentException.class, () -> Aal5.cpcsPdu(new byte[65536], 0));
    }

    @Test
    void i3635_segmentation_onlyTheLastCellCarriesAuu() {
        List<byte[]> cells = Aal5.segment(data(200, 1), 0, 32);
        assertEquals(5, cells.size());
        for (int i = 0; i < cells.size(); i++) {
            assertEquals(i == cells.size() - 1, Cell.endOfPdu(cells.get(i)));
            assertEquals(53, cells.get(i).length);
            assertEquals(32, Cell.vciOf(cells.get(i)));
        }
    }

    @Test
    void i3635_reassembly_givesBackEachSdu() {
        Aal5Reassembler r = new Aal5Reassembler();
        for (int len : new int[] {1, 40, 41, 1000, 65535}) {
            List<Aal5Reassembler.Outcome> out = feed(r, Aal5.segment(data(len, len), 0, 40));
            assertEquals(1, out.size());
            assertArrayEquals(data(len, len), assertInstanceOf(Aal5Reassembler.Outcome.Delivered.class,
                    out.getFirst()).sdu());
        }
    }

    @Test
    void i3635_aLostMiddleCell_losesThatPduOnly() {
        Aal5Reassembler r = new Aal5Reassembler();
        List<byte[]> first = new ArrayList<>(Aal5.segment(data(200, 1), 0, 40));
        first.remove(1);
        List<byte[]> all = new ArrayList<>(first);
        all.addAll(Aal5.segment(data(200, 2), 0, 40));
        List<Aal5Reassembler.Outcome> out = feed(r, all);
        assertEquals(2, out.size());
        assertInstanceOf(Aal5Reassembler.Outcome.Discarded.class, out.get(0));
        assertArrayEquals(data(200, 2), assertInstanceOf(Aal5Reassembler.Outcome.Delivered.class, out.get(1)).sdu());
    }

    @Test
    void i3635_aLostFinalCell_mergesTwoPdusAndBothFail() {
        Aal5Reassembler r = new Aal5Reassembler();
        List<byte[]> first = new ArrayList<>(Aal5.segment(data(200, 1), 0, 40));
        first.removeLast();
        List<byte[]> all = new ArrayList<>(first);
        all.addAll(Aal5.segment(data(200, 2), 0, 40));
        all.addAll(Aal5.segment(data(100, 3), 0, 40));
        List<Aal5Reassembler.Outcome> out = feed(r, all);
        assertEquals(2, out.size(), "the first two PDUs came out as one");
        assertInstanceOf(Aal5Reassembler.Outcome.Discarded.class, out.get(0));
        assertArrayEquals(data(100, 3), assertInstanceOf(Aal5Reassembler.Outcome.Delivered.class, out.get(1)).sdu());
        assertEquals(1, r.discarded());
    }

    @Test
    void i3635_aCorruptedPayloadFailsTheCrc() {
        Aal5Reassembler r = new Aal5Reassembler();
        List<byte[]> cells = Aal5.segment(data(100, 1), 0, 40);
        Cell c = Cell.decode(cells.get(0));
        byte[] p = c.payload();
        p[3] ^= 1;
        cells.set(0, new Cell(c.gfc(), c.vpi(), c.vci(), c.pti(), c.clp(), p).encode());
        List<Aal5Reassembler.Outcome> out = feed(r, cells);
        Aal5Reassembler.Outcome.Discarded d = assertInstanceOf(Aal5Reassembler.Outcome.Discarded.class, out.get(0));
        assertTrue(d.reason().contains("CRC"));
    }
}
