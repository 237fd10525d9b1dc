package io.jwsp.cli.out;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rows of text cells printed in aligned columns, with a header and a rule under it. */
public final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(String... header) {
        this.header = List.of(header);
    }

    public TextTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.length);
        }
        rows.add(Arrays.asList(cells));
        return this;
    }

    public TextTable row(List<String> cells) {
        return row(cells.toArray(String[]::new));
    }

    public int size() {
        return rows.size();
    }

    /** The table as lines, columns separated by two spaces; the last column is not padded. */
    public List<String> lines() {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        List<String> out = new ArrayList<>();
        out.add(format(header, width));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            if (i > 0) {
                rule.append("  ");
            }
            rule.append("-".repeat(width[i]));
        }
        out.add(rule.toString());
        for (List<String> r : rows) {
            out.add(format(r, width));
        }
        return out;
    }

    private static String format(List<String> cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append("  ");
            }
            String c = cells.get(i) == null ? "" : cells.get(i);
            sb.append(c);
            if (i < cells.size() - 1) {
                sb.append(" ".repeat(width[i] - c.length()));
            }
        }
        return sb.toString().stripTrailing();
    }

    @Override
    public String toString() {
        return String.join(System.lineSeparator(), lines());
    }
}
