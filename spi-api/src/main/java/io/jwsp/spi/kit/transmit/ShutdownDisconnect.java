package io.jwsp.spi.kit.transmit;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.kit.SocketCore;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.ext.connect.TransmitFlags;

/**
 * TF_DISCONNECT as shutdown(SD_SEND), for a socket without DisconnectEx: the peer sees the end of the stream; the
 * socket cannot be reused, so TF_REUSE_SOCKET is WSAEOPNOTSUPP. Completes at once, performing the completion.
 */
public final class ShutdownDisconnect implements TransmitDisconnect {
    private final SocketCore core;
    private final WspSocket socket;

    public ShutdownDisconnect(SocketCore core, WspSocket socket) {
        this.core = core;
        this.socket = socket;
    }

    @Override
    public boolean canReuse() {
        return false;
    }

    @Override
    public WspResult<Void> disconnect(int flags, Overlapped overlapped) {
        if ((flags & TransmitFlags.TF_REUSE_SOCKET) != 0) {
            return WspResult.fail(WsaError.WSAEOPNOTSUPP);
        }
        WspResult<Void> r = socket.shutdown(ShutdownHow.SD_SEND);
        if (r != null && r.isOk()) {
            core.services().completer().complete(overlapped, null, 0, 0, null);
        }
        return r;
    }
}
