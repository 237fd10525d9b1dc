package io.jwsp.provider.atm;

import io.jwsp.provider.atm.q2931.Cause;
import io.jwsp.spi.result.WsaError;

/**
 * What the adapter tells the socket at one end of a call: the signalling outcome, PDUs reassembled on its VC, and
 * room in the transmit queue. Every method runs under the provider's lock; none blocks.
 */
interface VcEndpoint {
    /** What became of a PDU handed to the socket. */
    enum Arrival { KEPT, RECEIVE_BUFFER_FULL, NOT_RECEIVING }

    /** CONNECT arrived for the call this socket placed. */
    void callConnected();

    /** The call this socket placed was refused or timed out: {@code error} is what connect answers. */
    void callFailed(WsaError error);

    /** The peer (or the network) released the call. */
    void callReleased(Cause cause);

    /** A PDU was reassembled on this socket's VC. */
    Arrival pduArrived(byte[] sdu);

    /** A PDU of this socket's left the adapter: room in the transmit queue. */
    void pduLeftAdapter();
}
