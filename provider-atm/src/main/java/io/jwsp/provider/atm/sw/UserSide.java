package io.jwsp.provider.atm.sw;

import io.jwsp.provider.atm.q2931.Cause;

/** What the network delivers to the user side of a port (an adapter). Called with the provider's lock held. */
public interface UserSide {
    /** An SSCOP PDU carrying a Q.2931 message on the signalling channel (VPI 0, VCI 5). */
    void signalling(byte[] sscopPdu);

    /** A 53-byte cell on the data path. */
    void cell(byte[] cell);

    /**
     * The network is gone (the switch stopped answering its keepalive): every call is over with {@code cause}, as
     * if the switch had released each one. Nothing is sent: there is nobody to send it to.
     */
    default void networkLost(Cause cause) {
    }

    /** The switch's answer to a hand-over message ({@link HandOverMessage}). */
    default void management(byte[] message) {
    }
}
