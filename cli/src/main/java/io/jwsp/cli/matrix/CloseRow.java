package io.jwsp.cli.matrix;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The rows of the close/linger table (DESIGN.md) as the close matrix runs them, each a short live scenario on a
 * fresh connection.
 */
public enum CloseRow {
    /** l_onoff = 0, the default: the peer has read everything, then close returns at once, graceful. */
    DEFAULT("default", "default close (SO_DONTLINGER)",
            "send, let the peer read it all, close with the default SO_DONTLINGER"),
    /** linger(1,0): hard close with data still queued. */
    LINGER_ZERO("linger0", "linger(1,0)",
            "fill the buffers (peer not reading), set linger(1,0), close: the hard close"),
    /** linger(1,N) blocking, the peer reads while close waits: graceful, returns 0. */
    LINGER_PEER_READS("linger-read", "linger(1,N), peer reads",
            "fill the buffers, set linger(1,N), close (blocking) while the peer reads"),
    /** linger(1,N) blocking, the peer does not read: the time-out expires, abortive, returns 0. */
    LINGER_PEER_STALLED("linger-stall", "linger(1,N), peer stalled",
            "fill the buffers, set linger(1,N), close (blocking) while the peer does not read"),
    /** linger(1,N) on a nonblocking socket with data queued: WSAEWOULDBLOCK, nothing initiated. */
    NONBLOCKING_LINGER("nonblocking", "nonblocking, linger(1,N)",
            "fill the buffers, set linger(1,N), close a nonblocking socket; then SO_DONTLINGER and close again"),
    /** shutdown(SD_SEND) then close. */
    SHUTDOWN_THEN_CLOSE("shutdown", "shutdown(SD_SEND), close",
            "send, shutdown(SD_SEND), close at once"),
    /** send then close at once, data still in flight. */
    SEND_THEN_CLOSE("send-close", "send, close at once",
            "send, close at once with the data still in flight");

    private final String id;
    private final String title;
    private final String scenario;

    CloseRow(String id, String title, String scenario) {
        this.id = id;
        this.title = title;
        this.scenario = scenario;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String scenario() {
        return scenario;
    }

    /** The row with this id, or this 1-based number; {@code null} when there is none. */
    public static CloseRow find(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (CloseRow r : values()) {
            if (r.id.equals(t) || r.name().toLowerCase(Locale.ROOT).equals(t)
                    || String.valueOf(r.ordinal() + 1).equals(t)) {
                return r;
            }
        }
        return null;
    }

    public static String ids() {
        return Arrays.stream(values()).map(r -> (r.ordinal() + 1) + "=" + r.id).collect(Collectors.joining(", "));
    }
}
