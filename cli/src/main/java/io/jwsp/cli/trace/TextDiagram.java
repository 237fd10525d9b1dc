package io.jwsp.cli.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A {@link SequenceDiagram} for the terminal: a lifeline per endpoint, one line per arrow or marker. */
public final class TextDiagram {
    private record Glyphs(char life, char line, char right, char left, char dot) {
    }

    private static final Glyphs UNICODE = new Glyphs('│', '─', '▶', '◀', '●');
    private static final Glyphs ASCII = new Glyphs('|', '-', '>', '<', '*');
    private static final int TIME_WIDTH = 14;

    private TextDiagram() {
    }

    public static List<String> render(SequenceDiagram d, boolean ascii) {
        Glyphs g = ascii ? ASCII : UNICODE;
        int gap = 40;
        for (SequenceDiagram.Step s : d.steps()) {
            if (s instanceof SequenceDiagram.Arrow a && Math.abs(a.to() - a.from()) == 1) {
                gap = Math.max(gap, a.label().length() + 8);
            }
        }
        for (SequenceDiagram.Step s : d.steps()) {
            if (s instanceof SequenceDiagram.Marker m && m.column() < d.columns().size() - 1) {
                gap = Math.max(gap, Math.min(60, m.text().length() + 6));
            }
        }
        for (int i = 0; i < d.columns().size(); i++) {
            gap = Math.max(gap, d.columnTitle(i).length() + 4);
        }
        int[] x = new int[d.columns().size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = TIME_WIDTH + 4 + i * gap;
        }
        int width = x[x.length - 1] + 1;

        List<String> out = new ArrayList<>();
        out.add(d.title());
        out.add("");
        char[] head = blank(width + 40);
        put(head, 0, d.virtualTime() ? "TIME (virtual)" : "TIME (real)");
        for (int i = 0; i < x.length; i++) {
            put(head, Math.max(0, x[i] - 1), d.columnTitle(i));
        }
        out.add(new String(head).stripTrailing());
        out.add(new String(lifelines(width, x, g)).stripTrailing());
        for (SequenceDiagram.Step s : d.steps()) {
            char[] line = lifelines(width + 60, x, g);
            String t = SequenceDiagram.time(s.timeNanos());
            put(line, TIME_WIDTH - t.length(), t);
            switch (s) {
                case SequenceDiagram.Arrow a when a.from() >= 0 && a.to() >= 0 && a.from() != a.to() -> {
                    int from = x[a.from()];
                    int to = x[a.to()];
                    int lo = Math.min(from, to);
                    int hi = Math.max(from, to);
                    for (int c = lo + 1; c < hi; c++) {
                        line[c] = g.line;
                    }
                    if (to > from) {
                        line[hi - 1] = g.right;
                    } else {
                        line[lo + 1] = g.left;
                    }
                    String label = " " + a.label() + " ";
                    int room = hi - lo - 4;
                    if (label.length() > room) {
                        label = label.substring(0, Math.max(0, room - 1)) + " ";
                    }
                    int start = to > from ? lo + 2 : hi - 1 - label.length();
                    put(line, start, label);
                }
                case SequenceDiagram.Arrow a -> put(line, x[Math.max(0, a.from())] + 2, g.dot + " " + a.label());
                case SequenceDiagram.Marker m -> {
                    String text = g.dot + " " + m.text();
                    int start = x[m.column()] + 2;
                    if (m.column() < x.length - 1) {
                        int room = x[m.column() + 1] - start - 1;
                        if (text.length() > room) {
                            text = text.substring(0, Math.max(0, room - 2)) + "..";
                        }
                    }
                    put(line, start, text);
                }
            }
            out.add(new String(line).stripTrailing());
        }
        out.add(new String(lifelines(width, x, g)).stripTrailing());
        return out;
    }

    private static char[] blank(int width) {
        char[] c = new char[width];
        Arrays.fill(c, ' ');
        return c;
    }

    private static char[] lifelines(int width, int[] x, Glyphs g) {
        char[] c = blank(width);
        for (int xi : x) {
            c[xi] = g.life;
        }
        return c;
    }

    private static void put(char[] line, int at, String s) {
        for (int i = 0; i < s.length() && at + i < line.length; i++) {
            if (at + i >= 0) {
                line[at + i] = s.charAt(i);
            }
        }
    }
}
