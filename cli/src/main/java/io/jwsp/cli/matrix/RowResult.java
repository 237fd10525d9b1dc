package io.jwsp.cli.matrix;

import io.jwsp.cli.out.Json;
import io.jwsp.spi.trace.WireFrame;
import java.util.List;

/**
 * One cell row of the close matrix: what one provider did for one row of the table.
 *
 * @param close        what closesocket returned: "0", an error name, or "WSAEWOULDBLOCK, then 0" for a retried close
 * @param waitedNanos  how long close blocked (the provider's CloseRecord when it published one, else measured)
 * @param virtualTime  whether {@code waitedNanos} is virtual time
 * @param closeType    the CloseRecord's type, or "-" when the provider published none
 * @param sent         bytes the closing side's sends accepted
 * @param peerBytes    bytes the peer read
 * @param peerEnd      how the peer's stream ended: EOF, an error name, or "(none)"
 * @param fdClose      whether FD_CLOSE reached the peer's event select
 * @param fdCloseError the error code that came with FD_CLOSE, or {@code null}
 * @param timeWait     "yes", "no", or "n/a" when the provider offers no TIME_WAIT query
 * @param error        why the row could not run, or {@code null}
 * @param events       what the wire tap saw and the scenario's steps, in order (for traces)
 * @param client       the closing endpoint's address as text
 * @param server       the peer endpoint's address as text
 */
public record RowResult(String provider, CloseRow row, String close, long waitedNanos, boolean virtualTime,
                        String closeType, long sent, long peerBytes, String peerEnd, boolean fdClose,
                        String fdCloseError, String timeWait, String error, List<TapRecorder.Event> events,
                        String client, String server) {

    public static RowResult failed(String provider, CloseRow row, boolean virtualTime, String error,
                                   List<TapRecorder.Event> events) {
        return new RowResult(provider, row, "-", 0, virtualTime, "-", 0, 0, "-", false, null, "-", error,
                events, "client", "server");
    }

    public List<WireFrame> frames() {
        return events.stream().filter(e -> e instanceof TapRecorder.Frame)
                .map(e -> ((TapRecorder.Frame) e).frame()).toList();
    }

    public boolean ran() {
        return error == null;
    }

    /** The waited time as people read it: "0 s", "12 ms", "5.000 s", with "virtual" or "real". */
    public String waitedText() {
        if (!ran()) {
            return "-";
        }
        String amount;
        if (waitedNanos < 1_000_000L) {
            amount = waitedNanos == 0 ? "0 s" : String.format("%.3f ms", waitedNanos / 1e6);
        } else if (waitedNanos < 1_000_000_000L) {
            amount = String.format("%.1f ms", waitedNanos / 1e6);
        } else {
            amount = String.format("%.3f s", waitedNanos / 1e9);
        }
        return amount + (virtualTime ? " virtual" : " real");
    }

    public String fdCloseText() {
        if (!ran()) {
            return "-";
        }
        if (!fdClose) {
            return "no";
        }
        return fdCloseError == null ? "yes" : "yes (" + fdCloseError + ")";
    }

    public String peerText() {
        return ran() ? peerBytes + "/" + sent : "-";
    }

    public Json toJson() {
        return Json.object()
                .put("provider", provider)
                .put("row", row.id())
                .put("rowTitle", row.title())
                .put("ran", ran())
                .putIfPresent("error", error)
                .put("close", close)
                .put("closeWaitedMillis", waitedNanos / 1e6)
                .put("clock", virtualTime ? "virtual" : "real")
                .put("closeType", closeType)
                .put("sent", sent)
                .put("peerBytes", peerBytes)
                .put("peerEnd", peerEnd)
                .put("fdCloseAtPeer", fdClose)
                .put("fdCloseError", fdCloseError)
                .put("timeWait", timeWait)
                .put("frames", frames().size());
    }
}
