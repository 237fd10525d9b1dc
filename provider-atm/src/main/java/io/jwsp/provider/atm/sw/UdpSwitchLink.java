package io.jwsp.provider.atm.sw;

import io.jwsp.carriage.Acknowledgement;
import io.jwsp.carriage.Carriage;
import io.jwsp.carriage.CarriageListener;
import io.jwsp.carriage.CarriageSettings;
import io.jwsp.carriage.CarriageStatistics;
import io.jwsp.carriage.DeliveryMark;
import io.jwsp.provider.atm.q2931.Cause;
import io.jwsp.spi.addr.InetSockAddr;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One adapter's link to a switch in another process: a signalling carriage and a cell carriage on loopback
 * (ephemeral ports), attached to the host's two. What the switch sends arrives on the matching carriage, from the
 * switch's address only, and is handed to the adapter under the provider's lock. The carriages' keepalive watches
 * the switch: when it stops answering, every call of the adapter is released with cause 41 (temporary failure).
 */
public final class UdpSwitchLink implements NetworkSide, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UdpSwitchLink.class);
    private static final Duration ATTACH_WAIT = Duration.ofSeconds(3);
    /** Cell bytes the carriage may hold towards the switch before the adapter waits (a few ms at OC-3c). */
    private static final long CELL_BACKLOG_BYTES = 64 << 10;

    private final Sync sync;
    private final UserSide user;
    private final InetSocketAddress switchSignalling;
    private final InetSocketAddress switchCells;
    private final CompletableFuture<PortAssignment> assigned = new CompletableFuture<>();
    private final long pid;
    private final boolean acceptsDuplicates;
    private Carriage signalling;
    private Carriage cells;
    private PortAssignment assignment;
    private CellBatch cellBatch;
    private volatile boolean lost;
    private volatile boolean closed;

    private UdpSwitchLink(Sync sync, UserSide user, InetSocketAddress switchSignalling,
                          InetSocketAddress switchCells, long pid, boolean acceptsDuplicates) {
        this.pid = pid;
        this.acceptsDuplicates = acceptsDuplicates;
        this.sync = sync;
        this.user = user;
        this.switchSignalling = switchSignalling;
        this.switchCells = switchCells;
    }

    /**
     * Attaches to the switch served at {@code sig}/{@code cellAddr}: ATTACH on the carriage (which retransmits)
     * until ASSIGNED comes back or {@link #ATTACH_WAIT} passes, in real time, this being a real network handshake.
     * The ATTACH names this process ({@code pid}) and whether it takes VCs that other processes hand it.
     */
    public static UdpSwitchLink attach(Sync sync, UserSide user, InetSockAddr sig, InetSockAddr cellAddr,
                                       CarriageSettings carriage, long pid, boolean acceptsDuplicates)
            throws IOException {
        UdpSwitchLink link = new UdpSwitchLink(sync, user, sig.toInetSocketAddress(), cellAddr.toInetSocketAddress(),
                pid, acceptsDuplicates);
        try {
            InetSocketAddress any = new InetSocketAddress(sig.address(), 0);
            link.signalling = Carriage.open("atm-link-signalling", any, carriage, link.new Signalling(),
                    UdpFraming.SOCKET_BUFFER);
            link.cells = Carriage.open("atm-link-cells", any, carriage, link.new Cells(), UdpFraming.SOCKET_BUFFER);
            link.cellBatch = new CellBatch(sync, link.cells, link.switchCells);
            link.cells.open(link.switchCells);
            link.assignment = link.handshake();
            return link;
        } catch (IOException | RuntimeException e) {
            link.close();
            throw e;
        }
    }

    private PortAssignment handshake() throws IOException {
        signalling.send(switchSignalling, UdpFraming.attach(cells.localAddress().getPort(), pid, acceptsDuplicates));
        try {
            return assigned.get(ATTACH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new IOException("no ATM switch answers at " + switchSignalling);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while attaching to " + switchSignalling);
        }
    }

    public PortAssignment assignment() {
        return assignment;
    }

    /** What the two carriages counted: signalling, then cells. */
    public List<CarriageStatistics> statistics() {
        return List.of(signalling.statistics(), cells.statistics());
    }

    private final class Signalling implements CarriageListener {
        @Override
        public void frame(InetSocketAddress from, byte[] d) {
            if (!from.equals(switchSignalling) || d.length == 0) {
                return;
            }
            if (d[0] == UdpFraming.MANAGEMENT) {
                PortAssignment a = UdpFraming.decodeAssigned(d, d.length);
                if (a != null) {
                    assigned.complete(a);
                } else if (assignment != null && HandOverMessage.isHandOver(d)) {
                    sync.run(() -> user.management(d));
                }
                return;
            }
            if (assignment != null) {
                sync.run(() -> user.signalling(d));
            }
        }

        @Override
        public void peerLost(InetSocketAddress peer, String why) {
            if (peer.equals(switchSignalling)) {
                switchLost(why);
            }
        }
    }

    private final class Cells implements CarriageListener {
        @Override
        public void frame(InetSocketAddress from, byte[] d) {
            if (!from.equals(switchCells) || assignment == null) {
                return;
            }
            List<byte[]> list = UdpFraming.cells(d, d.length);
            sync.run(() -> list.forEach(user::cell));
        }

        @Override
        public void peerLost(InetSocketAddress peer, String why) {
            if (peer.equals(switchCells)) {
                switchLost(why);
            }
        }
    }

    private void switchLost(String why) {
        if (closed || lost) {
            return;
        }
        lost = true;
        LOG.warn("atm: the switch at {} is gone ({}): calls released with cause {}", switchSignalling, why,
                Cause.TEMPORARY_FAILURE);
        sync.run(() -> user.networkLost(new Cause(Cause.LOCATION_PRIVATE_LOCAL, Cause.TEMPORARY_FAILURE)));
    }

    @Override
    public boolean confirmsDelivery() {
        return true;
    }

    @Override
    public Duration confirmationBound() {
        CarriageSettings s = signalling.settings();
        return Duration.ofNanos(s.deadAfterNanos() + s.pingNanos());
    }

    @Override
    public boolean holdsUnconfirmed() {
        return !lost && (cellBatch.holds() || cells.backlogBytes(switchCells) > 0
                || signalling.backlogBytes(switchSignalling) > 0);
    }

    @Override
    public boolean lost() {
        return lost;
    }

    /**
     * Marks what both carriages were given for the switch (the collected cells are sent first, so the mark covers
     * them). The wait is bounded by the keepalive: a switch that went silent is declared lost within it.
     */
    @Override
    public HandOff handOff() {
        if (lost || closed) {
            return timeout -> Delivery.NETWORK_LOST;
        }
        cellBatch.flush();
        DeliveryMark cellMark = cells.mark(switchCells);
        DeliveryMark signallingMark = signalling.mark(switchSignalling);
        return timeout -> confirm(cellMark, signallingMark, timeout);
    }

    private Delivery confirm(DeliveryMark cellMark, DeliveryMark signallingMark, Duration timeout)
            throws InterruptedException {
        long bound = Math.min(timeout.toNanos(), confirmationBound().toNanos());
        long deadline = System.nanoTime() + bound;
        Acknowledgement a = cells.awaitAcknowledged(cellMark, Duration.ofNanos(bound));
        if (a == Acknowledgement.ACKNOWLEDGED) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            a = signalling.awaitAcknowledged(signallingMark, left);
        }
        return switch (a) {
            case ACKNOWLEDGED -> Delivery.CONFIRMED;
            case PEER_LOST -> Delivery.NETWORK_LOST;
            case TIMED_OUT -> lost ? Delivery.NETWORK_LOST : Delivery.UNCONFIRMED;
        };
    }

    @Override
    public void signalling(int port, byte[] message) {
        if (!lost) {
            signalling.send(switchSignalling, message);
        }
    }

    @Override
    public void management(int port, byte[] message) {
        if (!lost) {
            signalling.send(switchSignalling, message);
        }
    }

    @Override
    public boolean cellsAccepted() {
        return lost || cells.backlogBytes(switchCells) < CELL_BACKLOG_BYTES;
    }

    @Override
    public void cell(int port, byte[] cell) {
        if (!lost) {
            cellBatch.add(cell);
        }
    }

    /**
     * Leaves the switch: the cells and signalling already handed over are delivered first (for as long as the
     * keepalive would wait), then DETACH releases what is left.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (assignment != null && !lost) {
                Duration wait = Duration.ofNanos(signalling.settings().deadAfterNanos());
                long held = cells.backlogBytes(switchCells);
                if (!cells.drain(switchCells, wait)) {
                    LOG.warn("atm: {} bytes of cells to the switch at {} were never acknowledged", held,
                            switchCells);
                }
                signalling.send(switchSignalling, UdpFraming.detach());
                signalling.drain(switchSignalling, wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed = true;
            if (signalling != null) {
                signalling.close();
            }
            if (cells != null) {
                cells.close();
            }
        }
    }
}
