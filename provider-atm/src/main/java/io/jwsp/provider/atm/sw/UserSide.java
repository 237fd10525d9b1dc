package io.jwsp.provider.atm.sw;

/** What the network delivers to the user side of a port (an adapter). Called with the provider's lock held. */
public interface UserSide {
    /** An SSCOP PDU carrying a Q.2931 message on the signalling channel (VPI 0, VCI 5). */
    void signalling(byte[] sscopPdu);

    /** A 53-byte cell on the data path. */
    void cell(byte[] cell);
}
