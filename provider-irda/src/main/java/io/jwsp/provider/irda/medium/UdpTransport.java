package io.jwsp.provider.irda.medium;

import io.jwsp.carriage.Carriage;
import io.jwsp.carriage.CarriageKey;
import io.jwsp.carriage.CarriageListener;
import io.jwsp.carriage.CarriageSettings;
import io.jwsp.carriage.CarriageStatistics;
import io.jwsp.provider.irda.frame.IrlapCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import java.util.function.BiConsumer;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The medium between processes: one frame per datagram of a {@link Carriage} (authenticated, in order, no silent
 * loss, keepalive), on loopback addresses unless the settings allow more. The sending side still spends each
 * frame's air time on its clock before the datagram leaves, so the link keeps its baud rate. Discovery is an XID
 * command to the configured peer, answered with the devices of the receiving process; any frame from an unknown
 * device also makes it known (the listener learns its callers). A peer process silent past IrLAP's disconnect
 * threshold is lost: every link to its devices fails as a link out of range does.
 *
 * <p>The frame codec is called in two places only, {@link #encode} and {@link #decode}: another codec drops in there.
 */
public final class UdpTransport implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);
    /** Devices of other processes this transport routes to, at most; the longest-known one makes room. */
    static final int MAX_ROUTES = 256;
    private static final int SOCKET_BUFFER = 1 << 20;

    private final MediumSettings settings;
    private final Object routeLock = new Object();
    /** Device id to the carriage address of its process; insertion order, so the oldest goes first. */
    private final Map<Integer, InetSocketAddress> routes = new LinkedHashMap<>();
    private final AtomicLong framesMalformed = new AtomicLong();
    private InetSocketAddress bind;
    private InetSocketAddress peer;
    private Carriage carriage;
    private IrSpace space;
    /** Who takes carriage payloads that are not IrDA frames (the hand-overs of connections between processes). */
    private volatile BiConsumer<InetSocketAddress, byte[]> otherPayloads;

    public UdpTransport(MediumSettings settings) {
        this.settings = settings;
    }

    private static InetSocketAddress address(String hostPort) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    @Override
    public void start(IrSpace target) throws IOException {
        this.space = target;
        bind = address(settings.udpBind());
        peer = settings.udpPeer() == null ? null : address(settings.udpPeer());
        byte[] key = CarriageKey.resolve(settings.udpKey(), settings.udpKeyFile(), "irda");
        CarriageSettings cs = CarriageSettings.of(key, settings.udpAllowNonLoopback(),
                Duration.ofNanos(settings.thresholdNanos()));
        carriage = Carriage.open("irda-" + bind.getPort(), bind, cs, new Listener(), SOCKET_BUFFER);
        LOG.info("IrDA UDP medium on {} (peer {})", carriage.localAddress(), peer);
        if (peer != null) {
            discover();
        }
    }

    /** The port actually bound. */
    public int localPort() {
        return carriage.localAddress().getPort();
    }

    /** What the carriage counted (datagrams refused, retransmitted, peers lost). */
    public CarriageStatistics statistics() {
        return carriage.statistics();
    }

    /** Authenticated datagrams whose frame did not decode (a peer with another codec or a bug). */
    public long framesMalformed() {
        return framesMalformed.get();
    }

    @Override
    public void send(LmpFrame frame, byte[] irlap) {
        InetSocketAddress to;
        synchronized (routeLock) {
            to = routes.get(frame.dstDevice());
        }
        if (to == null) {
            LOG.debug("no UDP route to device {}: frame dropped", DeviceInfo.hex(frame.dstDevice()));
            return;
        }
        carriage.send(to, encode(frame, irlap));
    }

    @Override
    public void discover() {
        if (peer == null) {
            return;
        }
        for (DeviceInfo d : space.localDevices()) {
            LmpFrame xid = new LmpFrame(d.id(), IrSpace.BROADCAST, LmpFrame.Kind.XID_CMD, 0, 0, 0,
                    FrameCodec.encodeDevice(d));
            carriage.send(peer, encode(xid, IrlapCodec.xid(xid)));
        }
    }

    // ---- payloads of the layer above (connections moving between processes)

    /** From now on, payloads that are not IrDA frames go to {@code taker} (on the carriage's receive thread). */
    public void onOtherPayloads(BiConsumer<InetSocketAddress, byte[]> taker) {
        this.otherPayloads = taker;
    }

    /** Queues a payload of the layer above for {@code to}, behind every frame already given for it. */
    public void sendPayload(InetSocketAddress to, byte[] payload) {
        if (payload != null) {
            carriage.send(to, payload);
        }
    }

    /** The carriage address of the process that owns {@code device}, or {@code null}. */
    public InetSocketAddress routeOf(int device) {
        synchronized (routeLock) {
            return routes.get(device);
        }
    }

    /** From now on frames for {@code device} go to {@code to} (a connection moved to that process). */
    public void learnRoute(int device, InetSocketAddress to) {
        route(device, to);
    }

    /** This transport's carriage address. */
    public InetSocketAddress localAddress() {
        return carriage.localAddress();
    }

    // ---- the codec seam

    /** The carriage's sequence numbers order the frames, so the codec's seq field is written 0. */
    private static byte[] encode(LmpFrame frame, byte[] irlap) {
        return FrameCodec.encode(0, frame.srcDevice(), frame.dstDevice(), irlap);
    }

    private static FrameCodec.Numbered decode(byte[] datagram) {
        return FrameCodec.decode(datagram, datagram.length);
    }

    // ---- what the carriage delivers

    private final class Listener implements CarriageListener {
        @Override
        public void frame(InetSocketAddress from, byte[] bytes) {
            BiConsumer<InetSocketAddress, byte[]> other = otherPayloads;
            if (other != null && !FrameCodec.isFrame(bytes)) {
                other.accept(from, bytes);
                return;
            }
            FrameCodec.Numbered n = decode(bytes);
            if (n == null) {
                framesMalformed.incrementAndGet();
                LOG.debug("not an IrDA frame from {}: dropped", from);
                return;
            }
            LmpFrame f = n.frame();
            route(f.srcDevice(), from);
            switch (f.kind()) {
                case XID_CMD -> {
                    if (learn(f)) {
                        for (DeviceInfo mine : space.localDevices()) {
                            LmpFrame xid = new LmpFrame(mine.id(), f.srcDevice(), LmpFrame.Kind.XID_RSP, 0, 0, 0,
                                    FrameCodec.encodeDevice(mine));
                            carriage.send(from, encode(xid, IrlapCodec.xid(xid)));
                        }
                    }
                }
                case XID_RSP -> learn(f);
                default -> space.arrivedFromTransport(f, n.irlap());
            }
        }

        /** Makes the device an XID frame announces known; false (and counted) when its payload is malformed. */
        private boolean learn(LmpFrame xid) {
            DeviceInfo d = FrameCodec.decodeDevice(xid.data());
            if (d == null) {
                framesMalformed.incrementAndGet();
                return false;
            }
            space.learnRemote(d);
            return true;
        }

        @Override
        public void peerLost(InetSocketAddress from, String why) {
            List<Integer> gone = new ArrayList<>();
            synchronized (routeLock) {
                for (Iterator<Map.Entry<Integer, InetSocketAddress>> it = routes.entrySet().iterator();
                     it.hasNext(); ) {
                    Map.Entry<Integer, InetSocketAddress> e = it.next();
                    if (e.getValue().equals(from)) {
                        gone.add(e.getKey());
                        it.remove();
                    }
                }
            }
            LOG.info("IrDA peer process {} lost ({}): its devices {} go out of range", from, why,
                    gone.stream().map(DeviceInfo::hex).toList());
            space.remoteDevicesLost(gone);
        }
    }

    private void route(int device, InetSocketAddress from) {
        synchronized (routeLock) {
            InetSocketAddress old = routes.get(device);
            if (from.equals(old)) {
                return;
            }
            routes.remove(device);
            if (routes.size() >= MAX_ROUTES) {
                Iterator<Integer> oldest = routes.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            routes.put(device, from);
        }
    }

    /**
     * Lets what was given to the carriage reach every process it was for, bounded by the disconnect threshold in
     * all: a process that exits after its last close (or after handing a connection over) leaves nothing half-sent.
     * Call it without the space's lock (the carriage delivers frames under it).
     */
    public void drain() {
        if (carriage == null) {
            return;
        }
        Set<InetSocketAddress> peers;
        synchronized (routeLock) {
            peers = new HashSet<>(routes.values());
        }
        long deadline = System.nanoTime() + settings.thresholdNanos();
        try {
            for (InetSocketAddress p : peers) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !carriage.drain(p, Duration.ofNanos(left))) {
                    LOG.debug("IrDA UDP medium: frames to {} not all acknowledged at close", p);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (carriage == null) {
            return;
        }
        carriage.close();
    }
}
