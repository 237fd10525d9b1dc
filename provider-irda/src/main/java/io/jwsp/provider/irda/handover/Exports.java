package io.jwsp.provider.irda.handover;

import io.jwsp.provider.irda.handover.HandoverFrame.Claim;
import io.jwsp.provider.irda.handover.HandoverFrame.Refused;
import io.jwsp.provider.irda.handover.HandoverFrame.Repoint;
import io.jwsp.provider.irda.handover.HandoverFrame.Repointed;
import io.jwsp.provider.irda.handover.HandoverFrame.State;
import io.jwsp.provider.irda.medium.LmpFrame;
import io.jwsp.provider.irda.stack.ConnectionImage;
import io.jwsp.provider.irda.stack.TtpConnection;
import io.jwsp.spi.catalog.ProviderReserved;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.Cancellable;
import io.jwsp.spi.time.TimeSource;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source side of WSADuplicateSocket into another process: connections waiting for their target's claim (each
 * under a single-use random token, for one process id, until its time-to-live runs out), and hand-overs under way
 * ({@link HandoverFrame}'s steps 2 to 4). Every method runs under the space's lock.
 *
 * <p>Close rule: while a connection is exported, its socket's close releases the handle only; the export holds the
 * connection. A claim moves it (the target's last close then performs its row); a token that runs out unclaimed
 * after its socket closed performs the graceful row (DISCONNECT(1) behind the data), as the last close would.
 */
public final class Exports {
    private static final Logger LOG = LoggerFactory.getLogger(Exports.class);

    private static final class Export {
        final byte[] token;
        final TtpConnection conn;
        final long targetPid;
        final MovedOptions options;
        final int maxSdu;
        Cancellable timer;
        boolean released;
        long handoverId;
        InetSocketAddress target;
        int targetDevice;
        int targetLsap;
        InetSocketAddress peer;

        Export(byte[] token, TtpConnection conn, long targetPid, MovedOptions options, int maxSdu) {
            this.token = token;
            this.conn = conn;
            this.targetPid = targetPid;
            this.options = options;
            this.maxSdu = maxSdu;
        }
    }

    private final ReentrantLock lock;
    private final TimeSource clock;
    private final HandoverWire wire;
    private final HandoverCounters counters;
    private final long ttlNanos;
    private final long handoverNanos;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Export> waiting = new HashMap<>();
    private final Map<Long, Export> underWay = new HashMap<>();

    /**
     * @param ttlNanos      how long a token waits for its claim
     * @param handoverNanos how long a claimed hand-over waits for the peer's answer before the connection is reset
     */
    Exports(ReentrantLock lock, TimeSource clock, HandoverWire wire, HandoverCounters counters, long ttlNanos,
            long handoverNanos) {
        this.lock = lock;
        this.clock = clock;
        this.wire = wire;
        this.counters = counters;
        this.ttlNanos = ttlNanos;
        this.handoverNanos = handoverNanos;
    }

    /** Exports an open connection for process {@code targetPid}: the dwProviderReserved that claims it there. */
    public WspResult<ProviderReserved> export(TtpConnection c, long targetPid, MovedOptions options, int maxSdu) {
        if (holds(c)) {
            return WspResult.fail(WsaError.WSAEINVAL); // one hand-over at a time per connection
        }
        byte[] token = new byte[HandoverToken.TOKEN_LENGTH];
        random.nextBytes(token);
        Export e = new Export(token, c, targetPid, options, maxSdu);
        waiting.put(HandoverToken.key(token), e);
        e.timer = clock.schedule(() -> expire(e), ttlNanos);
        return WspResult.ok(new HandoverToken(token, c.localDevice(), wire.localAddress()).reserved());
    }

    /** Whether {@code c} is exported (waiting for its claim or moving): its socket's close leaves it alone. */
    public boolean holds(TtpConnection c) {
        for (Export e : waiting.values()) {
            if (e.conn == c) {
                return true;
            }
        }
        for (Export e : underWay.values()) {
            if (e.conn == c) {
                return true;
            }
        }
        return false;
    }

    /** {@code c}'s socket closed: if its token runs out unclaimed, the export performs the graceful row. */
    public void release(TtpConnection c) {
        for (Export e : waiting.values()) {
            if (e.conn == c) {
                e.released = true;
            }
        }
    }

    /** Hand-overs claimed and not finished yet. */
    public int underWay() {
        return underWay.size();
    }

    /** The provider stops: tokens not claimed yet run out now. */
    public void expireAll() {
        for (Export e : List.copyOf(waiting.values())) {
            e.timer.cancel();
            expireNow(e);
        }
    }

    private void expire(Export e) {
        lock.lock();
        try {
            expireNow(e);
        } finally {
            lock.unlock();
        }
    }

    private void expireNow(Export e) {
        if (waiting.remove(HandoverToken.key(e.token), e) && e.released) {
            LOG.debug("{}: duplicated into process {}, never claimed: closed", e.conn, e.targetPid);
            e.conn.drainThenDisconnect();
        }
    }

    /** Step 1 arrived: a target claims a token. */
    void claim(InetSocketAddress from, Claim claim) {
        Export e = waiting.get(HandoverToken.key(claim.token()));
        if (e == null || e.targetPid != claim.targetPid()) {
            // unknown, spent, expired, or meant for another process (that token stays for its own target)
            counters.countRefusedToken();
            LOG.warn("IrDA hand-over: a claim from {} with {} token refused", from,
                    e == null ? "an unknown, spent or expired" : "another process's");
            wire.send(from, HandoverCodec.encode(new Refused(claim.token(), WsaError.WSAEINVAL.code())));
            return;
        }
        TtpConnection c = e.conn;
        if (tooLargeToMove(e)) {
            LOG.warn("{}: too much queued to move in one frame: the claim is refused", c);
            wire.send(from, HandoverCodec.encode(new Refused(claim.token(), WsaError.WSAENOBUFS.code())));
            return;
        }
        waiting.remove(HandoverToken.key(e.token));
        e.timer.cancel();
        e.target = from;
        e.targetDevice = claim.device();
        e.targetLsap = claim.lsap();
        e.handoverId = random.nextLong();
        underWay.put(e.handoverId, e);
        e.timer = clock.schedule(() -> giveUp(e), handoverNanos);
        if (c.state() != TtpConnection.State.OPEN) {
            finish(e); // it ended meanwhile: the target gets how, and the unread bytes
            return;
        }
        c.freeze(() -> repoint(e));
    }

    /**
     * Whether the State frame could exceed its limit: what is held now, plus a full frame for every credit the
     * peer may still spend (the unsent bytes cannot grow: a frozen connection takes no more).
     */
    private static boolean tooLargeToMove(Export e) {
        ConnectionImage now = e.conn.image();
        long bytes = 200L + now.unsent().length + (long) (now.unread().size() + now.creditsOutstanding()) * 2
                + now.unreadBytes() + (long) now.creditsOutstanding() * e.maxSdu;
        return bytes > HandoverCodec.MAX_FRAME
                || now.unread().size() + now.creditsOutstanding() > HandoverCodec.MAX_UNREAD_FRAMES;
    }

    /** Step 2: the connection's frames have all left; its other end learns where it goes on. */
    private void repoint(Export e) {
        TtpConnection c = e.conn;
        e.peer = wire.routeOf(c.remoteDevice());
        if (e.peer == null) {
            c.reset(LmpFrame.REASON_UNEXPECTED_LAP_DISCONNECT); // its process is gone
            finish(e);
            return;
        }
        wire.send(e.peer, HandoverCodec.encode(new Repoint(e.handoverId, c.remoteDevice(), c.remoteLsap(),
                c.localDevice(), c.localLsap(), e.targetDevice, e.targetLsap, e.target)));
    }

    /** Step 3 arrived: the other end points at the target; everything it sent here is in. */
    void repointed(InetSocketAddress from, Repointed r) {
        Export e = underWay.get(r.handoverId());
        if (e == null || !from.equals(e.peer) || r.oldDevice() != e.conn.localDevice()
                || r.oldLsap() != e.conn.localLsap()) {
            counters.countWrongPeer();
            LOG.warn("IrDA hand-over: an answer from {} for no hand-over of its own: dropped", from);
            return;
        }
        finish(e);
    }

    /** The peer never answered: the connection is reset, and the target gets it so (its recv: WSAECONNRESET). */
    private void giveUp(Export e) {
        lock.lock();
        try {
            if (underWay.get(e.handoverId) != e) {
                return;
            }
            LOG.warn("{}: the other end never answered the hand-over: reset", e.conn);
            if (e.conn.state() == TtpConnection.State.OPEN) {
                e.conn.reset(LmpFrame.REASON_UNEXPECTED_LAP_DISCONNECT);
            }
            finish(e);
        } finally {
            lock.unlock();
        }
    }

    /** Step 4: the connection, as it is now, goes to the target; here it is over without a frame on the wire. */
    private void finish(Export e) {
        underWay.remove(e.handoverId);
        e.timer.cancel();
        TtpConnection c = e.conn;
        InetSocketAddress peer = e.peer != null ? e.peer : wire.routeOf(c.remoteDevice());
        byte[] state = HandoverCodec.encode(new State(e.token, peer, c.image(), e.options));
        if (state == null) {
            // cannot happen after tooLargeToMove; if it did, the target must not wait for ever
            c.reset(LmpFrame.REASON_UNEXPECTED_LAP_DISCONNECT);
            state = HandoverCodec.encode(new State(e.token, peer, c.image(), e.options));
        }
        wire.send(e.target, state);
        c.moved();
        counters.countMovedOut();
        LOG.debug("{}: moved to process {} ({})", c, e.targetPid, e.target);
    }
}
