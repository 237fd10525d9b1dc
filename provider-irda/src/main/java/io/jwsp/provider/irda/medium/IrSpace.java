package io.jwsp.provider.irda.medium;

import io.jwsp.provider.irda.frame.Decoded;
import io.jwsp.provider.irda.frame.IrlapCodec;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.trace.CaptureLink;
import io.jwsp.spi.trace.WireFrame;
import io.jwsp.spi.trace.WirePacket;
import io.jwsp.spi.trace.WireTap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated infrared space: devices with addresses, nicknames and hints, an in-range matrix (every pair is in
 * range until told otherwise), and one IrLAP link per device pair carrying frames in order, each taking its air
 * time at the configured baud rate on the provider's clock. Owned by one provider instance: two runtimes never
 * share a space. Devices of other processes appear through a {@link Transport} (UDP on 127.0.0.1).
 *
 * <p>One lock guards the space and the IrLMP stack above it: the stack is small, the medium slow, and one lock
 * rules out ordering mistakes between a socket, its link and its peer. Every wait goes through the provider's
 * {@link TimeSource} on {@link #changed()}, which is signalled on every change.
 */
public final class IrSpace {
    private static final Logger LOG = LoggerFactory.getLogger(IrSpace.class);
    public static final int BROADCAST = 0xFFFFFFFF;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final TimeSource clock;
    private final WireTap tap;
    private final MediumSettings settings;
    private final Map<Integer, DeviceInfo> local = new LinkedHashMap<>();
    private final Map<Integer, DeviceInfo> remote = new LinkedHashMap<>();
    private final Set<Long> outOfRange = new HashSet<>();
    private final Map<Long, IrLink> links = new HashMap<>();
    private FrameSink sink;
    private Transport transport;
    private int discoveryGeneration;
    private int nextConnAddr = 1;

    public IrSpace(TimeSource clock, WireTap tap, MediumSettings settings) {
        this.clock = clock;
        this.tap = tap;
        this.settings = settings;
        for (int i = 0; i < settings.localDevices(); i++) {
            String nick = i == 0 ? settings.nickname() : settings.nickname() + "-" + (i + 1);
            DeviceInfo d = DeviceInfo.computer(settings.firstDeviceId() + i, nick);
            local.put(d.id(), d);
        }
    }

    public void attach(FrameSink frameSink) {
        this.sink = frameSink;
    }

    /** Connects this space to other processes; call before the first frame. */
    public void useTransport(Transport t) throws java.io.IOException {
        this.transport = t;
        t.start(this);
    }

    public ReentrantLock lock() {
        return lock;
    }

    /** Signalled (under {@link #lock()}) on every change of the space or the stack above it. */
    public Condition changed() {
        return changed;
    }

    public TimeSource clock() {
        return clock;
    }

    public MediumSettings settings() {
        return settings;
    }

    // ---- devices and range

    public List<DeviceInfo> localDevices() {
        lock.lock();
        try {
            return List.copyOf(local.values());
        } finally {
            lock.unlock();
        }
    }

    /** The first local device: where sockets live unless they bind elsewhere. */
    public DeviceInfo primaryDevice() {
        lock.lock();
        try {
            return local.values().iterator().next();
        } finally {
            lock.unlock();
        }
    }

    /** Adds a simulated device to this space, in range of every other. */
    public DeviceInfo addDevice(DeviceInfo device) {
        lock.lock();
        try {
            if (local.containsKey(device.id()) || remote.containsKey(device.id())) {
                throw new IllegalArgumentException("device " + device.idHex() + " exists");
            }
            local.put(device.id(), device);
            changed.signalAll();
            return device;
        } finally {
            lock.unlock();
        }
    }

    public boolean isLocal(int id) {
        lock.lock();
        try {
            return local.containsKey(id);
        } finally {
            lock.unlock();
        }
    }

    public boolean isKnown(int id) {
        lock.lock();
        try {
            return local.containsKey(id) || remote.containsKey(id);
        } finally {
            lock.unlock();
        }
    }

    public boolean inRange(int a, int b) {
        lock.lock();
        try {
            return a != b && isKnown(a) && isKnown(b) && !outOfRange.contains(IrLink.key(a, b));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves two devices in or out of each other's range. A link out of range stops carrying frames; past the
     * disconnect threshold it fails and every connection over it is reset on both sides.
     */
    public void setInRange(int a, int b, boolean inRange) {
        lock.lock();
        try {
            long key = IrLink.key(a, b);
            IrLink link = links.get(key);
            if (inRange) {
                outOfRange.remove(key);
                if (link != null) {
                    if (link.thresholdTimer != null) {
                        link.thresholdTimer.cancel();
                        link.thresholdTimer = null;
                    }
                    kick(link);
                }
            } else {
                outOfRange.add(key);
                if (link != null && link.thresholdTimer == null) {
                    link.thresholdTimer = clock.schedule(() -> thresholdPassed(link), settings.thresholdNanos());
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Devices a discovery from {@code from} finds: in range, other than itself. Traced as an XID exchange. */
    public List<DeviceInfo> discover(int from) {
        lock.lock();
        try {
            trace(new WireFrame(clock.nanoTime(), DeviceInfo.hex(from), DeviceInfo.hex(BROADCAST), "XID", 0,
                    "0x2F discovery command"));
            DeviceInfo self = local.get(from);
            if (self != null && tap.capturing()) {
                capture(IrlapCodec.xid(new LmpFrame(from, BROADCAST, LmpFrame.Kind.XID_CMD, 0, 0, 0,
                        FrameCodec.encodeDevice(self))), true);
            }
            List<DeviceInfo> found = new ArrayList<>();
            for (DeviceInfo d : allDevices()) {
                if (d.id() != from && inRange(from, d.id())) {
                    found.add(d);
                    trace(new WireFrame(clock.nanoTime(), d.idHex(), DeviceInfo.hex(from), "XID", 0,
                            "0xAF discovery response, " + d.nickname()));
                    if (tap.capturing()) {
                        capture(IrlapCodec.xid(new LmpFrame(d.id(), from, LmpFrame.Kind.XID_RSP, 0, 0, 0,
                                FrameCodec.encodeDevice(d))), local.containsKey(d.id()));
                    }
                }
            }
            return found;
        } finally {
            lock.unlock();
        }
    }

    /** Asks other processes to answer a discovery (no-op in process); answers a generation to wait on. */
    public int requestRemoteDiscovery() {
        lock.lock();
        try {
            int gen = discoveryGeneration;
            if (transport != null) {
                transport.discover();
            }
            return gen;
        } finally {
            lock.unlock();
        }
    }

    /** Counts device announcements from other processes. */
    public int discoveryGeneration() {
        lock.lock();
        try {
            return discoveryGeneration;
        } finally {
            lock.unlock();
        }
    }

    public boolean overTransport() {
        return transport != null;
    }

    /** A device of another process announced itself (an XID exchange over the transport). */
    public void learnRemote(DeviceInfo device) {
        lock.lock();
        try {
            if (!local.containsKey(device.id())) {
                DeviceInfo old = remote.put(device.id(), device);
                if (!device.equals(old)) {
                    LOG.debug("discovered remote IrDA device {} ({})", device.idHex(), device.nickname());
                }
                discoveryGeneration++;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private List<DeviceInfo> allDevices() {
        List<DeviceInfo> all = new ArrayList<>(local.values());
        all.addAll(remote.values());
        return all;
    }

    // ---- frames

    /** Queues a frame on the link between its devices (bringing the link up with SNRM/UA the first time). */
    public void transmit(LmpFrame frame) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("transmit needs the space's lock");
        }
        IrLink link = links.get(IrLink.key(frame.srcDevice(), frame.dstDevice()));
        if (link == null) {
            link = new IrLink(frame.srcDevice(), frame.dstDevice(), nextConnAddr);
            nextConnAddr = nextConnAddr == 0x7E ? 1 : nextConnAddr + 1;
            links.put(link.key(), link);
            String a = DeviceInfo.hex(frame.srcDevice());
            String b = DeviceInfo.hex(frame.dstDevice());
            trace(new WireFrame(clock.nanoTime(), a, b, "SNRM", 0,
                    "0x83, QoS baud " + settings.baud() + ", data size " + settings.dataSize() + ", window "
                            + settings.window() + ", threshold " + settings.thresholdNanos() / 1_000_000 + " ms"));
            trace(new WireFrame(clock.nanoTime(), b, a, "UA", 0, "0x63"));
            if (tap.capturing()) {
                capture(IrlapCodec.snrm(frame.srcDevice(), frame.dstDevice(), link.connAddr, settings), true);
                capture(IrlapCodec.ua(frame.dstDevice(), frame.srcDevice(), link.connAddr, settings),
                        local.containsKey(frame.dstDevice()));
            }
            if (outOfRange.contains(link.key())) {
                final IrLink l = link;
                link.thresholdTimer = clock.schedule(() -> thresholdPassed(l), settings.thresholdNanos());
            }
        }
        link.queue.add(frame);
        kick(link);
    }

    /** Drops queued frames (not the one in the air) that match; answers how many. */
    public int flush(Predicate<LmpFrame> which) {
        int n = 0;
        for (IrLink link : links.values()) {
            int before = link.queue.size();
            link.queue.removeIf(which);
            n += before - link.queue.size();
        }
        return n;
    }

    /** Frames still waiting for, or in, their air time that match. */
    public int pending(Predicate<LmpFrame> which) {
        int n = 0;
        for (IrLink link : links.values()) {
            if (link.inAir != null && which.test(link.inAir)) {
                n++;
            }
            for (LmpFrame f : link.queue) {
                if (which.test(f)) {
                    n++;
                }
            }
        }
        return n;
    }

    private boolean linkUsable(IrLink link) {
        return !outOfRange.contains(link.key()) && links.get(link.key()) == link;
    }

    private void kick(IrLink link) {
        if (!linkUsable(link)) {
            return;
        }
        if (!settings.timed()) {
            if (link.draining) {
                return;
            }
            link.draining = true;
            try {
                LmpFrame f;
                while (linkUsable(link) && (f = link.queue.poll()) != null) {
                    complete(link, f);
                }
            } finally {
                link.draining = false;
            }
            return;
        }
        if (link.inAir != null || link.queue.isEmpty()) {
            return;
        }
        LmpFrame f = link.queue.poll();
        link.inAir = f;
        link.airTimer = clock.schedule(() -> airTimeOver(link, f), settings.airNanos(f.airBytes()));
    }

    private void airTimeOver(IrLink link, LmpFrame f) {
        lock.lock();
        try {
            if (link.inAir != f) {
                return;
            }
            link.inAir = null;
            if (!linkUsable(link)) {
                // the receiver never heard it: IrLAP sends it again once the link is back
                link.queue.addFirst(f);
                return;
            }
            complete(link, f);
            kick(link);
        } finally {
            lock.unlock();
        }
    }

    private void complete(IrLink link, LmpFrame f) {
        trace(new WireFrame(clock.nanoTime(), f.fromText(), f.toText(), f.traceKind(), f.data().length,
                f.traceDetail()));
        byte[] head = onAir(link, f);
        byte[] tail = IrlapCodec.tail(f);
        sink.frameTransmitted(f);
        if (local.containsKey(f.dstDevice())) {
            // the receiver hears the octets (the header's, and the payload gathered behind them), not the object
            switch (IrlapCodec.decode(head, tail, f.srcDevice(), f.dstDevice())) {
                case Decoded.Frame(LmpFrame heard) -> sink.frameArrived(heard);
                case Decoded.Malformed(String why) -> LOG.warn("frame {} did not decode: {}", f.traceKind(), why);
                case Decoded.LinkControl c -> LOG.warn("I-frame decoded as {}", c.name());
            }
        } else if (transport != null) {
            transport.send(f, IrlapCodec.contiguous(head, tail));
        } else {
            LOG.debug("frame to unknown device {} dropped", DeviceInfo.hex(f.dstDevice()));
        }
        turnRound(link, f);
        changed.signalAll();
    }

    /**
     * The I-frame's head octets ({@link IrlapCodec#head}): the link's address, the sender's N(S) and N(R), P/F on the
     * last frame of a burst.
     */
    private byte[] onAir(IrLink link, LmpFrame f) {
        int ns = link.countSent(f.srcDevice());
        int nr = link.receivedBy(f.srcDevice());
        LmpFrame next = link.queue.peek();
        int burst = link.burstSource == f.srcDevice() ? link.burstCount + 1 : 1;
        boolean pf = burst >= settings.window() || next == null || next.srcDevice() != f.srcDevice();
        byte[] head = IrlapCodec.head(f, link.connAddr, f.srcDevice() == link.primary, ns, nr, pf);
        if (tap.capturing()) {
            capture(IrlapCodec.contiguous(head, IrlapCodec.tail(f)), true);
        }
        return head;
    }

    /** Hands a frame to a packet capture: LINKTYPE_LINUX_IRDA, outgoing when a device of this space sent it. */
    private void capture(byte[] irlap, boolean outgoing) {
        byte[] p = new byte[IRDA_SLL_HEADER + irlap.length];
        p[1] = (byte) (outgoing ? 4 : 0);
        p[15] = 0x17; // sll_protocol: ETH_P_IRDA
        System.arraycopy(irlap, 0, p, IRDA_SLL_HEADER, irlap.length);
        tap.packet(new WirePacket(clock.nanoTime(), "irda", CaptureLink.LINUX_IRDA, p));
    }

    /** The Linux cooked header of an IrDA capture: packet type, 12 unused octets, protocol. */
    private static final int IRDA_SLL_HEADER = 16;

    /** The receiver answers a window of I-frames (or the end of a burst) with RR: traced, no air time modelled. */
    private void turnRound(IrLink link, LmpFrame f) {
        if (f.kind() != LmpFrame.Kind.DATA) {
            return;
        }
        if (link.burstSource == f.srcDevice()) {
            link.burstCount++;
        } else {
            link.burstSource = f.srcDevice();
            link.burstCount = 1;
        }
        LmpFrame next = link.queue.peek();
        if (link.burstCount >= settings.window() || next == null || next.srcDevice() != f.srcDevice()) {
            trace(new WireFrame(clock.nanoTime(), DeviceInfo.hex(f.dstDevice()), DeviceInfo.hex(f.srcDevice()),
                    "RR", 0, "0x01, after " + link.burstCount + " I-frame(s)"));
            if (tap.capturing()) {
                capture(IrlapCodec.rr(link.connAddr, f.dstDevice() == link.primary, link.receivedBy(f.dstDevice())),
                        local.containsKey(f.dstDevice()));
            }
            link.burstCount = 0;
        }
    }

    private void thresholdPassed(IrLink link) {
        lock.lock();
        try {
            link.thresholdTimer = null;
            if (!outOfRange.contains(link.key()) || links.get(link.key()) != link) {
                return;
            }
            fail(link, "link silent past " + settings.thresholdNanos() / 1_000_000 + " ms");
        } finally {
            lock.unlock();
        }
    }

    /** IrLAP's disconnect: the link goes, and every connection over it is reset on both of its devices. */
    private void fail(IrLink link, String why) {
        links.remove(link.key());
        if (link.airTimer != null) {
            link.airTimer.cancel();
        }
        if (link.thresholdTimer != null) {
            link.thresholdTimer.cancel();
            link.thresholdTimer = null;
        }
        link.inAir = null;
        link.queue.clear();
        LOG.info("IrLAP link {}-{} dropped: {}", DeviceInfo.hex(link.low), DeviceInfo.hex(link.high), why);
        trace(new WireFrame(clock.nanoTime(), DeviceInfo.hex(link.low), DeviceInfo.hex(link.high), "DISCONNECT",
                0, "reason 2 (unexpected IrLAP disconnect): " + why + ", raised on both devices"));
        sink.linkLost(link.low, link.high);
        changed.signalAll();
    }

    /**
     * The process that owns these devices went silent past the disconnect threshold (the transport's keepalive
     * saw it): every link to them fails as a link out of range does, and they are forgotten until discovered again.
     */
    public void remoteDevicesLost(List<Integer> devices) {
        lock.lock();
        try {
            for (IrLink link : List.copyOf(links.values())) {
                if (devices.contains(link.low) || devices.contains(link.high)) {
                    fail(link, "peer process silent past " + settings.thresholdNanos() / 1_000_000 + " ms");
                }
            }
            for (Integer d : devices) {
                remote.remove(d);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A frame from another process arrived (the transport's receive thread). */
    public void arrivedFromTransport(LmpFrame f, byte[] irlap) {
        lock.lock();
        try {
            if (tap.capturing()) {
                capture(irlap, false);
            }
            if (!local.containsKey(f.dstDevice())) {
                LOG.debug("frame for {} is not for this space", DeviceInfo.hex(f.dstDevice()));
                return;
            }
            if (!remote.containsKey(f.srcDevice())) {
                remote.put(f.srcDevice(), DeviceInfo.computer(f.srcDevice(), "?"));
                discoveryGeneration++;
            }
            if (outOfRange.contains(IrLink.key(f.srcDevice(), f.dstDevice()))) {
                return;
            }
            trace(new WireFrame(clock.nanoTime(), f.fromText(), f.toText(), f.traceKind(), f.data().length,
                    f.traceDetail() + " (received)"));
            sink.frameArrived(f);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void trace(WireFrame frame) {
        if (tap.enabled()) {
            tap.frame(frame);
        }
    }

    /** Stops the transport and every timer; frames still queued are dropped. */
    public void close() {
        Transport t;
        lock.lock();
        try {
            for (IrLink link : links.values()) {
                if (tap.capturing() && !outOfRange.contains(link.key())) {
                    // the provider goes away: the primary closes its link
                    capture(IrlapCodec.disc(link.connAddr), local.containsKey(link.primary));
                    capture(IrlapCodec.ua(link.connAddr), true);
                }
                if (link.airTimer != null) {
                    link.airTimer.cancel();
                }
                if (link.thresholdTimer != null) {
                    link.thresholdTimer.cancel();
                }
                link.queue.clear();
                link.inAir = null;
            }
            links.clear();
            t = transport;
            transport = null;
        } finally {
            lock.unlock();
        }
        if (t != null) {
            t.close();
        }
    }
}
