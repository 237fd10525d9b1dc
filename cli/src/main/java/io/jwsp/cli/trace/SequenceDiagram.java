package io.jwsp.cli.trace;

import io.jwsp.cli.matrix.RowResult;
import io.jwsp.cli.matrix.TapRecorder;
import io.jwsp.spi.trace.WireFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A row's run as a sequence diagram: the endpoints as columns, and in order the frames between them (arrows) and
 * what the application did and the provider reported (markers on one column). Runs of the same frame in the
 * same direction fold into one arrow unless asked otherwise: a filled buffer is dozens of DATA frames.
 */
public record SequenceDiagram(String title, boolean virtualTime, List<String> columns, List<Step> steps) {

    /** One line of the diagram. */
    public sealed interface Step permits Arrow, Marker {
        long timeNanos();
    }

    /**
     * Frames from one column to another.
     *
     * @param count how many frames this arrow stands for (1 unless folded)
     */
    public record Arrow(long timeNanos, int from, int to, String kind, int count, long bytes, String detail)
            implements Step {
        public String label() {
            StringBuilder sb = new StringBuilder(kind);
            if (count > 1) {
                sb.append(" x").append(count);
            }
            if (bytes > 0) {
                sb.append(count > 1 ? " (" + bytes + " B)" : " " + bytes + " B");
            }
            if (detail != null && !detail.isBlank()) {
                sb.append(' ').append(detail);
            }
            return sb.toString();
        }
    }

    /** Something that happened at one endpoint. */
    public record Marker(long timeNanos, int column, String text) implements Step {
    }

    public static SequenceDiagram of(RowResult r, boolean fold) {
        List<String> endpoints = new ArrayList<>();
        for (WireFrame f : r.frames()) {
            addIfNew(endpoints, f.from());
            addIfNew(endpoints, f.to());
        }
        // The closing side on the left: the endpoint that matches the client's address, else the first sender.
        String client = endpoints.contains(r.client()) ? r.client() : endpoints.isEmpty() ? r.client() : endpoints.getFirst();
        List<String> columns = new ArrayList<>();
        columns.add(client);
        for (String e : endpoints) {
            addIfNew(columns, e);
        }
        if (columns.size() == 1) {
            columns.add(r.server());
        }
        int clientCol = 0;
        int serverCol = columns.indexOf(r.server()) > 0 ? columns.indexOf(r.server()) : 1;

        long t0 = r.events().stream().mapToLong(TapRecorder.Event::timeNanos).min().orElse(0);
        List<Step> steps = new ArrayList<>();
        int closes = 0;
        for (TapRecorder.Event e : r.events()) {
            long t = e.timeNanos() - t0;
            switch (e) {
                case TapRecorder.Frame(WireFrame f) -> {
                    int from = columns.indexOf(f.from());
                    int to = columns.indexOf(f.to());
                    Arrow a = new Arrow(t, from, to, f.kind(), 1, f.bytes(), f.detail());
                    if (fold && !steps.isEmpty() && steps.getLast() instanceof Arrow last && last.from == from
                            && last.to == to && last.kind.equals(f.kind())) {
                        String detail = Objects.equals(last.detail, f.detail()) ? last.detail : null;
                        steps.set(steps.size() - 1, new Arrow(last.timeNanos, from, to, last.kind, last.count + 1,
                                last.bytes + f.bytes(), detail));
                    } else {
                        steps.add(a);
                    }
                }
                case TapRecorder.Note n -> steps.add(new Marker(t, n.endpoint().equals("server") ? serverCol : clientCol,
                        n.text()));
                case TapRecorder.Closed c -> {
                    String local = c.record().local() == null ? null : c.record().local().toString();
                    int col = columns.indexOf(local);
                    if (col < 0) {
                        col = closes == 0 ? clientCol : serverCol;
                    }
                    closes++;
                    steps.add(new Marker(t, col, "close: " + c.record().type() + " (" + c.record().outcome() + ")"
                            + (c.record().timeWait() ? ", TIME_WAIT" : "")));
                }
            }
        }
        String title = r.provider() + ", " + r.row().title() + ": " + r.row().scenario();
        return new SequenceDiagram(title, r.virtualTime(), List.copyOf(columns), List.copyOf(steps));
    }

    private static void addIfNew(List<String> list, String s) {
        if (s != null && !list.contains(s)) {
            list.add(s);
        }
    }

    /** A time as the diagram prints it, relative to the first event. */
    public static String time(long nanos) {
        if (nanos < 10_000_000_000L) {
            return String.format("%.3f ms", nanos / 1e6);
        }
        return String.format("%.3f s", nanos / 1e9);
    }

    public String columnTitle(int i) {
        return (i == 0 ? "client " : i == 1 ? "server " : "") + columns.get(i);
    }
}
