package io.jwsp.provider.irda.medium;

import io.jwsp.provider.irda.frame.IrlapCodec;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The medium between processes: one frame per UDP datagram on 127.0.0.1, sequence-numbered per destination. The
 * sending side still spends each frame's air time on its clock before the datagram leaves, so the link keeps its
 * baud rate. Discovery is an XID command datagram to the configured peer, answered with the devices of the
 * receiving process; any frame from an unknown device also makes it known (the listener learns its callers).
 */
public final class UdpTransport implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);
    private static final int MAX_DATAGRAM = 4096;

    private final InetSocketAddress bind;
    private final InetSocketAddress peer;
    private final Object routeLock = new Object();
    private final Map<Integer, SocketAddress> routes = new HashMap<>();
    private final Map<SocketAddress, Long> sent = new HashMap<>();
    private final Map<SocketAddress, Long> received = new HashMap<>();
    private DatagramSocket socket;
    private IrSpace space;
    private Thread receiver;
    private volatile boolean closed;

    /**
     * @param bind {@code 127.0.0.1:PORT} to listen on (port 0: any free port)
     * @param peer {@code 127.0.0.1:PORT} of another process, or {@code null}
     */
    public UdpTransport(String bind, String peer) {
        this.bind = loopbackOnly(bind);
        this.peer = peer == null ? null : loopbackOnly(peer);
    }

    private static InetSocketAddress loopbackOnly(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : hostPort.substring(0, colon);
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
            throw new IllegalArgumentException("the UDP medium runs on 127.0.0.1 only: " + hostPort);
        }
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    @Override
    public void start(IrSpace target) throws IOException {
        this.space = target;
        socket = new DatagramSocket(bind);
        receiver = Thread.ofPlatform().daemon().name("jwsp-irda-udp-" + socket.getLocalPort()).start(this::receive);
        LOG.info("IrDA UDP medium on {} (peer {})", socket.getLocalSocketAddress(), peer);
        if (peer != null) {
            discover();
        }
    }

    /** The port actually bound. */
    public int localPort() {
        return socket.getLocalPort();
    }

    @Override
    public void send(LmpFrame frame, byte[] irlap) {
        SocketAddress to;
        synchronized (routeLock) {
            to = routes.get(frame.dstDevice());
        }
        if (to == null) {
            LOG.debug("no UDP route to device {}: frame dropped", DeviceInfo.hex(frame.dstDevice()));
            return;
        }
        sendTo(to, frame, irlap);
    }

    @Override
    public void discover() {
        if (peer == null) {
            return;
        }
        for (DeviceInfo d : space.localDevices()) {
            LmpFrame xid = new LmpFrame(d.id(), IrSpace.BROADCAST, LmpFrame.Kind.XID_CMD, 0, 0, 0,
                    FrameCodec.encodeDevice(d));
            sendTo(peer, xid, IrlapCodec.xid(xid));
        }
    }

    private void sendTo(SocketAddress to, LmpFrame frame, byte[] irlap) {
        long seq;
        synchronized (routeLock) {
            seq = sent.merge(to, 1L, Long::sum);
        }
        byte[] bytes = FrameCodec.encode(seq, frame.srcDevice(), frame.dstDevice(), irlap);
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, to));
        } catch (IOException e) {
            if (!closed) {
                LOG.warn("UDP send to {} failed: {}", to, e.toString());
            }
        }
    }

    private void receive() {
        byte[] buf = new byte[MAX_DATAGRAM];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("UDP receive failed: {}", e.toString());
                }
                return;
            }
            FrameCodec.Numbered n = FrameCodec.decode(p.getData(), p.getLength());
            if (n == null) {
                LOG.debug("not an IrDA frame from {}", p.getSocketAddress());
                continue;
            }
            SocketAddress from = p.getSocketAddress();
            synchronized (routeLock) {
                Long last = received.get(from);
                if (last != null && n.seq() <= last) {
                    LOG.debug("stale datagram {} from {} dropped", n.seq(), from);
                    continue;
                }
                if (last != null && n.seq() > last + 1) {
                    // the simulated link is reliable; lost datagrams mean lost frames, which IrLAP would resend
                    LOG.warn("{} datagram(s) from {} lost before {}", n.seq() - last - 1, from, n.seq());
                }
                received.put(from, n.seq());
                routes.put(n.frame().srcDevice(), from);
            }
            handle(from, n.frame(), n.irlap());
        }
    }

    private void handle(SocketAddress from, LmpFrame f, byte[] irlap) {
        switch (f.kind()) {
            case XID_CMD -> {
                space.learnRemote(FrameCodec.decodeDevice(f.data()));
                List<DeviceInfo> mine = space.localDevices();
                for (DeviceInfo d : mine) {
                    LmpFrame xid = new LmpFrame(d.id(), f.srcDevice(), LmpFrame.Kind.XID_RSP, 0, 0, 0,
                            FrameCodec.encodeDevice(d));
                    sendTo(from, xid, IrlapCodec.xid(xid));
                }
            }
            case XID_RSP -> space.learnRemote(FrameCodec.decodeDevice(f.data()));
            default -> space.arrivedFromTransport(f, irlap);
        }
    }

    @Override
    public void close() {
        closed = true;
        if (socket != null) {
            socket.close();
        }
        if (receiver != null) {
            try {
                receiver.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
