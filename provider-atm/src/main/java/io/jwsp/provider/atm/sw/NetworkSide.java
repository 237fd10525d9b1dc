package io.jwsp.provider.atm.sw;

/**
 * What a port's user (an adapter) hands the network: the switch itself in-process, or a UDP client that carries the
 * two paths to a switch in another process. Called with the provider's lock held.
 */
public interface NetworkSide {
    /** An SSCOP PDU carrying a Q.2931 message on the port's signalling channel (VPI 0, VCI 5). */
    void signalling(int port, byte[] sscopPdu);

    void cell(int port, byte[] cell);

    /**
     * Whether the network takes cells now. A UDP link says no while its carriage still holds a backlog, so cells
     * wait in the adapter (where SO_SNDBUF bounds them and a close can see them) rather than in a queue no
     * simulated timing accounts for; the adapter asks again a moment later.
     */
    default boolean cellsAccepted() {
        return true;
    }
}
