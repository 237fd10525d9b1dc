package io.jwsp.provider.atm.sw;

import io.jwsp.spi.addr.InetSockAddr;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a switch to other processes over UDP on 127.0.0.1, with one socket for signalling and another for cells
 * (so the two paths really are separate). A process attaches with an ATTACH datagram and gets a port of its own;
 * from then on its Q.2931 messages and cells are told apart by their source addresses. The switch's latencies
 * apply to what comes in, exactly as for ports in this process.
 */
public final class UdpSwitchHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UdpSwitchHost.class);

    private final Sync sync;
    private final AtmSwitch atmSwitch;
    private final DatagramSocket signalling;
    private final DatagramSocket cells;
    private final Map<SocketAddress, Integer> portBySignalling = new ConcurrentHashMap<>();
    private final Map<SocketAddress, Integer> portByCells = new ConcurrentHashMap<>();
    private final Map<SocketAddress, byte[]> assignedReply = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private UdpSwitchHost(Sync sync, AtmSwitch atmSwitch, DatagramSocket signalling, DatagramSocket cells) {
        this.sync = sync;
        this.atmSwitch = atmSwitch;
        this.signalling = signalling;
        this.cells = cells;
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

    public static UdpSwitchHost start(Sync sync, AtmSwitch atmSwitch, InetSockAddr sig, InetSockAddr cellAddr)
            throws IOException {
        DatagramSocket s = new DatagramSocket(sig.toInetSocketAddress());
        DatagramSocket c;
        try {
            c = new DatagramSocket(cellAddr.toInetSocketAddress());
        } catch (IOException e) {
            s.close();
            throw e;
        }
        s.setReceiveBufferSize(UdpFraming.SOCKET_BUFFER);
        c.setReceiveBufferSize(UdpFraming.SOCKET_BUFFER);
        c.setSendBufferSize(UdpFraming.SOCKET_BUFFER);
        UdpSwitchHost host = new UdpSwitchHost(sync, atmSwitch, s, c);
        Thread.ofPlatform().daemon().name("jwsp-atm-switch-signalling").start(host::readSignalling);
        Thread.ofPlatform().daemon().name("jwsp-atm-switch-cells").start(host::readCells);
        return host;
    }

    private void readSignalling() {
        byte[] buf = new byte[UdpFraming.MAX_DATAGRAM];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                signalling.receive(p);
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("atm switch: signalling socket failed: {}", e.toString());
                }
                return;
            }
            byte[] d = Arrays.copyOf(p.getData(), p.getLength());
            SocketAddress src = p.getSocketAddress();
            if (d.length >= 2 && d[0] == UdpFraming.MANAGEMENT) {
                management(d, src);
                continue;
            }
            Integer port = portBySignalling.get(src);
            if (port != null) {
                sync.run(() -> atmSwitch.signalling(port, d));
            }
        }
    }

    private void management(byte[] d, SocketAddress src) {
        if (d[1] == UdpFraming.ATTACH && d.length >= 4 && src instanceof InetSocketAddress isa) {
            byte[] reply = assignedReply.get(src);
            if (reply == null) {
                int cellsPort = (d[2] & 0xFF) << 8 | d[3] & 0xFF;
                InetSocketAddress cellsAddr = new InetSocketAddress(isa.getAddress(), cellsPort);
                PortAssignment a = sync.call(() -> atmSwitch.attach(new RemoteUser(src, cellsAddr)));
                portBySignalling.put(src, a.port());
                portByCells.put(cellsAddr, a.port());
                reply = UdpFraming.assigned(a);
                assignedReply.put(src, reply);
                LOG.info("atm switch: {} attached as port {} ({})", src, a.port(), a.aesa());
            }
            send(signalling, reply, src);
        } else if (d[1] == UdpFraming.DETACH) {
            Integer port = portBySignalling.remove(src);
            assignedReply.remove(src);
            if (port != null) {
                portByCells.values().remove(port);
                sync.run(() -> atmSwitch.detach(port));
                LOG.info("atm switch: port {} detached", port);
            }
        }
    }

    private void readCells() {
        byte[] buf = new byte[UdpFraming.MAX_DATAGRAM];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                cells.receive(p);
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("atm switch: cell socket failed: {}", e.toString());
                }
                return;
            }
            Integer port = portByCells.get(p.getSocketAddress());
            if (port != null) {
                java.util.List<byte[]> list = UdpFraming.cells(p.getData(), p.getLength());
                sync.run(() -> list.forEach(c -> atmSwitch.cell(port, c)));
            }
        }
    }

    private static void send(DatagramSocket socket, byte[] data, SocketAddress to) {
        try {
            socket.send(new DatagramPacket(data, data.length, to));
        } catch (IOException e) {
            LOG.debug("atm switch: send to {} failed: {}", to, e.toString());
        }
    }

    /** A port whose user is another process. */
    private final class RemoteUser implements UserSide {
        private final SocketAddress signallingAddress;
        private final CellBatch cellBatch;

        RemoteUser(SocketAddress signallingAddress, SocketAddress cellsAddress) {
            this.signallingAddress = signallingAddress;
            this.cellBatch = new CellBatch(sync, cells, cellsAddress);
        }

        @Override
        public void signalling(byte[] message) {
            send(signalling, message, signallingAddress);
        }

        @Override
        public void cell(byte[] cell) {
            cellBatch.add(cell);
        }
    }

    @Override
    public void close() {
        closed = true;
        signalling.close();
        cells.close();
    }
}
