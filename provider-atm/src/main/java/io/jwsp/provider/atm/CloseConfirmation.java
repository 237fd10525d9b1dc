package io.jwsp.provider.atm;

import io.jwsp.provider.atm.sw.Delivery;
import io.jwsp.provider.atm.sw.HandOff;
import io.jwsp.provider.atm.sw.NetworkSide;
import io.jwsp.spi.kit.SocketCore;
import io.jwsp.spi.result.WsaError;
import java.time.Duration;

/**
 * What closesocket answers for a call whose switch runs in another process (the only network that confirms what
 * it takes). Data has left the sender only once the switch acknowledged it: a graceful close of a blocking socket
 * waits, after its row ran and without the lock, until the call's cells have left the adapter and the switch
 * acknowledged them and the RELEASE, for at most the keepalive (and the linger time where it is set). It answers
 * WSAENETDOWN, the closesocket page's "the network subsystem has failed", when the switch is gone: a sender whose
 * switch is gone never reports success for data that could not leave. Every other case answers as the close table
 * does (see the package documentation); the in-process switch never waits here.
 */
final class CloseConfirmation {
    /** What the row did with the call's data. */
    enum Row {
        /** The data keeps going (the default row, or linger(1,N) that saw it leave the adapter). */
        GRACEFUL,
        /** The application had it dropped (linger(1,0), or linger(1,N) that ran out). */
        DROPPED,
        /** No call to clear: never connected, or already released. */
        NO_CALL
    }

    private final SocketCore core;
    private final AtmVc vc;

    CloseConfirmation(SocketCore core, AtmVc vc) {
        this.core = core;
        this.vc = vc;
    }

    /**
     * Called after the row, without the lock.
     *
     * @param deadlineNanos the linger deadline on the provider's clock, or {@link Long#MAX_VALUE} for the default row
     */
    WsaError answer(Row row, boolean nonBlocking, long deadlineNanos) {
        AtmAdapter adapter = vc.adapter();
        NetworkSide network = adapter == null ? null : adapter.network();
        if (network == null || !network.confirmsDelivery() || !vc.transmitted() || row == Row.DROPPED) {
            return null;
        }
        if (row == Row.NO_CALL) {
            return network.lost() && vc.releasedByPeer() ? WsaError.WSAENETDOWN : null;
        }
        if (nonBlocking) {
            // the default row never waits and never answers WSAEWOULDBLOCK: only a loss already known shows
            return network.lost() ? WsaError.WSAENETDOWN : null;
        }
        long now = core.services().clock().nanoTime();
        long deadline = Math.min(deadlineNanos, now + network.confirmationBound().toNanos());
        HandOff handOff;
        core.lock().lock();
        try {
            WsaError stop = core.blocking().lingerUntil(deadline, () -> vc.cellsQueued() == 0 || network.lost());
            if (stop == WsaError.WSAEINTR) {
                return stop; // WSPCancelBlockingCall, as the linger row answers it
            }
            if (stop != null && !network.lost()) {
                return null; // time ran out with cells still in the adapter and the switch answering
            }
            handOff = network.handOff();
        } finally {
            core.lock().unlock();
        }
        try {
            Duration left = Duration.ofNanos(Math.max(0, deadline - core.services().clock().nanoTime()));
            return handOff.await(left) == Delivery.NETWORK_LOST ? WsaError.WSAENETDOWN : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WsaError.WSAEINTR;
        }
    }
}
