package io.jwsp.provider.atm;

import io.jwsp.provider.atm.q2931.Cause;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;

/**
 * One socket's end of an SVC: its adapter, its call, and whether the VC is released and by whom. ATM has no
 * half-close: the first RELEASE, ours or the peer's, ends the VC both ways. Guarded by the provider's lock.
 */
final class AtmVc {
    private AtmAdapter adapter;
    private Call call;
    private boolean released;
    private boolean releasedByPeer;
    private Cause releaseCause;
    /** Whether this end ever sent a PDU (only then can a close have data that did not leave). */
    private boolean transmitted;
    /** A send found the transmit queue full: FD_WRITE is owed when room returns. */
    private boolean wantWrite;
    /** The VC is being (or was) handed to another process: this end neither sends nor receives any more. */
    private boolean handedOver;

    AtmAdapter adapter() {
        return adapter;
    }

    void adapter(AtmAdapter a) {
        adapter = a;
    }

    Call call() {
        return call;
    }

    /** The call this end now holds (placed or accepted), or {@code null} after a failed or abandoned one. */
    void call(Call c) {
        call = c;
    }

    boolean released() {
        return released;
    }

    boolean releasedByPeer() {
        return releasedByPeer;
    }

    /** The peer's Cause IE once it released the call, else {@code null}. */
    Cause peerCause() {
        return releasedByPeer ? releaseCause : null;
    }

    /** Our RELEASE with {@code cause}, once; answers whether it was sent now. */
    boolean release(Cause cause) {
        if (call == null || released) {
            return false;
        }
        released = true;
        adapter.release(call, cause);
        return true;
    }

    /** The peer (or the network) released the call; answers false when the VC was already gone. */
    boolean releasedBy(Cause cause) {
        if (released) {
            return false;
        }
        released = true;
        releasedByPeer = true;
        releaseCause = cause;
        return true;
    }

    /** What recv answers once the queued PDUs are read: WSAEDISCON after a normal RELEASE, else a reset. */
    WsaError endOfCallError() {
        return releasedByPeer && releaseCause != null && !releaseCause.isNormal()
                ? WsaError.WSAECONNRESET : WsaError.WSAEDISCON;
    }

    /** Whether a live VC has room in the transmit queue under {@code sendBuffer}. */
    boolean hasRoom(int sendBuffer) {
        return call != null && !released && call.bytesQueued < sendBuffer;
    }

    /** Whether a PDU of {@code length} must wait: something is queued and it would go over {@code sendBuffer}. */
    boolean mustWait(long length, int sendBuffer) {
        if (call.bytesQueued > 0 && call.bytesQueued + length > sendBuffer) {
            wantWrite = true;
            return true;
        }
        return false;
    }

    /** A PDU left the adapter: whether FD_WRITE is owed now. */
    boolean roomReturned(int sendBuffer) {
        if (wantWrite && call != null && call.bytesQueued < sendBuffer) {
            wantWrite = false;
            return true;
        }
        return false;
    }

    /** Gathers the buffers into one SDU and hands it to the adapter's transmit queue; answers its length. */
    int transmit(ByteBuffer[] buffers, int length) {
        byte[] sdu = new byte[length];
        int p = 0;
        for (ByteBuffer b : buffers) {
            int n = b.remaining();
            b.get(sdu, p, n);
            p += n;
        }
        adapter.transmit(call, sdu);
        transmitted = true;
        return length;
    }

    boolean transmitted() {
        return transmitted;
    }

    /** Cells of this call still in the adapter's transmit queue. */
    int cellsQueued() {
        return call == null ? 0 : call.cellsQueued;
    }

    /** Drops what of this call is still in the transmit queue (an abortive close, a linger timeout). */
    void purge() {
        adapter.purge(call);
    }

    /** Cells that arrive on the VC from now on are discarded. */
    void discardIncoming() {
        if (call != null) {
            call.discardIncoming = true;
        }
    }

    /** The unread data went to the hand-over: sends and receives are refused from now. */
    void handingOver() {
        handedOver = true;
    }

    /** The switch took the VC off this port: nothing of it is left here, and nothing is released at close. */
    void moved() {
        handedOver = true;
        released = true;
        call = null;
    }

    boolean handedOver() {
        return handedOver;
    }

    WspResult<AtmConnectionId> connectionId() {
        if (call == null || call.vci < 0) {
            return WspResult.fail(WsaError.WSAENOTCONN);
        }
        return WspResult.ok(new AtmConnectionId(adapter.device, 0, call.vci));
    }
}
