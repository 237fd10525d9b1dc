package io.jwsp.testkit.tck;

/** How the peer's receive side sees the connection end. */
public enum PeerEnd {
    /** recv fails WSAECONNRESET (a TCP-like hard close). */
    RESET,
    /** recv answers 0, possibly after a truncated stream (IrDA has no reset). */
    END_OF_STREAM,
    /** recv fails WSAEDISCON (ATM's RELEASE). */
    DISCONNECT
}
