package io.jwsp.carriage;

import java.time.Duration;

/**
 * Our session to each peer once it is open: frames numbered from 1 and sent while the window in flight has room,
 * kept until acknowledged, and sent again after three duplicate acknowledgements, on the retransmission timeout
 * (doubled on each expiry, up to a second) and at each partial acknowledgement while a loss is being repaired.
 * Guarded by the carriage's lock.
 */
final class SendWindow {
    private static final int FAST_RETRANSMIT_AFTER = 3;
    private static final long MAX_RTO_NANOS = Duration.ofSeconds(1).toNanos();

    private final Wire wire;
    private final CarriageSettings settings;
    private final Counters counters;

    SendWindow(Wire wire, CarriageSettings settings, Counters counters) {
        this.wire = wire;
        this.settings = settings;
        this.counters = counters;
    }

    /** Sends what is queued for {@code p} while the session is open and the window has room. */
    void pump(Peer p, long now) {
        while (p.canSend() && !p.queued.isEmpty()
                && (p.unacked.isEmpty() || p.inFlightBytes + p.queued.peek().length <= settings.maxInFlightBytes())) {
            byte[] f = p.queued.poll();
            p.queuedBytes -= f.length;
            Peer.InFlight d = new Peer.InFlight(p.nextSeq++, f, now);
            p.unacked.add(d);
            p.inFlightBytes += f.length;
            counters.framesSent++;
            p.lastSentAt = now;
            wire.transmit(p.address, new Envelope(EnvelopeType.DATA, p.sendNonce, p.sendChallenge, d.seq, 0, f));
        }
    }

    /** Whether an ACK from {@code p} belongs to our session to it and acknowledges nothing we never sent. */
    static boolean ofTheSession(Peer p, Envelope e) {
        return p != null && p.canSend() && e.senderNonce() == p.sendChallenge && e.receiverNonce() == p.sendNonce
                && e.ack() < p.nextSeq && e.seq() <= p.pingCounter;
    }

    /**
     * An ACK of our session ({@link #ofTheSession}): frees what it acknowledges, repairs losses, sends more.
     * Answers whether it acknowledged anything new (waiters on the carriage's lock then look again).
     */
    boolean acknowledged(Peer p, Envelope e, long now) {
        boolean fresh = e.seq() > p.lastEchoSeen || e.ack() > p.lastAckSeen;
        if (fresh) {
            p.lastHeard = now;
            p.lastEchoSeen = Math.max(p.lastEchoSeen, e.seq());
        }
        boolean progress = false;
        if (e.ack() > p.lastAckSeen) {
            progress = true;
            p.lastAckSeen = e.ack();
            p.duplicateAcks = 0;
            p.rtoNanos = settings.retransmitNanos();
            while (!p.unacked.isEmpty() && p.unacked.peek().seq <= e.ack()) {
                p.inFlightBytes -= p.unacked.poll().frame.length;
            }
            if (p.recoverUpTo > 0 && e.ack() < p.recoverUpTo && !p.unacked.isEmpty()) {
                resendOldest(p, now); // a partial acknowledgement: the next hole
            } else if (e.ack() >= p.recoverUpTo) {
                p.recoverUpTo = 0;
            }
        } else if (!p.unacked.isEmpty() && ++p.duplicateAcks == FAST_RETRANSMIT_AFTER && p.recoverUpTo == 0) {
            p.recoverUpTo = p.nextSeq - 1;
            resendOldest(p, now);
        }
        pump(p, now);
        return progress;
    }

    /** The retransmission timer: the oldest unacknowledged frame goes again once the timeout passed. */
    void timer(Peer p, long now) {
        if (p.rtoNanos == 0) {
            p.rtoNanos = settings.retransmitNanos();
        }
        if (!p.unacked.isEmpty() && now - p.unacked.peek().sentAt >= p.rtoNanos) {
            p.recoverUpTo = p.nextSeq - 1;
            p.rtoNanos = Math.min(p.rtoNanos * 2, MAX_RTO_NANOS);
            resendOldest(p, now);
        }
    }

    /** Sends the oldest unacknowledged DATA again: the receiver keeps what came after it, so it fills the hole. */
    private void resendOldest(Peer p, long now) {
        Peer.InFlight d = p.unacked.peek();
        d.sentAt = now;
        counters.retransmissions++;
        wire.transmit(p.address, new Envelope(EnvelopeType.DATA, p.sendNonce, p.sendChallenge, d.seq, 0, d.frame));
    }
}
