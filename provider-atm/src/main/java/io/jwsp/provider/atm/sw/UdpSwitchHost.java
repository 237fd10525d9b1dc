package io.jwsp.provider.atm.sw;

import io.jwsp.carriage.Carriage;
import io.jwsp.carriage.CarriageListener;
import io.jwsp.carriage.CarriageSettings;
import io.jwsp.carriage.CarriageStatistics;
import io.jwsp.spi.addr.InetSockAddr;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a switch to other processes over two {@link Carriage}s, one for signalling and one for cells (so the two
 * paths really are separate). A process attaches with an ATTACH message and gets a port of its own; from then on
 * its Q.2931 messages and cells are told apart by their (authenticated) source addresses. The switch's latencies
 * apply to what comes in, exactly as for ports in this process. A process that stops answering the keepalive is
 * detached as if it had sent DETACH: its calls are released with cause 27 (destination out of order).
 */
public final class UdpSwitchHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UdpSwitchHost.class);

    private final Sync sync;
    private final AtmSwitch atmSwitch;
    private final Map<InetSocketAddress, Integer> portBySignalling = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, Integer> portByCells = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, InetSocketAddress> cellsBySignalling = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, byte[]> assignedReply = new ConcurrentHashMap<>();
    private Carriage signalling;
    private Carriage cells;

    private UdpSwitchHost(Sync sync, AtmSwitch atmSwitch) {
        this.sync = sync;
        this.atmSwitch = atmSwitch;
    }

    /** Whether both addresses can be bound now (then this process may host the switch). */
    public static boolean addressFree(InetSockAddr sig, InetSockAddr cellAddr) {
        try (DatagramSocket a = new DatagramSocket(sig.toInetSocketAddress());
             DatagramSocket b = new DatagramSocket(cellAddr.toInetSocketAddress())) {
            return a.isBound() && b.isBound();
        } catch (SocketException e) {
            return false;
        }
    }

    public static UdpSwitchHost start(Sync sync, AtmSwitch atmSwitch, InetSockAddr sig, InetSockAddr cellAddr,
                                      CarriageSettings carriage) throws IOException {
        UdpSwitchHost host = new UdpSwitchHost(sync, atmSwitch);
        try {
            host.signalling = Carriage.open("atm-switch-signalling", sig.toInetSocketAddress(), carriage,
                    host.new Signalling(), UdpFraming.SOCKET_BUFFER);
            host.cells = Carriage.open("atm-switch-cells", cellAddr.toInetSocketAddress(), carriage,
                    host.new Cells(), UdpFraming.SOCKET_BUFFER);
        } catch (IOException | RuntimeException e) {
            host.close();
            throw e;
        }
        return host;
    }

    /** What the two carriages counted: signalling, then cells. */
    public List<CarriageStatistics> statistics() {
        return List.of(signalling.statistics(), cells.statistics());
    }

    private final class Signalling implements CarriageListener {
        @Override
        public void frame(InetSocketAddress from, byte[] d) {
            if (HandOverMessage.isHandOver(d)) {
                Integer port = portBySignalling.get(from);
                // a hand-over message from an address that never attached: refused and counted
                sync.run(() -> atmSwitch.management(port == null ? -1 : port, d));
                return;
            }
            if (d.length >= 2 && d[0] == UdpFraming.MANAGEMENT) {
                management(d, from);
                return;
            }
            Integer port = portBySignalling.get(from);
            if (port != null) {
                sync.run(() -> atmSwitch.signalling(port, d));
            }
        }

        @Override
        public void peerLost(InetSocketAddress peer, String why) {
            gone(peer, "lost (" + why + ")");
        }
    }

    private final class Cells implements CarriageListener {
        @Override
        public void frame(InetSocketAddress from, byte[] d) {
            Integer port = portByCells.get(from);
            if (port != null) {
                List<byte[]> list = UdpFraming.cells(d, d.length);
                sync.run(() -> list.forEach(c -> atmSwitch.cell(port, c)));
            }
        }

        @Override
        public void peerLost(InetSocketAddress peer, String why) {
            for (Map.Entry<InetSocketAddress, InetSocketAddress> e : cellsBySignalling.entrySet()) {
                if (e.getValue().equals(peer)) {
                    gone(e.getKey(), "lost on its cell path (" + why + ")");
                }
            }
        }
    }

    private void management(byte[] d, InetSocketAddress src) {
        if (UdpFraming.isAttach(d)) {
            byte[] reply = assignedReply.get(src);
            if (reply == null) {
                int cellsPort = (d[2] & 0xFF) << 8 | d[3] & 0xFF;
                InetSocketAddress cellsAddr = new InetSocketAddress(src.getAddress(), cellsPort);
                PortAssignment a = sync.call(() -> atmSwitch.attach(new RemoteUser(src, cellsAddr),
                        UdpFraming.attachPid(d), UdpFraming.attachAcceptsDuplicates(d)));
                portBySignalling.put(src, a.port());
                portByCells.put(cellsAddr, a.port());
                cellsBySignalling.put(src, cellsAddr);
                reply = UdpFraming.assigned(a);
                assignedReply.put(src, reply);
                LOG.info("atm switch: {} attached as port {} ({})", src, a.port(), a.aesa());
            }
            signalling.send(src, reply);
        } else if (d[1] == UdpFraming.DETACH && d.length == 2) {
            gone(src, "detached");
        }
    }

    /** The process at {@code src} left or was lost: its port goes, its calls are released with cause 27. */
    private void gone(InetSocketAddress src, String how) {
        Integer port = portBySignalling.remove(src);
        assignedReply.remove(src);
        InetSocketAddress cellsAddr = cellsBySignalling.remove(src);
        if (cellsAddr != null) {
            portByCells.remove(cellsAddr);
            cells.forget(cellsAddr);
        }
        signalling.forget(src);
        if (port != null) {
            sync.run(() -> atmSwitch.detach(port));
            LOG.info("atm switch: port {} {}", port, how);
        }
    }

    /** A port whose user is another process. */
    private final class RemoteUser implements UserSide {
        private final InetSocketAddress signallingAddress;
        private final CellBatch cellBatch;

        RemoteUser(InetSocketAddress signallingAddress, InetSocketAddress cellsAddress) {
            this.signallingAddress = signallingAddress;
            this.cellBatch = new CellBatch(sync, cells, cellsAddress);
        }

        @Override
        public void signalling(byte[] message) {
            if (portBySignalling.containsKey(signallingAddress)) {
                signalling.send(signallingAddress, message);
            }
        }

        @Override
        public void cell(byte[] cell) {
            cellBatch.add(cell);
        }

        @Override
        public void management(byte[] message) {
            if (portBySignalling.containsKey(signallingAddress)) {
                signalling.send(signallingAddress, message);
            }
        }
    }

    @Override
    public void close() {
        if (signalling != null) {
            signalling.close();
        }
        if (cells != null) {
            cells.close();
        }
    }
}
