package io.jwsp.cli.trace;

import io.jwsp.cli.matrix.RowResult;
import io.jwsp.cli.matrix.TapRecorder;
import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.close.CloseType;
import io.jwsp.spi.trace.WireFrame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A row's run as a sequence diagram: the endpoints as columns (the closing side first), and in order the frames
 * between them (arrows) and what the application did and the provider reported (markers on one column). Runs of
 * the same frame in the same direction fold into one arrow unless asked otherwise: a filled buffer is dozens of
 * DATA frames.
 *
 * @param roles a label per column ("client", "server", or "" for a party in between, such as an ATM switch)
 */
public record SequenceDiagram(String title, boolean virtualTime, List<String> columns, List<String> roles,
                              List<Step> steps) {

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
        String client = normal(r.client());
        String server = normal(r.server());
        // Endpoints in order of appearance; a wildcard name (a socket not yet bound) joins the one with its port.
        Map<String, String> alias = new LinkedHashMap<>();
        List<String> seen = new ArrayList<>();
        for (WireFrame f : r.frames()) {
            for (String e : new String[] {normal(f.from()), normal(f.to())}) {
                if (e != null && !seen.contains(e)) {
                    seen.add(e);
                }
            }
        }
        for (String e : seen) {
            alias.put(e, e);
        }
        for (String e : seen) {
            String port = wildcardPort(e);
            if (port != null) {
                for (String other : seen) {
                    if (!other.equals(e) && wildcardPort(other) == null && other.endsWith(":" + port)) {
                        alias.put(e, other);
                        break;
                    }
                }
            }
        }
        List<String> columns = new ArrayList<>();
        if (seen.isEmpty() || seen.contains(client)) {
            columns.add(client);
        }
        for (String e : seen) {
            String a = alias.get(e);
            if (!columns.contains(a) && !a.equals(server)) {
                columns.add(a);
            }
        }
        if (seen.isEmpty() || seen.contains(server)) {
            columns.add(server);
        }
        if (columns.size() == 1) {
            columns.add(server);
        }
        int clientCol = 0;
        int serverCol = columns.indexOf(server) >= 0 ? columns.indexOf(server) : columns.size() - 1;
        List<String> roles = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            roles.add(i == clientCol ? "client" : i == serverCol ? "server" : "");
        }

        long t0 = r.events().stream().mapToLong(TapRecorder.Event::timeNanos).min().orElse(0);
        List<Step> steps = new ArrayList<>();
        for (TapRecorder.Event e : r.events()) {
            long t = e.timeNanos() - t0;
            switch (e) {
                case TapRecorder.Frame(WireFrame f) -> {
                    int from = columns.indexOf(alias.getOrDefault(normal(f.from()), normal(f.from())));
                    int to = columns.indexOf(alias.getOrDefault(normal(f.to()), normal(f.to())));
                    if (fold && !steps.isEmpty() && steps.getLast() instanceof Arrow last && last.from == from
                            && last.to == to && last.kind.equals(f.kind())) {
                        String detail = Objects.equals(last.detail, f.detail()) ? last.detail : null;
                        steps.set(steps.size() - 1, new Arrow(last.timeNanos, from, to, last.kind, last.count + 1,
                                last.bytes + f.bytes(), detail));
                    } else {
                        steps.add(new Arrow(t, from, to, f.kind(), 1, f.bytes(), f.detail()));
                    }
                }
                case TapRecorder.Note n -> steps.add(new Marker(t, n.endpoint().equals("server") ? serverCol : clientCol,
                        n.text()));
                case TapRecorder.Closed c -> {
                    CloseRecord rec = c.record();
                    // A listener's close, or a close after the connection had ended, is not part of the row.
                    if (rec.type() == CloseType.NO_CONNECTION || rec.type() == CloseType.HANDLE_ONLY) {
                        continue;
                    }
                    int col = columnOf(columns, alias, rec, clientCol, serverCol);
                    steps.add(new Marker(t, col, "closed: " + rec.type() + (rec.timeWait() ? ", TIME_WAIT" : "")));
                }
            }
        }
        String title = r.provider() + ", " + r.row().title() + ": " + r.row().scenario();
        return new SequenceDiagram(title, r.virtualTime(), List.copyOf(columns), List.copyOf(roles),
                List.copyOf(steps));
    }

    private static int columnOf(List<String> columns, Map<String, String> alias, CloseRecord rec, int clientCol,
                                int serverCol) {
        String local = rec.local() == null ? null : normal(rec.local().toString());
        int col = local == null ? -1 : columns.indexOf(alias.getOrDefault(local, local));
        if (col >= 0) {
            return col;
        }
        String peer = rec.peer() == null ? null : normal(rec.peer().toString());
        int peerCol = peer == null ? -1 : columns.indexOf(alias.getOrDefault(peer, peer));
        if (peerCol == clientCol) {
            return serverCol;
        }
        return clientCol;
    }

    /**
     * Endpoint text as the columns hold it: java.net's leading "/" (or "host/") dropped; a layered name such as
     * IrDA's DEVICE/LSAP joins its device's column, since the diagram shows machines, not multiplexed channels.
     */
    static String normal(String endpoint) {
        if (endpoint == null) {
            return null;
        }
        int slash = endpoint.indexOf('/');
        int colon = endpoint.indexOf(':');
        if (slash == 0 || slash > 0 && slash < colon) {
            return endpoint.substring(slash + 1);
        }
        if (slash > 0 && colon < 0) {
            return endpoint.substring(0, slash);
        }
        return endpoint;
    }

    /** The port of a wildcard IP endpoint ("0.0.0.0:P", "[::]:P"), or {@code null}. */
    private static String wildcardPort(String endpoint) {
        for (String w : new String[] {"0.0.0.0:", "[::]:", "[0:0:0:0:0:0:0:0]:"}) {
            if (endpoint.startsWith(w)) {
                return endpoint.substring(w.length());
            }
        }
        return null;
    }

    /** A time as the diagram prints it, relative to the first event. */
    public static String time(long nanos) {
        if (nanos < 10_000_000_000L) {
            return String.format("%.3f ms", nanos / 1e6);
        }
        return String.format("%.3f s", nanos / 1e9);
    }

    public String columnTitle(int i) {
        String role = roles.get(i);
        return role.isEmpty() ? columns.get(i) : role + " " + columns.get(i);
    }
}
