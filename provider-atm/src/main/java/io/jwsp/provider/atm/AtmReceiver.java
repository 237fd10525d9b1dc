package io.jwsp.provider.atm;

import io.jwsp.provider.atm.VcEndpoint.Arrival;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.io.MsgFlags;
import io.jwsp.spi.kit.SocketCore;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.kit.pending.PendingTransfer;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receive side of one ATM socket: PDUs reassembled on its VC go to the oldest pending overlapped receive, else
 * to the {@link PduInbox} (or are dropped when SO_RCVBUF is full: AAL5 has no flow control); recv takes one PDU per
 * call. Shutdown never ends a receive already waiting: only a PDU, the peer's RELEASE, or closesocket do. Guarded
 * by the provider's lock.
 */
final class AtmReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(AtmReceiver.class);

    private final SocketCore core;
    private final AtmVc vc;
    private final AfterUnlock afterUnlock;
    private final PduInbox inbox = new PduInbox();

    AtmReceiver(SocketCore core, AtmVc vc, AfterUnlock afterUnlock) {
        this.core = core;
        this.vc = vc;
        this.afterUnlock = afterUnlock;
    }

    boolean isEmpty() {
        return inbox.isEmpty();
    }

    /** FIONREAD on a message socket: the size of the next PDU. */
    int nextLength() {
        return inbox.nextLength();
    }

    /** Unread PDUs are dropped (SD_RECEIVE, closesocket). */
    void clear() {
        inbox.clear();
    }

    /**
     * One receive, or {@code null} when it would have to wait; {@code copied[0]} gets the bytes moved. {@code fresh}:
     * the call's first try. A receive that was already waiting when this socket shut down or released the VC itself
     * keeps waiting: shutdown never ends a blocked receive (only data, the peer's end, or closesocket do).
     */
    WspResult<Integer> tryReceive(ByteBuffer[] buffers, int flags, boolean fresh, int[] copied) {
        if ((core.status().receiveShut() && fresh) || vc.handedOver()) {
            return WspResult.fail(WsaError.WSAESHUTDOWN);
        }
        if (!inbox.isEmpty()) {
            byte[] pdu = inbox.take((flags & MsgFlags.MSG_PEEK) != 0);
            copied[0] = Transfers.scatter(pdu, buffers);
            if (!inbox.isEmpty()) {
                afterUnlock.post(FdEvents.FD_READ, null); // re-enabled: PDUs still wait
            }
            // A PDU longer than the buffers: the buffers are filled and the rest of the PDU is lost.
            return copied[0] < pdu.length ? WspResult.fail(WsaError.WSAEMSGSIZE) : WspResult.ok(copied[0]);
        }
        if (vc.released() && (fresh || vc.releasedByPeer())) {
            return WspResult.fail(vc.endOfCallError());
        }
        return null;
    }

    /** A PDU reassembled on the VC; {@code from} is the peer, for the completion. */
    Arrival pduArrived(byte[] sdu, int receiveBuffer, SockAddr from) {
        if (core.status().isClosing() || (core.status().receiveShut() && core.receives().isEmpty())) {
            LOG.debug("a {}-byte PDU dropped: the socket is closed or shut down for receiving", sdu.length);
            return Arrival.NOT_RECEIVING;
        }
        PendingTransfer p = core.receives().first();
        if (p != null) {
            int n = Transfers.scatter(sdu, p.buffers());
            p.moved(n);
            WsaError e = n < sdu.length ? WsaError.WSAEMSGSIZE : null;
            DeferredCompletions done = new DeferredCompletions();
            core.receives().completeFirst(e, e == null ? 0 : MsgFlags.MSG_PARTIAL, from, done);
            afterUnlock.fire(done);
            if (core.status().receiveShut() && core.receives().isEmpty()) {
                vc.discardIncoming(); // the last receive pending at SD_RECEIVE is done
            }
            core.changed().signalAll();
            return Arrival.KEPT;
        }
        if (!inbox.offer(sdu, receiveBuffer)) {
            LOG.debug("receive buffer full: a {}-byte PDU dropped", sdu.length);
            return Arrival.RECEIVE_BUFFER_FULL;
        }
        afterUnlock.post(FdEvents.FD_READ, null);
        core.changed().signalAll();
        return Arrival.KEPT;
    }

    /**
     * SD_RECEIVE is local: no RELEASE, PDUs that arrive later are discarded, except that overlapped receives already
     * pending still complete with the PDUs that arrive (shutdown never ends a pending receive).
     */
    void stop() {
        inbox.clear();
        if (core.receives().isEmpty()) {
            vc.discardIncoming();
        }
    }

    /**
     * The VC goes to another process: its unread PDUs, oldest first, go with it (and are gone from here); receives
     * pending here end with WSAESHUTDOWN, as their data will be read there.
     */
    List<byte[]> handOver() {
        DeferredCompletions done = new DeferredCompletions();
        core.receives().abortAll(WsaError.WSAESHUTDOWN, done);
        afterUnlock.fire(done);
        core.changed().signalAll();
        return inbox.takeAll();
    }

    /** The peer's RELEASE ends every pending receive with the end-of-call error. */
    void peerReleased() {
        DeferredCompletions done = new DeferredCompletions();
        core.receives().abortAll(vc.endOfCallError(), done);
        afterUnlock.fire(done);
    }
}
