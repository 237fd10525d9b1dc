package io.jwsp.provider.atm.aal5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CellTest {
    @Test
    void i432_hec_idleCellHeaderIs52() {
        // The idle cell header 00 00 00 01 carries HEC 0x52 (CRC-8 0x07, XOR the coset 0x55).
        assertEquals(0x52, HeaderErrorControl.of(new byte[] {0, 0, 0, 1}, 0));
        assertEquals(0x55, HeaderErrorControl.of(new byte[] {0, 0, 0, 0}, 0));
    }

    @Test
    void i361_uniHeader_roundTripsEveryField() {
        byte[] payload = new byte[48];
        payload[0] = 7;
        Cell c = new Cell(0x3, 0xA5, 0xBEEF, 0x1, 1, payload);
        byte[] wire = c.encode();
        assertEquals(53, wire.length);
        Cell back = Cell.decode(wire);
        assertEquals(c, back);
        assertEquals(0xBEEF, Cell.vciOf(wire));
        assertEquals(0xA5, Cell.vpiOf(wire));
        assertTrue(back.endOfPdu(), "PTI 001: AUU set on a user-data cell");
    }

    @Test
    void i432_hec_aCorruptedHeaderIsDiscarded() {
        byte[] wire = new Cell(0, 0, 40, 0, 0, new byte[48]).encode();
        wire[2] ^= 0x10;
        assertNull(Cell.decode(wire));
    }

    @Test
    void switch_relabel_rewritesVpiVciAndHec() {
        byte[] wire = new Cell(0, 0, 40, 1, 0, new byte[48]).encode();
        byte[] out = Cell.relabel(wire, 0, 33);
        Cell c = Cell.decode(out);
        assertEquals(33, c.vci());
        assertTrue(c.endOfPdu());
    }
}
