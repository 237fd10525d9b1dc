package io.jwsp.cli.matrix;

import io.jwsp.runtime.Winsock;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;

/**
 * The peer's side of a row: a nonblocking socket (event select is on) read whenever the scenario lets it, until
 * its stream ends with 0 (EOF) or an error (WSAECONNRESET, WSAEDISCON ...).
 */
final class PeerReader {
    private final Winsock ws;
    private final long socket;
    private final ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    private long bytes;
    private String end;

    PeerReader(Winsock ws, long socket) {
        this.ws = ws;
        this.socket = socket;
    }

    /** Reads what is there now. Answers whether anything happened (bytes, or the end). */
    boolean readAvailable() {
        boolean progress = false;
        while (end == null) {
            buf.clear();
            WspResult<Integer> r = ws.recv(socket, buf, 0);
            if (r.isOk()) {
                if (r.value() == 0) {
                    end = "EOF";
                    return true;
                }
                bytes += r.value();
                progress = true;
            } else if (r.is(WsaError.WSAEWOULDBLOCK)) {
                return progress;
            } else {
                end = r.isPending() ? "WSA_IO_PENDING" : r.error().name();
                return true;
            }
        }
        return progress;
    }

    /** Reads until the stream ends, letting time pass while nothing is there. */
    void readToEnd(Pace pace) {
        while (end == null) {
            if (readAvailable()) {
                continue;
            }
            pace.checkBudget("the end of the peer's stream");
            if (!pace.letTimePass(java.util.Set.of(socket))) {
                end = "(none)";
            }
        }
    }

    /** Reads until at least {@code n} bytes have arrived or the stream ended. */
    void readAtLeast(long n, Pace pace) {
        while (end == null && bytes < n) {
            if (readAvailable()) {
                continue;
            }
            pace.checkBudget("the peer to read " + n + " bytes");
            if (!pace.letTimePass(java.util.Set.of(socket))) {
                throw new RowFailure("the peer stopped receiving after " + bytes + " of " + n + " bytes");
            }
        }
    }

    long bytes() {
        return bytes;
    }

    /** "EOF", an error name, "(none)" when nothing ended it, or {@code null} while it has not ended. */
    String end() {
        return end;
    }

    long socket() {
        return socket;
    }
}
