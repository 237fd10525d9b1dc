package io.jwsp.cli.out;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void columnsAlign_lastColumnUnpadded() {
        List<String> lines = new TextTable("A", "LONG HEADER", "Z").row("xyz", "1", "end").row("q", "22", "").lines();
        assertEquals(List.of(
                "A    LONG HEADER  Z",
                "---  -----------  ---",
                "xyz  1            end",
                "q    22"), lines);
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TextTable("A", "B").row("only one"));
    }
}
