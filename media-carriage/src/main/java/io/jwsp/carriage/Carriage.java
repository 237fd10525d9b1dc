package io.jwsp.carriage;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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

    private final String name;
    private final CarriageSettings settings;
    private final CarriageListener listener;
    private final DatagramSocket socket;
    private final InetSocketAddress local;
    private final Wire wire;
    private final Authenticator receiveAuth;
    private final WarnLimiter warnings;
    private final Object lock = new Object();
    private final PeerTable peers;
    private final Counters counters = new Counters();
    private final Handshake handshake;
    private final SendWindow sending;
    private final ReceiveOrder receiving;
    private final Keepalive keepalive;
    private final ScheduledExecutorService timer;
    private final Thread receiver;
    private volatile boolean closed;
    /** The last session number handed out: each peer's sending side gets a new one when it starts over. */
    private long sessions;

    private Carriage(String name, CarriageSettings settings, CarriageListener listener, DatagramSocket socket) {
        this.name = name;
        this.settings = settings;
        this.listener = listener;
        this.socket = socket;
        this.wire = new Wire(name, socket, settings.key());
        this.local = wire.local();
        this.receiveAuth = new Authenticator(settings.key());
        this.warnings = new WarnLimiter(LOG, WARN_INTERVAL_NANOS);
        this.peers = new PeerTable(settings.maxPeers(), settings.deadAfterNanos() / 2);
        this.handshake = new Handshake(wire);
        this.sending = new SendWindow(wire, settings, counters);
        this.receiving = new ReceiveOrder(name, wire, settings, counters);
        this.keepalive = new Keepalive(wire, settings);
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("jwsp-carriage-timer-" + name).factory());
        this.receiver = Thread.ofPlatform().daemon().name("jwsp-carriage-" + name).unstarted(this::receive);
    }

    /**
     * Binds {@code bind} (a loopback address unless the settings allow more; never a wildcard, since each datagram's
     * tag covers both addresses) and starts receiving. A port still in use is tried again for up to two seconds, so
     * a process restarted at once gets its ports back ({@link PortBinding}).
     *
     * @param socketBuffer the send and receive buffer to ask the kernel for (it may grant less)
     */
    public static Carriage open(String name, InetSocketAddress bind, CarriageSettings settings,
                                CarriageListener listener, int socketBuffer) throws IOException {
        BindPolicy.check(bind, settings.allowNonLoopback());
        DatagramSocket s = PortBinding.bind(bind, socketBuffer);
        Carriage c = new Carriage(name, settings, listener, s);
        c.receiver.start();
        c.timer.scheduleAtFixedRate(c::tick, TICK_NANOS, TICK_NANOS, TimeUnit.NANOSECONDS);
        return c;
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
            Peer p = peer(to);
            if (p == null) {
                counters.droppedTableFull++;
                warnings.refused("a frame (peer table full)", to);
                return false;
            }
            if (p.queuedBytes + p.inFlightBytes + frame.length > settings.maxQueuedBytes()) {
                counters.droppedQueueFull++;
                warnings.refused("a frame (queue to the peer full)", to);
                return false;
            }
            p.queued.add(frame);
            p.queuedBytes += frame.length;
            long now = System.nanoTime();
            if (p.sendNonce == 0) {
                handshake.hello(p, now);
            }
            sending.pump(p, now);
            return true;
        }
    }

    /** Opens a session to {@code to} now (so keepalive starts before the first frame). */
    public void open(InetSocketAddress to) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            Peer p = peer(to);
            if (p != null && p.sendNonce == 0) {
                handshake.hello(p, System.nanoTime());
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
            return counters.snapshot(peers.size());
        }
    }

    /** The peer at {@code a}, created when there is room (evicting the longest-silent one if needed). */
    private Peer peer(InetSocketAddress a) {
        return peers.getOrCreate(a, System.nanoTime(), ++sessions, evicted -> {
            counters.droppedPeerLost += evicted.framesHeld();
            LOG.debug("carriage {}: peer {} evicted (silent, table full)", name, evicted.address);
        });
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
                counters.droppedMalformed++;
            }
            warnings.refused("a malformed datagram", from);
            return;
        }
        if (!receiveAuth.verify(packet.getData(), packet.getLength(), from, local)) {
            synchronized (lock) {
                counters.droppedUnauthenticated++;
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
                Peer p = peer(from);
                if (p == null) {
                    counters.droppedTableFull++;
                    warnings.refused("a HELLO (peer table full)", from);
                } else {
                    handshake.answerHello(p, from, e.senderNonce());
                }
                return null;
            }
            case CHALLENGE -> {
                Peer p = peers.get(from);
                switch (handshake.challenged(p, e, now)) {
                    case OPENED -> sending.pump(p, now);
                    case STALE -> stale("a CHALLENGE", from);
                    case REPEATED -> {
                    }
                }
                return null;
            }
            case DATA, PING -> {
                return fromSender(from, e, frames, now);
            }
            case ACK -> {
                Peer p = peers.get(from);
                if (!SendWindow.ofTheSession(p, e)) {
                    stale("an ACK", from);
                } else if (sending.acknowledged(p, e, now)) {
                    lock.notifyAll(); // drain and awaitAcknowledged look again
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    private String fromSender(InetSocketAddress from, Envelope e, List<byte[]> frames, long now) {
        Peer p = peers.get(from);
        if (p == null) {
            stale("a " + e.type(), from);
            return null;
        }
        String lost = null;
        switch (handshake.session(p, e)) {
            case STALE -> {
                stale("a " + e.type(), from);
                return null;
            }
            case PENDING -> {
                if (handshake.adopt(p)) {
                    // the peer opened a new session: it restarted (or gave us up); the old one is over both ways
                    lost = "its session restarted";
                    counters.peersLost++;
                    counters.droppedPeerLost += p.framesHeld();
                    p.resetSending(++sessions);
                    lock.notifyAll(); // a wait on the old session's frames is over
                }
                ReceiveOrder.restart(p);
            }
            case CURRENT -> {
            }
        }
        if (e.type() == EnvelopeType.PING) {
            receiving.ping(p, e, now);
        } else {
            receiving.data(p, e, frames, now);
        }
        return lost;
    }

    private void stale(String what, InetSocketAddress from) {
        counters.droppedStale++;
        warnings.refused(what + " of another session", from);
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
                    if (keepalive.dead(p, now)) {
                        it.remove();
                        lock.notifyAll();
                        counters.droppedPeerLost += p.framesHeld();
                        if (p.known) {
                            counters.peersLost++;
                            lost.add(p.address);
                            LOG.info("carriage {}: peer {} silent for {} ms: lost", name, p.address,
                                    (now - p.lastHeard) / 1_000_000);
                        }
                        continue;
                    }
                    if (p.sendNonce != 0 && !p.canSend() && now - p.helloSentAt >= settings.retransmitNanos()) {
                        handshake.hello(p, now);
                    }
                    sending.timer(p, now);
                    keepalive.timer(p, now);
                    receiving.timer(p);
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
        wire.close();
        try {
            receiver.join(Duration.ofSeconds(2));
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
