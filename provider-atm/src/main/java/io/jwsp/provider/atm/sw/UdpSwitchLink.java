package io.jwsp.provider.atm.sw;

import io.jwsp.spi.addr.InetSockAddr;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One adapter's link to a switch in another process: a signalling socket and a cell socket on 127.0.0.1 (ephemeral
 * ports), attached to the host's two sockets. What the switch sends arrives on the matching socket and is handed
 * to the adapter under the provider's lock.
 */
public final class UdpSwitchLink implements NetworkSide, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UdpSwitchLink.class);
    private static final int ATTACH_TRIES = 10;
    private static final int ATTACH_WAIT_MILLIS = 300;

    private final DatagramSocket signalling;
    private final DatagramSocket cells;
    private final InetSocketAddress switchSignalling;
    private final InetSocketAddress switchCells;
    private PortAssignment assignment;
    private CellBatch cellBatch;
    private volatile boolean closed;

    private UdpSwitchLink(DatagramSocket signalling, DatagramSocket cells, InetSocketAddress switchSignalling,
                          InetSocketAddress switchCells) {
        this.signalling = signalling;
        this.cells = cells;
        this.switchSignalling = switchSignalling;
        this.switchCells = switchCells;
    }

    /**
     * Attaches to the switch served at {@code sig}/{@code cellAddr}: ATTACH until ASSIGNED comes back (a few tries
     * in real time, this being a real network handshake), then starts the two readers.
     */
    public static UdpSwitchLink attach(Sync sync, UserSide user, InetSockAddr sig, InetSockAddr cellAddr)
            throws IOException {
        InetAddress loopback = sig.address();
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(loopback, 0));
        DatagramSocket c = new DatagramSocket(new InetSocketAddress(loopback, 0));
        c.setReceiveBufferSize(UdpFraming.SOCKET_BUFFER);
        c.setSendBufferSize(UdpFraming.SOCKET_BUFFER);
        UdpSwitchLink link = new UdpSwitchLink(s, c, sig.toInetSocketAddress(), cellAddr.toInetSocketAddress());
        link.cellBatch = new CellBatch(sync, c, cellAddr.toInetSocketAddress());
        try {
            link.assignment = link.handshake();
        } catch (IOException e) {
            link.close();
            throw e;
        }
        Thread.ofPlatform().daemon().name("jwsp-atm-link-signalling").start(() -> link.read(s, sync, user, true));
        Thread.ofPlatform().daemon().name("jwsp-atm-link-cells").start(() -> link.read(c, sync, user, false));
        return link;
    }

    private PortAssignment handshake() throws IOException {
        byte[] req = UdpFraming.attach(cells.getLocalPort());
        byte[] buf = new byte[UdpFraming.MAX_DATAGRAM];
        signalling.setSoTimeout(ATTACH_WAIT_MILLIS);
        for (int i = 0; i < ATTACH_TRIES; i++) {
            signalling.send(new DatagramPacket(req, req.length, switchSignalling));
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                signalling.receive(p);
                PortAssignment a = UdpFraming.decodeAssigned(p.getData(), p.getLength());
                if (a != null) {
                    signalling.setSoTimeout(0);
                    return a;
                }
            } catch (SocketTimeoutException e) {
                LOG.debug("atm: no answer from the switch at {} yet", switchSignalling);
            }
        }
        throw new IOException("no ATM switch answers at " + switchSignalling);
    }

    public PortAssignment assignment() {
        return assignment;
    }

    private void read(DatagramSocket socket, Sync sync, UserSide user, boolean isSignalling) {
        byte[] buf = new byte[UdpFraming.MAX_DATAGRAM];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("atm: link socket failed: {}", e.toString());
                }
                return;
            }
            byte[] d = Arrays.copyOf(p.getData(), p.getLength());
            if (isSignalling) {
                if (d.length > 0 && d[0] != UdpFraming.MANAGEMENT) {
                    sync.run(() -> user.signalling(d));
                }
            } else {
                java.util.List<byte[]> list = UdpFraming.cells(d, d.length);
                sync.run(() -> list.forEach(user::cell));
            }
        }
    }

    @Override
    public void signalling(int port, byte[] message) {
        send(signalling, message, switchSignalling);
    }

    @Override
    public void cell(int port, byte[] cell) {
        cellBatch.add(cell);
    }

    private static void send(DatagramSocket socket, byte[] data, InetSocketAddress to) {
        try {
            socket.send(new DatagramPacket(data, data.length, to));
        } catch (IOException e) {
            LOG.debug("atm: send to {} failed: {}", to, e.toString());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (assignment != null) {
            send(signalling, UdpFraming.detach(), switchSignalling);
        }
        closed = true;
        signalling.close();
        cells.close();
    }
}
