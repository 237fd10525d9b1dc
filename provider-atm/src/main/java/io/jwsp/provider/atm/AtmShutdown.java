package io.jwsp.provider.atm;

import io.jwsp.provider.atm.q2931.Cause;
import io.jwsp.provider.atm.sw.Sync;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.kit.SocketCore;
import io.jwsp.spi.kit.state.SocketState;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;

/**
 * shutdown, WSASendDisconnect and WSARecvDisconnect of one ATM socket. ATM has no half-close: stopping the send
 * direction sends RELEASE and the VC is gone both ways; stopping the receive direction is local. Shutdown never
 * ends a receive already waiting (see {@link AtmReceiver}).
 */
final class AtmShutdown {
    private final Sync sync;
    private final SocketCore core;
    private final AtmVc vc;
    private final AtmReceiver receiver;

    AtmShutdown(Sync sync, SocketCore core, AtmVc vc, AtmReceiver receiver) {
        this.sync = sync;
        this.core = core;
        this.vc = vc;
        this.receiver = receiver;
    }

    WspResult<Void> shutdown(int how) {
        return sync.call(() -> {
            WsaError e = core.status().ensureOpen();
            if (e != null || !ShutdownHow.isValid(how)) {
                return WspResult.fail(e != null ? e : WsaError.WSAEINVAL);
            }
            if (!core.status().is(SocketState.CONNECTED)) {
                return WspResult.fail(WsaError.WSAENOTCONN);
            }
            core.status().shutdown(how);
            if (ShutdownHow.stopsReceiving(how)) {
                receiver.stop();
            }
            if (ShutdownHow.stopsSending(how)) {
                // No half-close on ATM: SD_SEND releases the whole VC, the same RELEASE as closesocket.
                releaseCall(Cause.NORMAL);
            }
            return WspResult.ok();
        });
    }

    /**
     * Our RELEASE. Receives pending or blocked now keep waiting: nothing more can arrive on the VC, so closesocket
     * (or their SO_RCVTIMEO) ends them, as shutdown never ends a receive. New receives answer WSAEDISCON.
     */
    void releaseCall(Cause cause) {
        if (vc.release(cause)) {
            sync.signalAll();
        }
    }

    /** WSASendDisconnect: RELEASE with the Cause IE in {@code disconnectData} (2 octets), or cause 16. */
    WspResult<Void> sendDisconnect(ByteBuffer disconnectData) {
        return sync.call(() -> {
            WsaError e = core.status().ensureConnected();
            if (e != null) {
                return WspResult.fail(e);
            }
            Cause cause = Cause.NORMAL;
            if (disconnectData != null && disconnectData.remaining() >= 2) {
                byte[] c = new byte[2];
                disconnectData.get(c);
                cause = Cause.decode(c);
            }
            core.status().shutdown(ShutdownHow.SD_SEND);
            releaseCall(cause);
            return WspResult.ok();
        });
    }

    /** WSARecvDisconnect: stops receiving and gives the peer's Cause IE (2 octets) once it released the call. */
    WspResult<Integer> recvDisconnect(ByteBuffer disconnectData) {
        return sync.call(() -> {
            WsaError e = core.status().ensureConnected();
            if (e != null) {
                return WspResult.fail(e);
            }
            core.status().shutdown(ShutdownHow.SD_RECEIVE);
            vc.discardIncoming();
            Cause peerCause = vc.peerCause();
            if (peerCause == null || disconnectData == null) {
                return WspResult.ok(0);
            }
            byte[] c = peerCause.encode();
            int n = Math.min(c.length, disconnectData.remaining());
            disconnectData.put(c, 0, n);
            return WspResult.ok(n);
        });
    }
}
