package io.jwsp.spi.kit.ext;

import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.ext.SocketSlot;
import io.jwsp.spi.ext.connect.DisconnectEx;
import io.jwsp.spi.ext.connect.TransmitFlags;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.kit.KitSocket;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;

/**
 * DisconnectEx for a provider on the kit: the connection ends as the provider's {@link Ending} says (shutdown(SD_SEND)
 * for every provider of jwsp: see {@link Ending#SHUTDOWN_SEND} for what that is per protocol), and the call completes at once (the
 * contract lets a provider finish an overlapped call before answering). With TF_REUSE_SOCKET the handle then names a
 * fresh socket of the same catalog entry (not bound: AcceptEx takes it as it is, ConnectEx after a bind) and the
 * disconnected one is closed; without, the handle keeps the disconnected socket, good only for closesocket.
 */
public final class KitDisconnectEx implements DisconnectEx {
    /** How a provider ends a connection for DisconnectEx. */
    @FunctionalInterface
    public interface Ending {
        WspResult<Void> end(WspSocket connection);

        /**
         * shutdown(SD_SEND): the protocol's own end of the sending side. TCP: a FIN after the queued data (graceful).
         * IrDA: drain, then DISCONNECT. ATM, which has no graceful close: RELEASE, which ends the VC both ways and
         * may overtake data still in flight (closesocket's Notes for ATM), as closesocket does.
         */
        Ending SHUTDOWN_SEND = s -> s.shutdown(ShutdownHow.SD_SEND);
    }

    private final WspProvider provider;
    private final Ending ending;

    public KitDisconnectEx(WspProvider provider, Ending ending) {
        this.provider = provider;
        this.ending = ending;
    }

    @Override
    public WspResult<Void> disconnectEx(SocketSlot socket, Overlapped overlapped, int flags) {
        if (socket == null) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        if ((flags & ~TransmitFlags.TF_REUSE_SOCKET) != 0) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        if (!(socket.socket() instanceof KitSocket s)) {
            return WspResult.fail(WsaError.WSAEOPNOTSUPP);
        }
        if (!s.getPeerName().isOk()) {
            return WspResult.fail(WsaError.WSAENOTCONN);
        }
        WspResult<Void> ended = ending.end(s);
        if (!ended.isOk()) {
            return ended;
        }
        if ((flags & TransmitFlags.TF_REUSE_SOCKET) != 0) {
            ProtocolInfo info = s.protocolInfo();
            WspResult<WspSocket> fresh = provider.socket(info, info.addressFamily(), info.socketType(),
                    info.protocol(), WspProvider.WSA_FLAG_OVERLAPPED);
            if (!fresh.isOk()) {
                return fresh.retype();
            }
            socket.replace(fresh.value());
            socket.awaitContext(null);
            s.closeSocket();
        }
        if (overlapped != null) {
            s.core().services().completer().complete(overlapped, null, 0, 0, null);
        }
        return WspResult.ok();
    }
}
