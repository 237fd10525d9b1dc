package io.jwsp.cli.out;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON object with its keys in insertion order, written on one line. Values are strings, numbers, booleans,
 * {@code null}, collections, maps and other {@code Json} objects. Enough for the CLI's output; nothing is parsed.
 */
public final class Json {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    public static Json object() {
        return new Json();
    }

    public Json put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    /** Puts the value only when it is not {@code null}. */
    public Json putIfPresent(String key, Object value) {
        if (value != null) {
            fields.put(key, value);
        }
        return this;
    }

    public Object get(String key) {
        return fields.get(key);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        write(sb, fields);
        return sb.toString();
    }

    /** Any supported value as JSON text. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v) {
        switch (v) {
            case null -> sb.append("null");
            case Json j -> write(sb, j.fields);
            case String s -> quote(sb, s);
            case Boolean b -> sb.append(b);
            case Double d when d.isNaN() || d.isInfinite() -> sb.append("null");
            case Float f when f.isNaN() || f.isInfinite() -> sb.append("null");
            case Number n -> sb.append(n);
            case Map<?, ?> m -> {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) {
                        sb.append(", ");
                    }
                    first = false;
                    quote(sb, String.valueOf(e.getKey()));
                    sb.append(": ");
                    write(sb, e.getValue());
                }
                sb.append('}');
            }
            case Collection<?> c -> {
                sb.append('[');
                boolean first = true;
                for (Object o : c) {
                    if (!first) {
                        sb.append(", ");
                    }
                    first = false;
                    write(sb, o);
                }
                sb.append(']');
            }
            default -> quote(sb, v.toString());
        }
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
