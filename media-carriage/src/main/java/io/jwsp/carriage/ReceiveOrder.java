package io.jwsp.carriage;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer's session to us: DATA delivered in order and once, what comes after a hole kept (bounded) until the
 * hole is filled, cumulative acknowledgements (at once every few deliveries or at a hole, else by the timer), and
 * PING answered with an ACK that echoes its counter. Guarded by the carriage's lock.
 */
final class ReceiveOrder {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiveOrder.class);
    /** Deliveries between acknowledgements sent at once (the timer acknowledges the rest within a tick). */
    private static final int ACK_EVERY = 8;
    /** How far ahead of a hole the receiver keeps DATA. */
    private static final int MAX_REORDER_FRAMES = 4096;

    private final String name;
    private final Wire wire;
    private final CarriageSettings settings;
    private final Counters counters;

    ReceiveOrder(String name, Wire wire, CarriageSettings settings, Counters counters) {
        this.name = name;
        this.wire = wire;
        this.settings = settings;
        this.counters = counters;
    }

    /** The peer's new session starts: numbering from 1, nothing kept. */
    static void restart(Peer p) {
        p.expectedSeq = 1;
        p.reorder.clear();
        p.reorderBytes = 0;
        p.lastPing = 0;
    }

    /** A PING of the session in use: fresh when its counter rises; answered either way. */
    void ping(Peer p, Envelope e, long now) {
        if (e.seq() > p.lastPing) {
            p.lastPing = e.seq();
            p.lastHeard = now;
        } else {
            counters.droppedDuplicate++;
        }
        ack(p);
    }

    /** A DATA of the session in use: what becomes deliverable goes to {@code frames}, in order. */
    void data(Peer p, Envelope e, List<byte[]> frames, long now) {
        if (e.seq() == p.expectedSeq) {
            p.lastHeard = now;
            deliver(p, e.frame(), frames);
            byte[] next;
            while ((next = p.reorder.remove(p.expectedSeq)) != null) {
                p.reorderBytes -= next.length;
                deliver(p, next, frames);
            }
            p.ackDue = true;
            if (++p.deliveriesSinceAck >= ACK_EVERY || !p.reorder.isEmpty()) {
                ack(p);
            }
        } else if (e.seq() < p.expectedSeq || p.reorder.containsKey(e.seq())) {
            counters.droppedDuplicate++;
            p.ackDue = true;
        } else {
            if (e.seq() - p.expectedSeq < MAX_REORDER_FRAMES
                    && p.reorderBytes + e.frame().length <= 2L * settings.maxInFlightBytes()) {
                p.reorder.put(e.seq(), e.frame());
                p.reorderBytes += e.frame().length;
            } else {
                counters.droppedOutOfOrder++;
                LOG.debug("carriage {}: DATA {} from {} too far ahead of {}: dropped, it comes again", name, e.seq(),
                        p.address, p.expectedSeq);
            }
            ack(p); // a duplicate acknowledgement: the sender learns of the hole
        }
    }

    /** The acknowledgement timer: what was delivered since the last ACK is acknowledged now. */
    void timer(Peer p) {
        if (p.ackDue && p.recvChallenge != 0) {
            ack(p);
        }
    }

    private void deliver(Peer p, byte[] frame, List<byte[]> frames) {
        p.expectedSeq++;
        counters.framesDelivered++;
        frames.add(frame);
    }

    private void ack(Peer p) {
        p.ackDue = false;
        p.deliveriesSinceAck = 0;
        wire.transmit(p.address, Envelope.control(EnvelopeType.ACK, p.recvChallenge, p.recvPeerNonce, p.lastPing,
                p.expectedSeq - 1));
    }
}
