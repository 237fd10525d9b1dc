package io.jwsp.provider.atm;

import io.jwsp.provider.atm.aal5.Aal5Reassembler;
import io.jwsp.provider.atm.q2931.Cause;
import io.jwsp.spi.time.Cancellable;

/** One SVC as an adapter sees it: call reference, VCI, state, reassembly, and what of it waits to be sent. */
final class Call {
    final AtmAdapter adapter;
    final int callReference;
    /** Whether this side allocated the call reference (an outgoing call). */
    final boolean userAllocated;
    final Aal5Reassembler reassembler = new Aal5Reassembler();
    /** The socket at this end of the call (for an incoming call, once it waits in a backlog). */
    VcEndpoint endpoint;
    CallState state = CallState.NULL;
    int vci = -1;
    /** Cells of this call still in the adapter's transmit queue. */
    int cellsQueued;
    /** Payload bytes of this call still in the adapter's transmit queue. */
    int bytesQueued;
    /** Cells that arrive are thrown away (shutdown SD_RECEIVE, or the call was released). */
    boolean discardIncoming;
    Cancellable t303;
    int t303Expiries;
    byte[] setup;
    Cause releaseCause;
    /** Where a hand-over of this call to another process is ({@link HandOverSource}). */
    HandOverStep handOver = HandOverStep.NONE;

    Call(AtmAdapter adapter, int callReference, boolean userAllocated) {
        this.adapter = adapter;
        this.callReference = callReference;
        this.userAllocated = userAllocated;
    }

    boolean isReleased() {
        return state == CallState.NULL || state == CallState.RELEASE_REQUEST
                || state == CallState.RELEASE_INDICATION;
    }

    long key() {
        return AtmAdapter.key(callReference, userAllocated);
    }
}
