package io.jwsp.spi;

import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;

/** A Winsock version, major.minor (MAKEWORD(major, minor)). */
public record WsaVersion(int major, int minor) implements Comparable<WsaVersion> {
    public static final WsaVersion V1_1 = new WsaVersion(1, 1);
    public static final WsaVersion V2_0 = new WsaVersion(2, 0);
    public static final WsaVersion V2_2 = new WsaVersion(2, 2);

    public WsaVersion {
        if (major < 0 || major > 255 || minor < 0 || minor > 255) {
            throw new IllegalArgumentException("version bytes out of range");
        }
    }

    /** MAKEWORD: the low byte is the major version. */
    public int word() {
        return major | minor << 8;
    }

    @Override
    public int compareTo(WsaVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    /**
     * WSPStartup's negotiation: when the caller's highest usable version is at least {@code lowest}, answer
     * {@code version = min(requested, highest)} and {@code highVersion = highest}; otherwise WSAVERNOTSUPPORTED.
     */
    public static WspResult<StartupReply> negotiate(WsaVersion requested, WsaVersion lowest, WsaVersion highest) {
        if (requested == null) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        if (requested.compareTo(lowest) < 0) {
            return WspResult.fail(WsaError.WSAVERNOTSUPPORTED);
        }
        WsaVersion v = requested.compareTo(highest) < 0 ? requested : highest;
        return WspResult.ok(new StartupReply(v, highest));
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
