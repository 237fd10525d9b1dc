package io.jwsp.provider.irda.handover;

import io.jwsp.provider.irda.handover.HandoverFrame.Repoint;
import io.jwsp.provider.irda.handover.HandoverFrame.Repointed;
import io.jwsp.provider.irda.stack.IrlmpStack;
import io.jwsp.provider.irda.stack.TtpConnection;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The side of a hand-over that stays put: the other end of a connection that moves from one process to another.
 * Told by the process it talks to now ({@link Repoint}, only from there), it freezes its end, lets its frames to
 * that process leave, re-points the end at the new process and answers ({@link Repointed}), then sends again.
 */
final class Repointing {
    private static final Logger LOG = LoggerFactory.getLogger(Repointing.class);

    private final IrlmpStack stack;
    private final HandoverWire wire;
    private final HandoverCounters counters;

    Repointing(IrlmpStack stack, HandoverWire wire, HandoverCounters counters) {
        this.stack = stack;
        this.wire = wire;
        this.counters = counters;
    }

    void repoint(InetSocketAddress from, Repoint r) {
        if (!from.equals(wire.routeOf(r.oldDevice()))) {
            counters.countWrongPeer();
            LOG.warn("IrDA hand-over: {} asked to move a connection of a device it does not own: dropped", from);
            return;
        }
        TtpConnection c = stack.connection(r.peerDevice(), r.peerLsap(), r.oldDevice(), r.oldLsap());
        if (c == null) {
            answer(from, r, false); // it ended here meanwhile (its DISCONNECT went ahead of this answer)
            return;
        }
        c.freeze(() -> {
            wire.learnRoute(r.newDevice(), r.newAddress());
            stack.repoint(c, r.newDevice(), r.newLsap());
            answer(from, r, true);
            c.thaw();
            LOG.debug("{}: re-pointed at {}", c, r.newAddress());
        });
    }

    private void answer(InetSocketAddress to, Repoint r, boolean found) {
        wire.send(to, HandoverCodec.encode(new Repointed(r.handoverId(), r.peerDevice(), r.peerLsap(),
                r.oldDevice(), r.oldLsap(), found)));
    }
}
