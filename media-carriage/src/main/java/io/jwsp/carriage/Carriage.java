package io.jwsp.carriage;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP socket of a simulated medium, carrying opaque frames to and from peer addresses: authenticated, in order,
 * delivered once, without silent loss, with keepalive (see the package documentation for the protocol and the
 * threat model). {@link #send} never blocks: frames wait in a bounded queue per peer. One receive thread decodes
 * and delivers; one timer thread retransmits, pings, acknowledges and expires peers. Every decoder is
 * bounds-checked, and the receive loop survives anything a datagram or a listener does.
 */
public final class Carriage implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Carriage.class);
    private static final long TICK_NANOS = Duration.ofMillis(5).toNanos();
    private static final long WARN_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();
    /** Deliveries between acknowledgements sent at once (the timer acknowledges the rest within a tick). */
    private static final int ACK_EVERY = 8;
    private static final int FAST_RETRANSMIT_AFTER = 3;
    private static final long MAX_RTO_NANOS = Duration.ofSeconds(1).toNanos();
    /** How far ahead of a hole the receiver keeps DATA. */
    private static final int MAX_REORDER_FRAMES = 4096;
    private static final long BIND_RETRY_NANOS = Duration.ofSeconds(2).toNanos();
    private static final long BIND_RETRY_STEP_NANOS = Duration.ofMillis(20).toNanos();

    private final String name;
    private final CarriageSettings settings;
    private final CarriageListener listener;
    private final DatagramSocket socket;
    private final InetSocketAddress local;
    private final Authenticator sendAuth;
    private final Authenticator receiveAuth;
    private final SecureRandom random = new SecureRandom();
    private final WarnLimiter warnings;
    private final Object lock = new Object();
    private final PeerTable peers;
    private final ScheduledExecutorService timer;
    private final Thread receiver;
    private volatile boolean closed;
    private long framesSent;
    private long framesDelivered;
    private long retransmissions;
    private long droppedMalformed;
    private long droppedUnauthenticated;
    private long droppedStale;
    private long droppedDuplicate;
    private long droppedOutOfOrder;
    private long droppedQueueFull;
    private long droppedPeerLost;
    private long droppedTableFull;
    private long peersLost;
    /** The last session number handed out: each peer's sending side gets a new one when it starts over. */
    private long sessions;

    private Carriage(String name, CarriageSettings settings, CarriageListener listener, DatagramSocket socket) {
        this.name = name;
        this.settings = settings;
        this.listener = listener;
        this.socket = socket;
        this.local = (InetSocketAddress) socket.getLocalSocketAddress();
        this.sendAuth = new Authenticator(settings.key());
        this.receiveAuth = new Authenticator(settings.key());
        this.warnings = new WarnLimiter(LOG, WARN_INTERVAL_NANOS);
        this.peers = new PeerTable(settings.maxPeers(), settings.deadAfterNanos() / 2);
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("jwsp-carriage-timer-" + name).factory());
        this.receiver = Thread.ofPlatform().daemon().name("jwsp-carriage-" + name).unstarted(this::receive);
    }

    /**
     * Binds {@code bind} (a loopback address unless the settings allow more; never a wildcard, since each datagram's
     * tag covers both addresses) and starts receiving. A port still in use is tried again for up to two seconds, so
     * a process restarted at once gets its ports back.
     *
     * @param socketBuffer the send and receive buffer to ask the kernel for (it may grant less)
     */
    public static Carriage open(String name, InetSocketAddress bind, CarriageSettings settings,
                                CarriageListener listener, int socketBuffer) throws IOException {
        BindPolicy.check(bind, settings.allowNonLoopback());
        DatagramSocket s = bind(bind, socketBuffer);
        Carriage c = new Carriage(name, settings, listener, s);
        c.receiver.start();
        c.timer.scheduleAtFixedRate(c::tick, TICK_NANOS, TICK_NANOS, TimeUnit.NANOSECONDS);
        return c;
    }

    /**
     * Binds, trying again for a moment while the address is in use: a process restarted at once may find its
     * predecessor's socket not yet released by the kernel. (SO_REUSEADDR is not the answer for UDP: it would let
     * two live processes share the port, and datagrams go to one of them.)
     */
    private static DatagramSocket bind(InetSocketAddress bind, int socketBuffer) throws IOException {
        long deadline = System.nanoTime() + BIND_RETRY_NANOS;
        while (true) {
            DatagramSocket s = new DatagramSocket(null);
            try {
                s.setReceiveBufferSize(socketBuffer);
                s.setSendBufferSize(socketBuffer);
                s.bind(bind);
                return s;
            } catch (BindException e) {
                s.close();
                if (bind.getPort() == 0 || System.nanoTime() - deadline >= 0) {
                    throw e;
                }
                LockSupport.parkNanos(BIND_RETRY_STEP_NANOS);
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
        }
    }

    public InetSocketAddress localAddress() {
        return local;
    }

    public CarriageSettings settings() {
        return settings;
    }

    /**
     * Queues {@code frame} for {@code to}, opening a session first if there is none. Never blocks; a frame the
     * carriage cannot take (too large, peer table or queue full, carriage closed) is counted, logged and answered
     * {@code false}.
     */
    public boolean send(InetSocketAddress to, byte[] frame) {
        if (frame.length > Envelope.MAX_FRAME) {
            LOG.warn("carriage {}: a frame of {} bytes is over the {} a datagram holds: dropped", name, frame.length,
                    Envelope.MAX_FRAME);
            return false;
        }
        if (!BindPolicy.allowed(to, settings.allowNonLoopback())) {
            LOG.warn("carriage {}: {} is not a loopback address: frame dropped", name, to);
            return false;
        }
        synchronized (lock) {
            if (closed) {
                return false;
            }
            Peer p = peer(to, true);
            if (p == null) {
                droppedTableFull++;
                warnings.refused("a frame (peer table full)", to);
                return false;
            }
            if (p.queuedBytes + p.inFlightBytes + frame.length > settings.maxQueuedBytes()) {
                droppedQueueFull++;
                warnings.refused("a frame (queue to the peer full)", to);
                return false;
            }
            p.queued.add(frame);
            p.queuedBytes += frame.length;
            if (p.sendNonce == 0) {
                hello(p, System.nanoTime());
            }
            pump(p, System.nanoTime());
            return true;
        }
    }

    /** Opens a session to {@code to} now (so keepalive starts before the first frame). */
    public void open(InetSocketAddress to) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            Peer p = peer(to, true);
            if (p != null && p.sendNonce == 0) {
                hello(p, System.nanoTime());
            }
        }
    }

    /** Whether frames to {@code to} would leave now (the session is open). */
    public boolean established(InetSocketAddress to) {
        synchronized (lock) {
            Peer p = peers.get(to);
            return p != null && p.canSend();
        }
    }

    /**
     * Waits until everything sent to {@code to} is acknowledged, the peer is lost, or {@code timeout} passes;
     * answers whether it was all acknowledged.
     */
    public boolean drain(InetSocketAddress to, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                Peer p = peers.get(to);
                if (p == null || closed) {
                    return false;
                }
                if (p.framesHeld() == 0) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
    }

    /**
     * Marks everything given for {@code to} so far. A peer the carriage does not know (never given a frame, or
     * already lost) gets a mark no session holds, so waiting on it answers {@link Acknowledgement#PEER_LOST}.
     */
    public DeliveryMark mark(InetSocketAddress to) {
        synchronized (lock) {
            Peer p = peers.get(to);
            return p == null ? new DeliveryMark(to, 0, Long.MAX_VALUE)
                    : new DeliveryMark(to, p.session, p.nextSeq - 1 + p.queued.size());
        }
    }

    /**
     * Waits until the peer acknowledged every frame up to {@code mark}, the session that carried them ended, or
     * {@code timeout} passes.
     */
    public Acknowledgement awaitAcknowledged(DeliveryMark mark, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                Peer p = peers.get(mark.peer());
                if (p == null || closed || p.session != mark.session()) {
                    return Acknowledgement.PEER_LOST;
                }
                if (p.lastAckSeen >= mark.seq()) {
                    return Acknowledgement.ACKNOWLEDGED;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Acknowledgement.TIMED_OUT;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
    }

    /** Bytes of frames queued or unacknowledged towards {@code to}. */
    public long backlogBytes(InetSocketAddress to) {
        synchronized (lock) {
            Peer p = peers.get(to);
            return p == null ? 0 : p.queuedBytes + p.inFlightBytes;
        }
    }

    /** Forgets {@code peer} without reporting it lost (it said goodbye). */
    public void forget(InetSocketAddress peer) {
        synchronized (lock) {
            peers.remove(peer);
        }
    }

    public CarriageStatistics statistics() {
        synchronized (lock) {
            return new CarriageStatistics(framesSent, framesDelivered, retransmissions, droppedMalformed,
                    droppedUnauthenticated, droppedStale, droppedDuplicate, droppedOutOfOrder, droppedQueueFull,
                    droppedPeerLost, droppedTableFull, peersLost, peers.size());
        }
    }

    // ---- the peer table

    /** The peer at {@code a}, created when asked and there is room (evicting the longest-silent one if needed). */
    private Peer peer(InetSocketAddress a, boolean create) {
        if (!create) {
            return peers.get(a);
        }
        return peers.getOrCreate(a, System.nanoTime(), ++sessions, evicted -> {
            droppedPeerLost += evicted.framesHeld();
            LOG.debug("carriage {}: peer {} evicted (silent, table full)", name, evicted.address);
        });
    }

    private long nonce() {
        long n;
        do {
            n = random.nextLong();
        } while (n == 0);
        return n;
    }

    // ---- sending (under the lock)

    private void hello(Peer p, long now) {
        if (p.sendNonce == 0) {
            p.sendNonce = nonce();
        }
        p.helloSentAt = now;
        transmit(p.address, Envelope.control(EnvelopeType.HELLO, p.sendNonce, 0, 0, 0));
    }

    private void pump(Peer p, long now) {
        while (p.canSend() && !p.queued.isEmpty()
                && (p.unacked.isEmpty() || p.inFlightBytes + p.queued.peek().length <= settings.maxInFlightBytes())) {
            byte[] f = p.queued.poll();
            p.queuedBytes -= f.length;
            Peer.InFlight d = new Peer.InFlight(p.nextSeq++, f, now);
            p.unacked.add(d);
            p.inFlightBytes += f.length;
            framesSent++;
            p.lastSentAt = now;
            transmit(p.address, new Envelope(EnvelopeType.DATA, p.sendNonce, p.sendChallenge, d.seq, 0, f));
        }
    }

    private void ack(Peer p) {
        p.ackDue = false;
        p.deliveriesSinceAck = 0;
        transmit(p.address, Envelope.control(EnvelopeType.ACK, p.recvChallenge, p.recvPeerNonce, p.lastPing,
                p.expectedSeq - 1));
    }

    private void transmit(InetSocketAddress to, Envelope e) {
        byte[] d = e.encode();
        sendAuth.sign(d, local, to);
        try {
            socket.send(new DatagramPacket(d, d.length, to));
        } catch (IOException e2) {
            if (!closed) {
                LOG.debug("carriage {}: send to {} failed: {}", name, to, e2.toString());
            }
        }
    }

    // ---- receiving

    private void receive() {
        byte[] buf = new byte[Envelope.MAX_DATAGRAM + 1];
        List<byte[]> frames = new ArrayList<>();
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("carriage {}: receive failed: {}", name, e.toString());
                }
                return;
            }
            try {
                received(packet, frames);
            } catch (RuntimeException e) {
                // a listener's bug must not end the medium: the next datagram is still read
                LOG.error("carriage {}: a datagram from {} could not be handled", name, packet.getSocketAddress(), e);
            }
        }
    }

    private void received(DatagramPacket packet, List<byte[]> frames) {
        SocketAddress src = packet.getSocketAddress();
        if (!(src instanceof InetSocketAddress from)) {
            return;
        }
        Envelope e = Envelope.decode(packet.getData(), packet.getLength());
        if (e == null) {
            synchronized (lock) {
                droppedMalformed++;
            }
            warnings.refused("a malformed datagram", from);
            return;
        }
        if (!receiveAuth.verify(packet.getData(), packet.getLength(), from, local)) {
            synchronized (lock) {
                droppedUnauthenticated++;
            }
            warnings.refused("an unauthenticated datagram", from);
            return;
        }
        frames.clear();
        String lost;
        synchronized (lock) {
            if (closed) {
                return;
            }
            lost = handle(from, e, frames, System.nanoTime());
        }
        if (lost != null) {
            listener.peerLost(from, lost);
        }
        for (byte[] f : frames) {
            listener.frame(from, f);
        }
    }

    /** Handles an authenticated envelope; answers why the peer's previous session ended, if it did. */
    private String handle(InetSocketAddress from, Envelope e, List<byte[]> frames, long now) {
        switch (e.type()) {
            case HELLO -> {
                Peer p = peer(from, true);
                if (p == null) {
                    droppedTableFull++;
                    warnings.refused("a HELLO (peer table full)", from);
                    return null;
                }
                long challenge;
                if (e.senderNonce() == p.recvPeerNonce && p.recvChallenge != 0) {
                    challenge = p.recvChallenge;
                } else {
                    if (e.senderNonce() != p.pendingPeerNonce || p.pendingChallenge == 0) {
                        p.pendingPeerNonce = e.senderNonce();
                        p.pendingChallenge = nonce();
                    }
                    challenge = p.pendingChallenge;
                }
                transmit(from, Envelope.control(EnvelopeType.CHALLENGE, challenge, e.senderNonce(), 0, 0));
                return null;
            }
            case CHALLENGE -> {
                Peer p = peers.get(from);
                if (p == null || p.sendNonce == 0 || e.receiverNonce() != p.sendNonce) {
                    stale("a CHALLENGE", from);
                } else if (!p.canSend()) {
                    p.sendChallenge = e.senderNonce();
                    p.known = true;
                    p.lastHeard = now;
                    p.lastSentAt = now;
                    pump(p, now);
                } else if (e.senderNonce() != p.sendChallenge) {
                    stale("a CHALLENGE", from);
                }
                return null;
            }
            case DATA, PING -> {
                return fromSender(from, e, frames, now);
            }
            case ACK -> {
                fromReceiver(from, e, now);
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    private String fromSender(InetSocketAddress from, Envelope e, List<byte[]> frames, long now) {
        Peer p = peers.get(from);
        String lost = null;
        if (p == null) {
            stale("a " + e.type(), from);
            return null;
        }
        if (p.recvChallenge == 0 || e.senderNonce() != p.recvPeerNonce || e.receiverNonce() != p.recvChallenge) {
            if (p.pendingChallenge == 0 || e.senderNonce() != p.pendingPeerNonce
                    || e.receiverNonce() != p.pendingChallenge) {
                stale("a " + e.type(), from);
                return null;
            }
            if (p.recvChallenge != 0) {
                // the peer opened a new session: it restarted (or gave us up); the old one is over both ways
                lost = "its session restarted";
                peersLost++;
                droppedPeerLost += p.framesHeld();
                p.resetSending(++sessions);
                lock.notifyAll(); // a wait on the old session's frames is over
            }
            p.recvPeerNonce = p.pendingPeerNonce;
            p.recvChallenge = p.pendingChallenge;
            p.pendingPeerNonce = 0;
            p.pendingChallenge = 0;
            p.expectedSeq = 1;
            p.reorder.clear();
            p.reorderBytes = 0;
            p.lastPing = 0;
            p.known = true;
        }
        if (e.type() == EnvelopeType.PING) {
            if (e.seq() > p.lastPing) {
                p.lastPing = e.seq();
                p.lastHeard = now;
            } else {
                droppedDuplicate++;
            }
            ack(p);
            return lost;
        }
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
            droppedDuplicate++;
            p.ackDue = true;
        } else {
            if (e.seq() - p.expectedSeq < MAX_REORDER_FRAMES
                    && p.reorderBytes + e.frame().length <= 2L * settings.maxInFlightBytes()) {
                p.reorder.put(e.seq(), e.frame());
                p.reorderBytes += e.frame().length;
            } else {
                droppedOutOfOrder++;
                LOG.debug("carriage {}: DATA {} from {} too far ahead of {}: dropped, it comes again", name, e.seq(),
                        from, p.expectedSeq);
            }
            ack(p); // a duplicate acknowledgement: the sender learns of the hole
        }
        return lost;
    }

    private void deliver(Peer p, byte[] frame, List<byte[]> frames) {
        p.expectedSeq++;
        framesDelivered++;
        frames.add(frame);
    }

    private void fromReceiver(InetSocketAddress from, Envelope e, long now) {
        Peer p = peers.get(from);
        if (p == null || !p.canSend() || e.senderNonce() != p.sendChallenge || e.receiverNonce() != p.sendNonce
                || e.ack() >= p.nextSeq || e.seq() > p.pingCounter) {
            stale("an ACK", from);
            return;
        }
        boolean fresh = e.seq() > p.lastEchoSeen || e.ack() > p.lastAckSeen;
        if (fresh) {
            p.lastHeard = now;
            p.lastEchoSeen = Math.max(p.lastEchoSeen, e.seq());
        }
        if (e.ack() > p.lastAckSeen) {
            p.lastAckSeen = e.ack();
            p.duplicateAcks = 0;
            p.rtoNanos = settings.retransmitNanos();
            while (!p.unacked.isEmpty() && p.unacked.peek().seq <= e.ack()) {
                p.inFlightBytes -= p.unacked.poll().frame.length;
            }
            lock.notifyAll();
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
    }

    private void stale(String what, InetSocketAddress from) {
        droppedStale++;
        warnings.refused(what + " of another session", from);
    }

    /** Sends the oldest unacknowledged DATA again: the receiver keeps what came after it, so it fills the hole. */
    private void resendOldest(Peer p, long now) {
        Peer.InFlight d = p.unacked.peek();
        d.sentAt = now;
        retransmissions++;
        transmit(p.address, new Envelope(EnvelopeType.DATA, p.sendNonce, p.sendChallenge, d.seq, 0, d.frame));
    }

    // ---- the timer

    private void tick() {
        List<InetSocketAddress> lost = new ArrayList<>();
        try {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                long now = System.nanoTime();
                for (Iterator<Peer> it = peers.all().iterator(); it.hasNext(); ) {
                    Peer p = it.next();
                    if (now - p.lastHeard > settings.deadAfterNanos()) {
                        it.remove();
                        lock.notifyAll();
                        droppedPeerLost += p.framesHeld();
                        if (p.known) {
                            peersLost++;
                            lost.add(p.address);
                            LOG.info("carriage {}: peer {} silent for {} ms: lost", name, p.address,
                                    (now - p.lastHeard) / 1_000_000);
                        }
                        continue;
                    }
                    timers(p, now);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("carriage {}: timer failed", name, e);
        }
        for (InetSocketAddress a : lost) {
            try {
                listener.peerLost(a, "silent past " + settings.deadAfterNanos() / 1_000_000 + " ms");
            } catch (RuntimeException e) {
                LOG.error("carriage {}: peer-lost handler failed", name, e);
            }
        }
    }

    private void timers(Peer p, long now) {
        if (p.sendNonce != 0 && !p.canSend() && now - p.helloSentAt >= settings.retransmitNanos()) {
            hello(p, now);
        }
        if (p.rtoNanos == 0) {
            p.rtoNanos = settings.retransmitNanos();
        }
        if (!p.unacked.isEmpty() && now - p.unacked.peek().sentAt >= p.rtoNanos) {
            p.recoverUpTo = p.nextSeq - 1;
            p.rtoNanos = Math.min(p.rtoNanos * 2, MAX_RTO_NANOS);
            resendOldest(p, now);
        }
        if (p.canSend() && now - p.lastSentAt >= settings.pingNanos()) {
            p.lastSentAt = now;
            transmit(p.address, Envelope.control(EnvelopeType.PING, p.sendNonce, p.sendChallenge, ++p.pingCounter,
                    0));
        }
        if (p.ackDue && p.recvChallenge != 0) {
            ack(p);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            peers.clear();
            lock.notifyAll();
        }
        timer.shutdownNow();
        socket.close();
        try {
            receiver.join(Duration.ofSeconds(2));
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
