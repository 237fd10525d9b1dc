package io.jwsp.carriage;

/**
 * Liveness both ways: an idle open session sends PING with a rising counter (four in each dead-after time), which
 * the receiver echoes in its ACK; a peer from which nothing fresh was heard for the dead-after time is dead.
 * Guarded by the carriage's lock.
 */
final class Keepalive {
    private final Wire wire;
    private final CarriageSettings settings;

    Keepalive(Wire wire, CarriageSettings settings) {
        this.wire = wire;
        this.settings = settings;
    }

    boolean dead(Peer p, long now) {
        return now - p.lastHeard > settings.deadAfterNanos();
    }

    /** PING when our open session to {@code p} sent nothing for the ping interval. */
    void timer(Peer p, long now) {
        if (p.canSend() && now - p.lastSentAt >= settings.pingNanos()) {
            p.lastSentAt = now;
            wire.transmit(p.address, Envelope.control(EnvelopeType.PING, p.sendNonce, p.sendChallenge,
                    ++p.pingCounter, 0));
        }
    }
}
