package io.jwsp.carriage;

/** The kinds of envelope; their codes are the envelope's type octet. */
enum EnvelopeType {
    /** Opens a session: senderNonce is the sender's fresh nonce, receiverNonce 0. */
    HELLO,
    /** Answers HELLO: senderNonce is the receiver's fresh nonce, receiverNonce echoes the HELLO's. */
    CHALLENGE,
    /** A frame: both nonces of the session, seq from 1. */
    DATA,
    /** Keepalive on an idle session: both nonces, seq a rising counter. */
    PING,
    /** From the receiver of a session: its nonce then the sender's, seq echoes the last PING, ack the last DATA. */
    ACK;

    private static final EnvelopeType[] ALL = values();

    int code() {
        return ordinal() + 1;
    }

    /** The type with this code, or {@code null}. */
    static EnvelopeType of(int code) {
        return code >= 1 && code <= ALL.length ? ALL[code - 1] : null;
    }
}
