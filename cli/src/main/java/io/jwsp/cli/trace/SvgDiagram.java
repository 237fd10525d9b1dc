package io.jwsp.cli.trace;

import java.util.Locale;

/** A {@link SequenceDiagram} as an SVG picture: the same lifelines, arrows and markers as the text form. */
public final class SvgDiagram {
    private static final int ROW = 24;
    private static final int TOP = 80;
    private static final int LEFT = 130;
    private static final int GAP = 320;

    private SvgDiagram() {
    }

    public static String render(SequenceDiagram d) {
        int n = d.columns().size();
        int width = LEFT + (n - 1) * GAP + 300;
        int height = TOP + (d.steps().size() + 1) * ROW + 20;
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"monospace\" font-size=\"12\">%n", width, height, width, height));
        sb.append("  <defs>\n")
                .append("    <marker id=\"head\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" ")
                .append("markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#333\"/></marker>\n")
                .append("  </defs>\n");
        sb.append("  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.append(String.format(Locale.ROOT, "  <text x=\"10\" y=\"22\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
                escape(d.title())));
        sb.append(String.format(Locale.ROOT, "  <text x=\"10\" y=\"%d\" fill=\"#666\">%s</text>%n", TOP - 20,
                d.virtualTime() ? "time (virtual)" : "time (real)"));
        for (int i = 0; i < n; i++) {
            int x = LEFT + i * GAP;
            sb.append(String.format(Locale.ROOT, "  <text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-weight=\"bold\">%s</text>%n",
                    x, TOP - 20, escape(d.columnTitle(i))));
            sb.append(String.format(Locale.ROOT,
                    "  <line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>%n",
                    x, TOP - 10, x, height - 10));
        }
        int row = 0;
        for (SequenceDiagram.Step s : d.steps()) {
            int y = TOP + row * ROW + ROW / 2;
            row++;
            sb.append(String.format(Locale.ROOT, "  <text x=\"10\" y=\"%d\" fill=\"#666\">%s</text>%n", y + 4,
                    escape(SequenceDiagram.time(s.timeNanos()))));
            switch (s) {
                case SequenceDiagram.Arrow a when a.from() >= 0 && a.to() >= 0 && a.from() != a.to() -> {
                    int x1 = LEFT + a.from() * GAP;
                    int x2 = LEFT + a.to() * GAP;
                    String color = color(a.kind());
                    sb.append(String.format(Locale.ROOT,
                            "  <line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"1.5\" marker-end=\"url(#head)\"/>%n",
                            x1, y + 4, x2, y + 4, color));
                    sb.append(String.format(Locale.ROOT,
                            "  <text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\">%s</text>%n",
                            (x1 + x2) / 2, y, color, escape(a.label())));
                }
                case SequenceDiagram.Arrow a -> marker(sb, LEFT + Math.max(0, a.from()) * GAP, y, a.label());
                case SequenceDiagram.Marker m -> marker(sb, LEFT + m.column() * GAP, y, m.text());
            }
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static void marker(StringBuilder sb, int x, int y, String text) {
        sb.append(String.format(Locale.ROOT, "  <circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"#1f5fa8\"/>%n", x, y));
        sb.append(String.format(Locale.ROOT, "  <text x=\"%d\" y=\"%d\" fill=\"#1f5fa8\">%s</text>%n", x + 10, y + 4,
                escape(text)));
    }

    /** Control frames stand out: resets in red, orderly ends in green, data in black. */
    private static String color(String kind) {
        String k = kind.toUpperCase(Locale.ROOT);
        if (k.contains("RST") || k.contains("RESET") || k.contains("ABORT")) {
            return "#c0392b";
        }
        if (k.contains("FIN") || k.contains("DISC") || k.contains("RELEASE") || k.contains("CLOSE")) {
            return "#1e8449";
        }
        if (k.contains("DATA") || k.contains("CELL")) {
            return "#222";
        }
        return "#7d3c98";
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
