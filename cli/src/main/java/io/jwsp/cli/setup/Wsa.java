package io.jwsp.cli.setup;

import io.jwsp.cli.CliFailure;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;

/** How the commands turn a {@link WspResult} into a value, a failure message, or a name to print. */
public final class Wsa {
    private Wsa() {
    }

    /** The value of a success; otherwise a connection failure saying which step failed and why. */
    public static <T> T require(WspResult<T> r, String step) {
        if (r.isOk()) {
            return r.value();
        }
        throw CliFailure.connection(step + " failed: " + describe(r));
    }

    /** {@code "0"} style result text: the value's absence for success, the error's name otherwise. */
    public static String name(WspResult<?> r) {
        if (r.isOk()) {
            return "0";
        }
        return r.isPending() ? "WSA_IO_PENDING" : r.error().name();
    }

    public static String name(WsaError e) {
        return e == null ? "-" : e.name();
    }

    public static String describe(WspResult<?> r) {
        if (r.isOk()) {
            return "ok";
        }
        if (r.isPending()) {
            return "WSA_IO_PENDING";
        }
        return r.error() + ": " + r.error().meaning();
    }
}
