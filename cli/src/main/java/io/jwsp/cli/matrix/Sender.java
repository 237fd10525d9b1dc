package io.jwsp.cli.matrix;

import io.jwsp.cli.netcat.Payload;
import io.jwsp.cli.setup.Wsa;
import io.jwsp.runtime.Winsock;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ServiceFlags;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;

/**
 * The closing side's sends, always nonblocking so the scenario's one thread never parks in send: a stream gets
 * chunks (a partial send keeps its rest for the next call), a message socket whole messages.
 */
final class Sender {
    private final Winsock ws;
    private final long socket;
    private final int chunk;
    private final Payload payload = new Payload();
    private ByteBuffer pending;
    private long sent;

    Sender(Winsock ws, long socket, ProtocolInfo entry) {
        this.ws = ws;
        this.socket = socket;
        boolean messages = entry.hasService(ServiceFlags.XP1_MESSAGE_ORIENTED);
        int max = entry.maxMessageSize() > 0 ? entry.maxMessageSize() : Integer.MAX_VALUE;
        this.chunk = Math.min(max, messages ? 4 * 1024 : 16 * 1024);
    }

    int chunk() {
        return chunk;
    }

    /**
     * Sends until {@code total} bytes have gone or the socket would block.
     *
     * @return true when it would block before {@code total}
     */
    boolean sendUpTo(long total) {
        while (sent < total || pending != null) {
            if (pending == null) {
                pending = payload.next((int) Math.min(chunk, total - sent));
            }
            WspResult<Integer> r = ws.send(socket, pending, 0);
            if (r.is(WsaError.WSAEWOULDBLOCK) || r.is(WsaError.WSAENOBUFS)) {
                return true;
            }
            if (!r.isOk()) {
                throw new RowFailure("send failed after " + sent + " bytes: " + Wsa.name(r));
            }
            sent += r.value();
            if (!pending.hasRemaining()) {
                pending = null;
            }
        }
        return false;
    }

    long sent() {
        return sent;
    }
}
