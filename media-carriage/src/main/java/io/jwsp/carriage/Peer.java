package io.jwsp.carriage;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.TreeMap;

/** What a carriage knows of one peer address: its session to the peer and the peer's session to it. */
final class Peer {
    /** A DATA frame sent and not yet acknowledged. */
    static final class InFlight {
        final long seq;
        final byte[] frame;
        long sentAt;

        InFlight(long seq, byte[] frame, long sentAt) {
            this.seq = seq;
            this.frame = frame;
            this.sentAt = sentAt;
        }
    }

    final InetSocketAddress address;
    long lastHeard;
    /** Whether a session ever came up in either direction (only then is its loss reported). */
    boolean known;

    // our session to the peer
    /** Which of the carriage's sessions this is: a {@link DeliveryMark} holds it. */
    long session;
    long sendNonce;
    long sendChallenge;
    long helloSentAt;
    long nextSeq = 1;
    long pingCounter;
    long lastSentAt;
    long lastEchoSeen;
    long lastAckSeen;
    int duplicateAcks;
    /** While above 0: a loss is being repaired, up to this number (an ACK below it resends the next hole). */
    long recoverUpTo;
    /** The retransmission timeout now: the base, doubled on each timeout, back to the base on progress. */
    long rtoNanos;
    final ArrayDeque<InFlight> unacked = new ArrayDeque<>();
    long inFlightBytes;
    final ArrayDeque<byte[]> queued = new ArrayDeque<>();
    long queuedBytes;

    // the peer's session to us
    long recvPeerNonce;
    long recvChallenge;
    long pendingPeerNonce;
    long pendingChallenge;
    long expectedSeq = 1;
    /** DATA that came ahead of a hole, kept until the hole is filled. */
    final TreeMap<Long, byte[]> reorder = new TreeMap<>();
    long reorderBytes;
    long lastPing;
    int deliveriesSinceAck;
    boolean ackDue;

    Peer(InetSocketAddress address, long now, long session) {
        this.address = address;
        this.lastHeard = now;
        this.session = session;
    }

    boolean canSend() {
        return sendChallenge != 0;
    }

    /** Frames this peer still held for sending (queued or unacknowledged). */
    int framesHeld() {
        return unacked.size() + queued.size();
    }

    /** Forgets our session to the peer and everything it held; what is sent from now on is {@code newSession}. */
    void resetSending(long newSession) {
        session = newSession;
        sendNonce = 0;
        sendChallenge = 0;
        nextSeq = 1;
        pingCounter = 0;
        lastEchoSeen = 0;
        lastAckSeen = 0;
        duplicateAcks = 0;
        recoverUpTo = 0;
        unacked.clear();
        inFlightBytes = 0;
        queued.clear();
        queuedBytes = 0;
    }
}
