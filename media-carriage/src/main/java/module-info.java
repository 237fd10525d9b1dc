/**
 * The UDP carriage of the simulated media: authenticated (HMAC-SHA-256 under a shared key), bound to a handshake
 * with fresh nonces, in order and without silent loss (sequence numbers, acknowledgements, retransmission), with
 * keepalive and a peer table that is bounded and expires.
 */
module io.jwsp.carriage {
    requires org.slf4j;

    exports io.jwsp.carriage;
}
