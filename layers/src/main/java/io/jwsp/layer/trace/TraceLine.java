package io.jwsp.layer.trace;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.io.Received;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/** The text of trace lines: results, durations, buffers and payload bytes. */
final class TraceLine {
    private static final HexFormat HEX = HexFormat.of();

    private TraceLine() {
    }

    static String result(WspResult<?> r) {
        return switch (r) {
            case WspResult.Ok<?>(Object v) -> v == null ? "ok" : value(v);
            case WspResult.Pending<?> p -> "pending";
            case WspResult.Failed<?>(var e) -> e.symbol() + " (" + e.code() + ")";
        };
    }

    private static String value(Object v) {
        return switch (v) {
            case TraceSocket s -> s.id();
            case Accepted a -> "peer=" + a.peer() + " socket=" + id(a.socket());
            case Received rc -> rc.bytes() + " from=" + rc.from() + (rc.flags() != 0 ? " flags=0x" + Integer.toHexString(rc.flags()) : "");
            case SelectSets s -> "read=" + ids(s.read()) + " write=" + ids(s.write()) + " except=" + ids(s.except());
            default -> String.valueOf(v);
        };
    }

    static String id(WspSocket s) {
        return s instanceof TraceSocket t ? t.id() : String.valueOf(s);
    }

    static String ids(List<WspSocket> sockets) {
        return sockets.stream().map(TraceLine::id).collect(Collectors.joining(",", "[", "]"));
    }

    /** Nanoseconds as the shortest readable unit. */
    static String duration(long nanos) {
        if (nanos < 1_000) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000) {
            return String.format(java.util.Locale.ROOT, "%.1fµs", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(java.util.Locale.ROOT, "%.1fms", nanos / 1e6);
        }
        return String.format(java.util.Locale.ROOT, "%.3fs", nanos / 1e9);
    }

    /** The bytes a buffer array holds from its positions (for the args of send); -1 for a null array or element. */
    static long remaining(ByteBuffer[] buffers) {
        if (buffers == null) {
            return -1;
        }
        long n = 0;
        for (ByteBuffer b : buffers) {
            if (b == null) {
                return -1;
            }
            n += b.remaining();
        }
        return n;
    }

    /** The positions before a call, so the payload can be read back after it; {@code null} for bad input. */
    static int[] positions(ByteBuffer[] buffers) {
        if (buffers == null) {
            return null;
        }
        int[] p = new int[buffers.length];
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i] == null) {
                return null;
            }
            p[i] = buffers[i].position();
        }
        return p;
    }

    /** Up to {@code limit} of the {@code count} bytes moved from {@code positions} on, in hex ("…" when cut). */
    static String payload(ByteBuffer[] buffers, int[] positions, int count, int limit) {
        if (positions == null || count <= 0) {
            return "";
        }
        int shown = Math.min(count, limit);
        byte[] out = new byte[shown];
        int k = 0;
        for (int i = 0; i < buffers.length && k < shown; i++) {
            ByteBuffer b = buffers[i];
            int end = Math.min(b.limit(), b.capacity());
            for (int j = positions[i]; j < end && k < shown; j++) {
                out[k++] = b.get(j);
            }
        }
        return " payload=" + HEX.formatHex(out, 0, k) + (count > shown ? "…" : "");
    }
}
