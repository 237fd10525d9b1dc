package io.jwsp.provider.irda.handover;

import io.jwsp.provider.irda.handover.HandoverFrame.Claim;
import io.jwsp.provider.irda.handover.HandoverFrame.Refused;
import io.jwsp.provider.irda.handover.HandoverFrame.Repoint;
import io.jwsp.provider.irda.handover.HandoverFrame.Repointed;
import io.jwsp.provider.irda.handover.HandoverFrame.State;
import io.jwsp.provider.irda.medium.IrSpace;
import io.jwsp.provider.irda.stack.IrlmpStack;
import java.net.InetSocketAddress;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider's part in moving connections between processes: its {@link Exports} (source), {@link Adoptions}
 * (target) and {@link Repointing} (the other end), fed by the hand-over frames the carriage delivers. Those come
 * only from processes that hold the carriage key (the carriage drops the rest); each is decoded with limits, and
 * a frame that does not decode, or does not come from the process its step expects, is dropped and counted.
 */
public final class HandoverDesk {
    private static final Logger LOG = LoggerFactory.getLogger(HandoverDesk.class);

    private final ReentrantLock lock;
    private final IrSpace space;
    private final HandoverCounters counters = new HandoverCounters();
    private final Exports exports;
    private final Adoptions adoptions;
    private final Repointing repointing;
    private final boolean accepting;

    /**
     * @param accepting  whether this process takes connections other processes duplicate into it
     * @param ttlNanos   how long an exported connection waits for its claim
     */
    public HandoverDesk(IrSpace space, IrlmpStack stack, HandoverWire wire, boolean accepting, long ttlNanos) {
        this.lock = space.lock();
        this.space = space;
        this.accepting = accepting;
        long threshold = space.settings().thresholdNanos();
        // the peer answers within a disconnect threshold or is lost; the target waits longer than the source
        this.exports = new Exports(lock, space.clock(), wire, counters, ttlNanos, 2 * threshold);
        this.adoptions = new Adoptions(lock, space.changed(), space.clock(), wire, counters, 3 * threshold);
        this.repointing = new Repointing(stack, wire, counters);
        stack.onUnmatched(adoptions::hold);
    }

    public Exports exports() {
        return exports;
    }

    public Adoptions adoptions() {
        return adoptions;
    }

    public HandoverCounters counters() {
        return counters;
    }

    /** Whether this process takes connections duplicated into it ({@code irda.acceptduplicates}). */
    public boolean accepting() {
        return accepting;
    }

    /** A hand-over frame from the carriage (its receive thread); authenticated by the carriage, not decoded yet. */
    public void arrived(InetSocketAddress from, byte[] payload) {
        HandoverFrame f = HandoverCodec.decode(payload);
        if (f == null) {
            counters.countMalformed();
            LOG.debug("IrDA hand-over: a malformed frame of {} bytes from {}: dropped", payload.length, from);
            return;
        }
        lock.lock();
        try {
            switch (f) {
                case Claim c -> exports.claim(from, c);
                case Refused r -> adoptions.answered(from, r.token(), r);
                case State s -> adoptions.answered(from, s.token(), s);
                case Repoint r -> repointing.repoint(from, r);
                case Repointed r -> exports.repointed(from, r);
            }
            space.changed().signalAll();
        } finally {
            lock.unlock();
        }
    }
}
