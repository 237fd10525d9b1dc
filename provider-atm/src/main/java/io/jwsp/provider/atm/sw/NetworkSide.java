package io.jwsp.provider.atm.sw;

import java.time.Duration;

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

    /**
     * Whether the network confirms what it takes: a switch in another process acknowledges cells and signalling
     * over the carriage, and may be gone without a word until its keepalive says so. The in-process switch takes
     * what it is handed at once: it never needs confirming.
     */
    default boolean confirmsDelivery() {
        return false;
    }

    /** How long a close may wait for the confirmation: the keepalive, within which a silent switch is lost. */
    default Duration confirmationBound() {
        return Duration.ZERO;
    }

    /** Whether the network holds anything it has not confirmed yet (the close table's "data queued"). */
    default boolean holdsUnconfirmed() {
        return false;
    }

    /** Whether the network is known to be gone (its keepalive stopped). */
    default boolean lost() {
        return false;
    }

    /** Everything handed over so far, to wait on ({@link HandOff#await}) once the lock is released. */
    default HandOff handOff() {
        return HandOff.TAKEN;
    }

    /**
     * A port-management message of the hand-over protocol ({@link HandOverMessage}, first octet 0x00): beside the
     * Q.2931 messages, never through SSCOP. A network that moves no VCs between processes ignores it.
     */
    default void management(int port, byte[] message) {
    }
}
