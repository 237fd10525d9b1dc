package io.jwsp.provider.irda.handover;

import io.jwsp.provider.irda.handover.HandoverFrame.Claim;
import io.jwsp.provider.irda.handover.HandoverFrame.Refused;
import io.jwsp.provider.irda.handover.HandoverFrame.State;
import io.jwsp.provider.irda.medium.LmpFrame;
import io.jwsp.provider.irda.stack.ConnectionImage;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.TimeSource;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target side of WSADuplicateSocket into this process: WSASocket(FROM_PROTOCOL_INFO) claims the connection
 * from the process the token names and waits (bounded) for it. Frames the connection's other end sends here before
 * the connection itself arrives are held for it, in order. Every method runs under the space's lock.
 */
public final class Adoptions {
    private static final Logger LOG = LoggerFactory.getLogger(Adoptions.class);
    /** Frames held for one connection still arriving, at most (the peer's credit keeps it to a few). */
    static final int MAX_HELD = 256;
    private static final long SELF = ProcessHandle.current().pid();

    /** A connection that arrived: what it is, its options, and the frames its other end sent here meanwhile. */
    public record Arrival(ConnectionImage image, MovedOptions options, List<LmpFrame> held) {
    }

    private static final class Pending {
        final HandoverToken token;
        final int device;
        final int lsap;
        final List<LmpFrame> held = new ArrayList<>();
        HandoverFrame answer;

        Pending(HandoverToken token, int device, int lsap) {
            this.token = token;
            this.device = device;
            this.lsap = lsap;
        }
    }

    private final ReentrantLock lock;
    private final Condition changed;
    private final TimeSource clock;
    private final HandoverWire wire;
    private final HandoverCounters counters;
    private final long waitNanos;
    private final Map<String, Pending> pending = new HashMap<>();

    Adoptions(ReentrantLock lock, Condition changed, TimeSource clock, HandoverWire wire, HandoverCounters counters,
              long waitNanos) {
        this.lock = lock;
        this.changed = changed;
        this.clock = clock;
        this.wire = wire;
        this.counters = counters;
        this.waitNanos = waitNanos;
    }

    /**
     * Claims the connection {@code token} names for {@code device}/{@code lsap} (a selector the caller holds) and
     * waits for it: the arrival, or the source's refusal (WSAEINVAL for a token it does not know, spent or expired;
     * WSAENOBUFS), WSAETIMEDOUT when the source does not answer in time, WSAEINTR when interrupted.
     */
    public WspResult<Arrival> claim(HandoverToken token, int device, int lsap) {
        String k = HandoverToken.key(token.token());
        if (pending.containsKey(k)) {
            return WspResult.fail(WsaError.WSAEINVAL); // the same info redeemed twice at once: one claim only
        }
        Pending p = new Pending(token, device, lsap);
        pending.put(k, p);
        try {
            wire.send(token.source(), HandoverCodec.encode(new Claim(token.token(), SELF, device, lsap)));
            long deadline = clock.nanoTime() + waitNanos;
            while (p.answer == null) {
                long left = deadline - clock.nanoTime();
                if (left <= 0) {
                    LOG.warn("IrDA hand-over: {} did not answer a claim in time", token.source());
                    return WspResult.fail(WsaError.WSAETIMEDOUT);
                }
                clock.awaitNanos(lock, changed, left);
            }
            return switch (p.answer) {
                case State s -> {
                    counters.countMovedIn();
                    yield WspResult.ok(new Arrival(s.image(), s.options(), List.copyOf(p.held)));
                }
                case Refused r -> {
                    WsaError e = WsaError.ofCode(r.errorCode());
                    yield WspResult.fail(e == null ? WsaError.WSAEINVAL : e);
                }
                default -> WspResult.fail(WsaError.WSAEINVAL);
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WspResult.fail(WsaError.WSAEINTR);
        } finally {
            pending.remove(k);
        }
    }

    /** The source's answer to a claim: only from the process the token names, for a claim still waiting. */
    void answered(InetSocketAddress from, byte[] token, HandoverFrame answer) {
        Pending p = pending.get(HandoverToken.key(token));
        if (p == null || !from.equals(p.token.source()) || p.answer != null) {
            counters.countWrongPeer();
            LOG.warn("IrDA hand-over: an answer from {} for no claim of its own: dropped", from);
            return;
        }
        if (answer instanceof State s && s.peerAddress() != null) {
            wire.learnRoute(s.image().peerDevice(), s.peerAddress());
        }
        p.answer = answer;
        changed.signalAll();
    }

    /** A connection frame that found no connection: held when it is for one still arriving here. */
    public boolean hold(LmpFrame f) {
        for (Pending p : pending.values()) {
            if (p.device == f.dstDevice() && p.lsap == f.dlsap()) {
                if (p.held.size() >= MAX_HELD) {
                    counters.countHeldDropped();
                } else {
                    p.held.add(f);
                }
                return true;
            }
        }
        return false;
    }
}
