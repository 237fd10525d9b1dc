package io.jwsp.provider.atm.sw;

import io.jwsp.provider.atm.aal5.Cell;
import io.jwsp.provider.atm.addr.AtmAddress;
import io.jwsp.provider.atm.q2931.Cause;
import io.jwsp.provider.atm.q2931.InformationElement;
import io.jwsp.provider.atm.q2931.MessageType;
import io.jwsp.provider.atm.q2931.Q2931Message;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.trace.WireFrame;
import io.jwsp.spi.trace.WireTap;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated ATM switch. Each port has an AESA (the switch prefix, an ESI naming the port, selector 0) and two
 * paths to its user: signalling (Q.2931 messages, each way after the signalling latency) and cells (after the data
 * latency, then switched through the VC cross-connect and relabelled). Call control follows Q.2931: SETUP is
 * answered with CALL PROCEEDING carrying the caller's VCI (allocated from 32) and offered to the called port with
 * its own VCI; the callee's CONNECT sets up the cross-connect, is passed on as CONNECT and acknowledged with
 * CONNECT ACK; RELEASE deletes the cross-connect at once (cells still in flight are dropped), is acknowledged
 * with RELEASE COMPLETE and passed to the other party with the same cause; a callee's RELEASE COMPLETE in answer
 * to SETUP (cause 88: no SAP matched) is passed back to the caller.
 *
 * <p>Every method runs with the provider's {@link Sync} lock held.
 */
public final class AtmSwitch implements NetworkSide {
    private static final Logger LOG = LoggerFactory.getLogger(AtmSwitch.class);
    public static final int FIRST_VCI = 32;
    public static final int MAX_VCI = 0xFFFF;

    private final Sync sync;
    private final TimeSource time;
    private final SwitchTiming timing;
    private final WireTap tap;
    private final byte[] prefix;
    private final UniCapture capture;
    private final Map<Integer, Port> ports = new HashMap<>();
    private final Map<Long, Leg> crossConnect = new HashMap<>();
    private int nextPort;
    private int nextCallReference = 1;
    private CellFault cellFault = CellFault.NONE;
    private boolean signallingSilent;
    private long forwarded;
    private long droppedNoConnect;
    private long lost;
    private long signalling;
    private final Map<String, HandOver> handOvers = new HashMap<>();
    private long handOversDone;
    private long handOversRefused;

    final class Port {
        final PortAssignment assignment;
        final UserSide user;
        /** The process of the port's user, as it said when it attached (0: not said). */
        final long pid;
        /** Whether that process takes VCs other processes hand it (WSADuplicateSocket into it). */
        final boolean acceptsDuplicates;
        final BitSet vcis = new BitSet();
        int nextVci = FIRST_VCI;
        final Map<Long, Leg> legs = new HashMap<>();
        final DelayLine<byte[]> signallingUp;
        final DelayLine<byte[]> signallingDown;
        final DelayLine<byte[]> cellsUp;
        /** N(S) of the next SSCOP SD PDU the switch sends down this port. */
        int sscopSent;

        Port(PortAssignment assignment, UserSide user, long pid, boolean acceptsDuplicates) {
            this.assignment = assignment;
            this.user = user;
            this.pid = pid;
            this.acceptsDuplicates = acceptsDuplicates;
            int n = assignment.port();
            signallingUp = new DelayLine<>(sync, time, timing.signallingLatencyNanos(), m -> fromUser(n, m));
            signallingDown = new DelayLine<>(sync, time, timing.signallingLatencyNanos(), user::signalling);
            cellsUp = new DelayLine<>(sync, time, timing.dataLatencyNanos(), c -> switchCell(n, c));
        }

        String name() {
            return "port" + assignment.port();
        }

        int allocateVci() {
            for (int i = 0; i <= MAX_VCI - FIRST_VCI; i++) {
                int v = nextVci;
                nextVci = nextVci == MAX_VCI ? FIRST_VCI : nextVci + 1;
                if (!vcis.get(v)) {
                    vcis.set(v);
                    return v;
                }
            }
            return -1;
        }
    }

    /** One side of a call, on one port. */
    final class Leg {
        final Port port;
        final int callReference;
        /** Whether the user allocated the call reference (a calling leg). */
        final boolean userAllocated;
        final int vci;
        Leg other;
        long cellsIn;
        boolean connected;
        /** The hand-over this leg is the source or the target of, while it lasts. */
        HandOver handOver;
        /** Taken off its port by a hand-over: its port, VCI and call reference may be someone else's now. */
        boolean parked;

        Leg(Port port, int callReference, boolean userAllocated, int vci) {
            this.port = port;
            this.callReference = callReference;
            this.userAllocated = userAllocated;
            this.vci = vci;
            port.legs.put(key(callReference, userAllocated), this);
        }

        void send(Q2931Message m) {
            // The flag is set on messages sent by the side that did not allocate the call reference.
            down(port, m.onLeg(callReference, userAllocated).encode());
        }

        void free() {
            if (handOver != null) {
                endHandOver(handOver);
            }
            if (!parked) {
                detachFromPort();
            }
        }

        /** The leg leaves its port; the far end still points at it (a parked hand-over). */
        void detachFromPort() {
            port.legs.remove(key(callReference, userAllocated), this);
            crossConnect.remove(vcKey(port.assignment.port(), vci), this);
            port.vcis.clear(vci);
            parked = true;
        }
    }

    private static long key(int callReference, boolean userAllocated) {
        return (long) callReference << 1 | (userAllocated ? 1 : 0);
    }

    private static long vcKey(int port, int vci) {
        return (long) port << 16 | vci;
    }

    /**
     * @param prefix the 13-byte AESA prefix that names this switch
     */
    public AtmSwitch(Sync sync, TimeSource time, SwitchTiming timing, WireTap tap, byte[] prefix) {
        if (prefix.length != AtmAddress.PREFIX) {
            throw new IllegalArgumentException("an AESA prefix has 13 bytes");
        }
        this.sync = sync;
        this.time = time;
        this.timing = timing;
        this.tap = tap;
        this.prefix = prefix.clone();
        this.capture = new UniCapture(tap, time);
    }

    /** A default prefix: an ICD-format private AESA (AFI 0x47), with {@code id} in the last two bytes. */
    public static byte[] defaultPrefix(int id) {
        byte[] p = {0x47, 0x00, 0x05, (byte) 0x80, (byte) 0xFF, (byte) 0xE1, 0, 0, 0, 0, 0, 0, 0};
        p[11] = (byte) (id >>> 8);
        p[12] = (byte) id;
        return p;
    }

    /** The ESI the switch gives port {@code n}: 00-20-48-00 then the port number. */
    public static byte[] esi(int n) {
        return new byte[] {0x00, 0x20, 0x48, 0x00, (byte) (n >>> 8), (byte) n};
    }

    /** Gives a new port to {@code user}, a process that says nothing about itself. The caller holds the lock. */
    public PortAssignment attach(UserSide user) {
        return attach(user, 0, false);
    }

    /**
     * Gives a new port to {@code user} of process {@code pid}, which takes VCs handed to it when
     * {@code acceptsDuplicates}. The caller holds the lock.
     */
    public PortAssignment attach(UserSide user, long pid, boolean acceptsDuplicates) {
        int n = nextPort++;
        AtmAddress aesa = AtmAddress.aesa(prefix, esi(n), 0);
        AtmAddress e164 = AtmAddress.e164(String.format("1%03d%04d", prefix[12] & 0xFF, n));
        PortAssignment a = new PortAssignment(n, aesa, e164);
        ports.put(n, new Port(a, user, pid, acceptsDuplicates));
        capture.attached(n);
        LOG.debug("port {} attached as {}", n, aesa);
        return a;
    }

    /**
     * Takes a port away (its remote process went away): its calls are released with cause 27. The detach queues
     * behind the port's signalling already on its way, so a RELEASE sent just before is still processed first.
     */
    public void detach(int port) {
        Port p = ports.get(port);
        if (p != null) {
            p.signallingUp.put(DETACH);
        }
    }

    private static final byte[] DETACH = new byte[0];

    private void detachNow(int port) {
        Port p = ports.remove(port);
        if (p == null) {
            return;
        }
        for (Leg leg : p.legs.values().toArray(Leg[]::new)) {
            if (leg.other != null) {
                releaseFarEnd(leg.other, new Cause(Cause.LOCATION_PRIVATE_LOCAL, Cause.DESTINATION_OUT_OF_ORDER));
            }
            leg.free();
        }
    }

    public SwitchTiming timing() {
        return timing;
    }

    public byte[] prefix() {
        return prefix.clone();
    }

    /** Fault injection: which cells the switch loses. */
    public void cellFault(CellFault fault) {
        this.cellFault = fault == null ? CellFault.NONE : fault;
    }

    /** Fault injection: a silent switch ignores SETUP, so callers' T303 runs out. */
    public void signallingSilent(boolean silent) {
        this.signallingSilent = silent;
    }

    public SwitchStatistics statistics() {
        return new SwitchStatistics(forwarded, droppedNoConnect, lost, signalling, handOversDone,
                handOversRefused);
    }

    @Override
    public void signalling(int port, byte[] message) {
        Port p = ports.get(port);
        if (p != null) {
            capture.signalling(true, message);
            p.signallingUp.put(message);
        }
    }

    @Override
    public void cell(int port, byte[] cell) {
        Port p = ports.get(port);
        if (p != null) {
            capture.cellFromUser(port, cell);
            p.cellsUp.put(cell);
        }
    }

    private void fromUser(int portNumber, byte[] bytes) {
        if (bytes == DETACH) {
            detachNow(portNumber);
            return;
        }
        Port p = ports.get(portNumber);
        byte[] message = Sscop.payloadOf(bytes);
        Q2931Message m = message == null ? null : Q2931Message.decode(message);
        if (p == null || m == null) {
            return;
        }
        signalling++;
        // A message with the flag clear comes from the side that allocated the call reference: the user.
        Leg leg = p.legs.get(key(m.callReference(), !m.flag()));
        switch (m.type()) {
            case SETUP -> {
                if (leg == null && !m.flag()) {
                    setup(p, m);
                }
            }
            case CONNECT -> {
                if (leg != null && leg.other != null) {
                    leg.connected = true;
                    leg.other.connected = true;
                    crossConnect.put(vcKey(p.assignment.port(), leg.vci), leg);
                    crossConnect.put(vcKey(leg.other.port.assignment.port(), leg.other.vci), leg.other);
                    leg.other.send(Q2931Message.of(0, false, MessageType.CONNECT));
                    leg.send(Q2931Message.of(0, false, MessageType.CONNECT_ACK));
                }
            }
            case CONNECT_ACK, CALL_PROCEEDING -> {
                // Nothing to do: the caller confirms the connection, the network already proceeds.
            }
            case RELEASE -> {
                if (leg == null) {
                    sendBare(p, m, MessageType.RELEASE_COMPLETE);
                    return;
                }
                Cause cause = m.cause().orElse(Cause.NORMAL);
                Leg other = leg.other;
                leg.free(); // the cross-connect goes now: cells still in flight find nothing
                leg.send(Q2931Message.of(0, false, MessageType.RELEASE_COMPLETE));
                if (other != null) {
                    releaseFarEnd(other, cause);
                }
            }
            case RELEASE_COMPLETE -> {
                if (leg == null) {
                    return;
                }
                Leg other = leg.other;
                leg.free();
                if (other != null && leg.userAllocated) {
                    // The caller gave up (T303): the callee's half is released.
                    releaseFarEnd(other, m.cause().orElse(Cause.NORMAL));
                } else if (other != null) {
                    // A callee refused the SETUP (no SAP matched, busy): the caller hears the same cause.
                    other.other = null;
                    other.free();
                    Cause cause = m.cause().orElse(new Cause(Cause.LOCATION_USER, Cause.CALL_REJECTED));
                    other.send(Q2931Message.of(0, false, MessageType.RELEASE_COMPLETE,
                            InformationElement.cause(cause)));
                }
            }
        }
    }

    private void sendBare(Port p, Q2931Message m, MessageType type) {
        down(p, Q2931Message.of(m.callReference(), !m.flag(), type).encode());
    }

    private void setup(Port caller, Q2931Message m) {
        if (signallingSilent) {
            LOG.debug("signalling silent: SETUP from {} ignored", caller.name());
            return;
        }
        Optional<AtmAddress> called = m.element(InformationElement.CALLED_PARTY_NUMBER)
                .map(ie -> decodeNumber(ie.contents()));
        Port target = called.flatMap(this::route).orElse(null);
        if (target == null) {
            boolean ours = called.filter(AtmAddress::isAesa)
                    .map(a -> Arrays.equals(a.bytes(), 0, AtmAddress.PREFIX, prefix, 0, AtmAddress.PREFIX))
                    .orElse(false);
            int value = ours || called.map(a -> a.type() == AtmAddress.E164).orElse(false)
                    ? Cause.UNALLOCATED_NUMBER : Cause.NO_ROUTE_TO_DESTINATION;
            down(caller, Q2931Message.of(m.callReference(), true, MessageType.RELEASE_COMPLETE,
                    InformationElement.cause(new Cause(Cause.LOCATION_PRIVATE_LOCAL, value))).encode());
            return;
        }
        int callerVci = caller.allocateVci();
        int calleeVci = callerVci < 0 ? -1 : target.allocateVci();
        if (calleeVci < 0) {
            if (callerVci >= 0) {
                caller.vcis.clear(callerVci);
            }
            down(caller, Q2931Message.of(m.callReference(), true, MessageType.RELEASE_COMPLETE,
                    InformationElement.cause(new Cause(Cause.LOCATION_PRIVATE_LOCAL,
                            Cause.RESOURCE_UNAVAILABLE))).encode());
            return;
        }
        Leg a = new Leg(caller, m.callReference(), true, callerVci);
        int ref = nextCallReference;
        nextCallReference = nextCallReference == Q2931Message.MAX_CALL_REFERENCE ? 1 : nextCallReference + 1;
        Leg b = new Leg(target, ref, false, calleeVci);
        a.other = b;
        b.other = a;
        a.send(Q2931Message.of(0, false, MessageType.CALL_PROCEEDING,
                InformationElement.connectionIdentifier(0, callerVci)));
        b.send(m.with(InformationElement.connectionIdentifier(0, calleeVci)));
    }

    private Optional<Port> route(AtmAddress called) {
        for (Port p : ports.values()) {
            PortAssignment a = p.assignment;
            if (called.isAesa() && Arrays.equals(called.endSystem(), a.aesa().endSystem())) {
                return Optional.of(p);
            }
            if (called.type() == AtmAddress.E164 && called.equals(a.e164())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The switch sends a Q.2931 message down a port's UNI, in an SSCOP SD PDU. */
    private void down(Port p, byte[] message) {
        byte[] pdu = Sscop.sd(message, p.sscopSent++ & 0xFFFFFF);
        capture.signalling(false, pdu);
        p.signallingDown.put(pdu);
    }

    /**
     * The other party of a call is gone: its far end hears RELEASE with {@code cause}. A far end parked by a
     * hand-over has no port to hear it: the hand-over ends, and a later CLAIM finds nothing.
     */
    private void releaseFarEnd(Leg far, Cause cause) {
        far.other = null;
        if (far.parked) {
            far.free();
            return;
        }
        if (far.handOver != null) {
            endHandOver(far.handOver);
        }
        crossConnect.remove(vcKey(far.port.assignment.port(), far.vci), far);
        far.send(Q2931Message.of(0, false, MessageType.RELEASE, InformationElement.cause(cause)));
    }

    private void switchCell(int portNumber, byte[] cell) {
        int vci = Cell.vciOf(cell);
        Leg in = crossConnect.get(vcKey(portNumber, vci));
        String from = "port" + portNumber;
        if (in != null && in.handOver != null && in.handOver.source == in && returnedCell(in.handOver, cell)) {
            return;
        }
        if (in != null && in.other != null && in.other.handOver != null) {
            in.other.handOver.hold(cell); // the far end's VC is between two ports
            return;
        }
        if (in == null || in.other == null || !ports.containsKey(in.other.port.assignment.port())) {
            droppedNoConnect++;
            LOG.debug("{}: cell on vci {} dropped: no cross-connect (the call was released)", from, vci);
            frame(from, "switch", "CELL_DROPPED", 0, "vci " + vci + ": no cross-connect");
            return;
        }
        boolean end = Cell.endOfPdu(cell);
        if (cellFault.lose(portNumber, vci, in.cellsIn++, end)) {
            lost++;
            LOG.debug("{}: cell on vci {} lost by fault injection", from, vci);
            frame(from, "switch", "CELL_LOST", 0, "vci " + vci + (end ? " (end of PDU)" : ""));
            return;
        }
        Leg out = in.other;
        forwarded++;
        frame(from, out.port.name(), "CELL_SWITCHED", Cell.PAYLOAD, "vci " + vci + " -> " + out.vci + (end ? " AUU" : ""));
        out.port.user.cell(Cell.relabel(cell, 0, out.vci));
    }

    // ---- hand-over of a VC to another port (WSADuplicateSocket into another process)

    /**
     * A port-management message of the hand-over protocol ({@link HandOverMessage}) from port {@code portNumber}.
     * Anything malformed, unknown, from the wrong port or in the wrong stage is refused and counted; nothing here
     * trusts the message beyond the carriage's authentication.
     */
    @Override
    public void management(int portNumber, byte[] bytes) {
        Port p = ports.get(portNumber);
        HandOverMessage m = HandOverMessage.decode(bytes);
        if (p == null || m == null) {
            handOversRefused++;
            LOG.debug("port {}: malformed hand-over message dropped", portNumber);
            return;
        }
        HandOver h = handOvers.get(HandOverMessage.key(m.token()));
        HandOverMessage.Reason no = switch (m) {
            case HandOverMessage.Hold hold -> hold(p, hold);
            case HandOverMessage.Hand hand -> hand(p, h, hand);
            case HandOverMessage.Claim claim -> claim(p, h);
            case HandOverMessage.Ready ready -> ready(p, h);
            default -> HandOverMessage.Reason.BAD_STATE; // the switch's own answers never come from a port
        };
        if (no != null) {
            handOversRefused++;
            LOG.debug("port {}: hand-over message {} refused: {}", portNumber, m.getClass().getSimpleName(), no);
            p.user.management(new HandOverMessage.Refused(m.token(), no).encode());
        }
    }

    private HandOverMessage.Reason hold(Port p, HandOverMessage.Hold m) {
        Leg leg = crossConnect.get(vcKey(p.assignment.port(), m.vci()));
        if (leg == null || leg.port != p || !leg.connected || leg.other == null || leg.handOver != null
                || leg.other.handOver != null) {
            return HandOverMessage.Reason.BAD_STATE;
        }
        if (handOvers.containsKey(HandOverMessage.key(m.token()))) {
            return HandOverMessage.Reason.BAD_STATE;
        }
        boolean target = ports.values().stream().anyMatch(t -> t != p && t.pid == m.targetPid() && t.acceptsDuplicates);
        if (!target) {
            return HandOverMessage.Reason.NO_TARGET;
        }
        HandOver h = new HandOver(m.token(), m.targetPid(), leg);
        leg.handOver = h;
        handOvers.put(h.key, h);
        // everything switched to this port so far went down before the marker; what comes later is held
        p.user.cell(Cell.handOverMarker(leg.vci));
        return null;
    }

    private HandOverMessage.Reason hand(Port p, HandOver h, HandOverMessage.Hand m) {
        if (h == null) {
            return HandOverMessage.Reason.UNKNOWN_TOKEN;
        }
        if (h.source.port != p) {
            return HandOverMessage.Reason.WRONG_PORT;
        }
        if (h.stage != HandOver.Stage.HOLDING || h.returned.size() > m.returnedCells()) {
            return HandOverMessage.Reason.BAD_STATE;
        }
        h.stage = HandOver.Stage.HANDED;
        h.expectedReturned = m.returnedCells();
        h.state = m.state();
        h.expiry = time.schedule(() -> sync.run(() -> expire(h)), m.ttlMillis() * 1_000_000L);
        parkIfComplete(h);
        return null;
    }

    /** A cell from the source of {@code h} on its VC: its last data (forwarded), the marker, or returned data. */
    private boolean returnedCell(HandOver h, byte[] cell) {
        if (Cell.isHandOverMarker(cell)) {
            h.returning = true;
            return true;
        }
        if (!h.returning) {
            return false;
        }
        h.giveBack(cell);
        parkIfComplete(h);
        return true;
    }

    private void parkIfComplete(HandOver h) {
        if (!h.complete()) {
            return;
        }
        Port source = h.source.port;
        h.source.detachFromPort();
        h.stage = HandOver.Stage.PARKED;
        source.user.management(new HandOverMessage.Parked(h.token).encode());
    }

    private HandOverMessage.Reason claim(Port p, HandOver h) {
        if (h == null) {
            return HandOverMessage.Reason.UNKNOWN_TOKEN;
        }
        if (p.pid != h.targetPid || !p.acceptsDuplicates) {
            return HandOverMessage.Reason.WRONG_PORT; // the token stays good for the process it names
        }
        if (h.stage != HandOver.Stage.PARKED) {
            return HandOverMessage.Reason.BAD_STATE;
        }
        Leg far = h.source.other;
        int vci = p.allocateVci();
        if (far == null || vci < 0) {
            return HandOverMessage.Reason.NO_RESOURCES;
        }
        int ref = nextCallReference;
        nextCallReference = nextCallReference == Q2931Message.MAX_CALL_REFERENCE ? 1 : nextCallReference + 1;
        Leg target = new Leg(p, ref, false, vci);
        target.connected = true;
        target.other = far;
        far.other = target;
        target.handOver = h;
        h.source.other = null;
        h.source.handOver = null;
        h.target = target;
        h.stage = HandOver.Stage.CLAIMED;
        crossConnect.put(vcKey(p.assignment.port(), vci), target);
        p.user.management(new HandOverMessage.Claimed(h.token, ref, vci, h.state).encode());
        return null;
    }

    private HandOverMessage.Reason ready(Port p, HandOver h) {
        if (h == null) {
            return HandOverMessage.Reason.UNKNOWN_TOKEN;
        }
        if (h.stage != HandOver.Stage.CLAIMED || h.target.port != p) {
            return HandOverMessage.Reason.WRONG_PORT;
        }
        Leg target = h.target;
        endHandOver(h);
        handOversDone++;
        for (byte[] c : h.returned) {
            p.user.cell(Cell.relabel(c, 0, target.vci));
        }
        for (byte[] c : h.held) {
            forwarded++;
            p.user.cell(Cell.relabel(c, 0, target.vci));
        }
        LOG.debug("port {}: handed-over VC {} now carries {} returned and {} held cells ({} dropped)",
                p.assignment.port(), target.vci, h.returned.size(), h.held.size(), h.dropped);
        return null;
    }

    /** The time-to-live ran out before the hand-over finished: the call is released (cause 102) everywhere. */
    private void expire(HandOver h) {
        if (handOvers.get(h.key) != h) {
            return;
        }
        LOG.debug("hand-over {} expired in stage {}: the call is released", h.key.substring(0, 8), h.stage);
        Cause cause = new Cause(Cause.LOCATION_PRIVATE_LOCAL, Cause.RECOVERY_ON_TIMER_EXPIRY);
        Leg holder = h.target != null ? h.target : h.source;
        endHandOver(h);
        Leg far = holder.other;
        if (far != null) {
            releaseFarEnd(far, cause);
        }
        if (holder.parked) {
            holder.free();
        } else {
            releaseFarEnd(holder, cause);
        }
    }

    private void endHandOver(HandOver h) {
        handOvers.remove(h.key, h);
        h.cancelExpiry();
        if (h.source.handOver == h) {
            h.source.handOver = null;
        }
        if (h.target != null && h.target.handOver == h) {
            h.target.handOver = null;
        }
    }

    /** Hand-overs under way (for tests). */
    public int handOversPending() {
        return handOvers.size();
    }

    /** Decodes a Called/Calling Party Number IE: octet 5 (ext, type of number, plan: 1 E.164, 2 NSAP), digits. */
    public static AtmAddress decodeNumber(byte[] c) {
        if (c.length < 2) {
            return null;
        }
        byte[] digits = Arrays.copyOfRange(c, 1, c.length);
        try {
            return (c[0] & 0xF) == 1 ? new AtmAddress(AtmAddress.E164, digits) : AtmAddress.aesa(digits);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static byte[] encodeNumber(AtmAddress a) {
        byte[] d = a.bytes();
        byte[] c = new byte[1 + d.length];
        c[0] = (byte) (0x80 | (a.type() == AtmAddress.E164 ? 1 : 2));
        System.arraycopy(d, 0, c, 1, d.length);
        return c;
    }

    private void frame(String from, String to, String kind, int bytes, String detail) {
        if (tap.enabled()) {
            tap.frame(new WireFrame(time.nanoTime(), from, to, kind, bytes, detail));
        }
    }
}
