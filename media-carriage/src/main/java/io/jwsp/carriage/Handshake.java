package io.jwsp.carriage;

import java.net.InetSocketAddress;
import java.security.SecureRandom;

/**
 * The nonces that open each direction's session: HELLO (our fresh nonce), CHALLENGE (the receiver's fresh nonce,
 * echoing ours), and the switch to a peer's new session once its first DATA or PING proves it holds the pair we
 * handed out. Guarded by the carriage's lock.
 */
final class Handshake {
    /** What the nonces of a DATA or PING say about the session it belongs to. */
    enum Session {
        /** The session in use. */
        CURRENT,
        /** The pair handed out last: it proves the sender holds it, so it becomes the session in use. */
        PENDING,
        /** Neither: a datagram of another session, refused. */
        STALE
    }

    /** What a CHALLENGE does to our session to its peer. */
    enum Challenge {
        /** It answers our HELLO: the session is open, frames may go. */
        OPENED,
        /** A repeat of the one that opened the session in use. */
        REPEATED,
        /** It answers no HELLO of ours. */
        STALE
    }

    private final Wire wire;
    private final SecureRandom random = new SecureRandom();

    Handshake(Wire wire) {
        this.wire = wire;
    }

    private long nonce() {
        long n;
        do {
            n = random.nextLong();
        } while (n == 0);
        return n;
    }

    /** Opens (or asks again for) our session to {@code p}: HELLO with our nonce, fresh the first time. */
    void hello(Peer p, long now) {
        if (p.sendNonce == 0) {
            p.sendNonce = nonce();
        }
        p.helloSentAt = now;
        wire.transmit(p.address, Envelope.control(EnvelopeType.HELLO, p.sendNonce, 0, 0, 0));
    }

    /**
     * A HELLO from {@code p}: CHALLENGE with the nonce of the session in use when the HELLO repeats it (a
     * retransmission), else with a pending one, fresh for a new HELLO nonce. The session in use is not touched.
     */
    void answerHello(Peer p, InetSocketAddress from, long helloNonce) {
        long challenge;
        if (helloNonce == p.recvPeerNonce && p.recvChallenge != 0) {
            challenge = p.recvChallenge;
        } else {
            if (helloNonce != p.pendingPeerNonce || p.pendingChallenge == 0) {
                p.pendingPeerNonce = helloNonce;
                p.pendingChallenge = nonce();
            }
            challenge = p.pendingChallenge;
        }
        wire.transmit(from, Envelope.control(EnvelopeType.CHALLENGE, challenge, helloNonce, 0, 0));
    }

    /** A CHALLENGE from {@code p} (null when unknown): what it does to our session to it. */
    Challenge challenged(Peer p, Envelope e, long now) {
        if (p == null || p.sendNonce == 0 || e.receiverNonce() != p.sendNonce) {
            return Challenge.STALE;
        }
        if (!p.canSend()) {
            p.sendChallenge = e.senderNonce();
            p.known = true;
            p.lastHeard = now;
            p.lastSentAt = now;
            return Challenge.OPENED;
        }
        return e.senderNonce() == p.sendChallenge ? Challenge.REPEATED : Challenge.STALE;
    }

    /** Which session the nonces of a DATA or PING from {@code p} belong to. */
    Session session(Peer p, Envelope e) {
        if (p.recvChallenge != 0 && e.senderNonce() == p.recvPeerNonce && e.receiverNonce() == p.recvChallenge) {
            return Session.CURRENT;
        }
        if (p.pendingChallenge == 0 || e.senderNonce() != p.pendingPeerNonce
                || e.receiverNonce() != p.pendingChallenge) {
            return Session.STALE;
        }
        return Session.PENDING;
    }

    /**
     * Makes the pending pair the session in use for what {@code p} sends us; answers whether a session was in use
     * before (then the peer restarted, or gave us up, and that session is over).
     */
    boolean adopt(Peer p) {
        boolean hadOne = p.recvChallenge != 0;
        p.recvPeerNonce = p.pendingPeerNonce;
        p.recvChallenge = p.pendingChallenge;
        p.pendingPeerNonce = 0;
        p.pendingChallenge = 0;
        p.known = true;
        return hadOne;
    }
}
