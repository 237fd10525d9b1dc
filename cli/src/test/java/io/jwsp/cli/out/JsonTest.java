package io.jwsp.cli.out;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void objectKeepsInsertionOrder_andEscapes() {
        String s = Json.object().put("b", 1).put("a", "x\"y\\z\n").put("n", null).put("l", List.of(1, true, "s"))
                .put("m", Map.of("k", 2.5)).toString();
        assertEquals("{\"b\": 1, \"a\": \"x\\\"y\\\\z\\n\", \"n\": null, \"l\": [1, true, \"s\"], \"m\": {\"k\": 2.5}}", s);
    }

    @Test
    void controlCharacters_andNonFiniteNumbers() {
        assertEquals("\"\\u0001\"", Json.write("\u0001"));
        assertEquals("null", Json.write(Double.NaN));
    }

    @Test
    void putIfPresent_skipsNull() {
        assertEquals("{\"a\": 1}", Json.object().put("a", 1).putIfPresent("b", null).toString());
    }
}
