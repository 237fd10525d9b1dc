package io.jwsp.provider.atm;

import io.jwsp.provider.atm.aal5.Aal5;
import io.jwsp.provider.atm.aal5.Aal5Reassembler;
import io.jwsp.provider.atm.aal5.Cell;
import io.jwsp.provider.atm.addr.AtmAddress;
import io.jwsp.provider.atm.addr.AtmSockAddr;
import io.jwsp.provider.atm.addr.Bhli;
import io.jwsp.provider.atm.addr.Blli;
import io.jwsp.provider.atm.q2931.Cause;
import io.jwsp.provider.atm.q2931.InformationElement;
import io.jwsp.provider.atm.q2931.MessageType;
import io.jwsp.provider.atm.q2931.Q2931Message;
import io.jwsp.provider.atm.sw.AtmSwitch;
import io.jwsp.provider.atm.sw.HandOverMessage;
import io.jwsp.provider.atm.sw.NetworkSide;
import io.jwsp.provider.atm.sw.PortAssignment;
import io.jwsp.provider.atm.sw.Sscop;
import io.jwsp.provider.atm.sw.UserSide;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.time.Cancellable;
import io.jwsp.spi.trace.WireFrame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ATM adapter (a device, a port on the switch) and the user-side signalling entity behind it (sigd's role):
 * places and answers calls with Q.2931 on the signalling path, and moves AAL5 PDUs as cells on the data path. The
 * transmit queue drains one cell per cell interval on the provider's clock. Every method runs under the provider's
 * lock.
 */
final class AtmAdapter implements UserSide {
    private static final Logger LOG = LoggerFactory.getLogger(AtmAdapter.class);
    /** How soon a transmit queue the network did not take asks again. */
    private static final long BACKPRESSURE_RETRY_NANOS = 1_000_000;

    private record Outgoing(Call call, byte[] cell, int sduBytes) {
    }

    final int device;
    private final AtmProvider provider;
    private PortAssignment port;
    private NetworkSide network;
    private final Map<Long, Call> calls = new HashMap<>();
    private final Map<Integer, Call> byVci = new HashMap<>();
    private final ArrayDeque<Outgoing> transmitQueue = new ArrayDeque<>();
    /** Calls this adapter is handing to another process, by token, until the switch parks or refuses them. */
    private final Map<String, Call> handing = new HashMap<>();
    /** WSASocket(FROM_PROTOCOL_INFO) calls waiting for the switch, by token. */
    private final Map<String, PendingClaim> claims = new HashMap<>();
    private long headDeparture;
    private long lastDeparture = Long.MIN_VALUE;
    private Cancellable drainTimer;
    private int nextCallReference = 1;
    /** N(S) of the next SSCOP SD PDU this side of the UNI sends on the signalling channel. */
    private int sscopSent;
    private long cellsReceived;
    private long cellsBadHec;
    private long cellsUnknownVci;
    private long cellsAfterRelease;
    private long pdusDelivered;
    private long pdusDiscardedAal5;
    private long pdusDroppedReceiveFull;
    private long pdusDroppedClosed;

    AtmAdapter(AtmProvider provider, int device) {
        this.provider = provider;
        this.device = device;
    }

    void connectTo(NetworkSide net, PortAssignment assignment) {
        this.network = net;
        this.port = assignment;
    }

    PortAssignment port() {
        return port;
    }

    NetworkSide network() {
        return network;
    }

    /** The AESA with selector 0. */
    AtmAddress address() {
        return port.aesa();
    }

    boolean owns(AtmAddress a) {
        if (a.type() == AtmAddress.E164) {
            return a.equals(port.e164());
        }
        return a.bytes().length == AtmAddress.ADDR_SIZE
                && java.util.Arrays.equals(a.endSystem(), port.aesa().endSystem());
    }

    static long key(int callReference, boolean userAllocated) {
        return (long) callReference << 1 | (userAllocated ? 1 : 0);
    }

    private String name() {
        return "port" + port.port();
    }

    // ---- outgoing calls

    /** Sends SETUP for {@code endpoint} to {@code destination}; T303 runs until the network answers. */
    Call placeCall(VcEndpoint endpoint, AtmSockAddr calling, AtmSockAddr destination) {
        int ref = nextCallReference;
        nextCallReference = nextCallReference == Q2931Message.MAX_CALL_REFERENCE ? 1 : nextCallReference + 1;
        Call call = new Call(this, ref, true);
        call.endpoint = endpoint;
        call.state = CallState.CALL_INITIATED;
        calls.put(call.key(), call);
        List<InformationElement> ies = new ArrayList<>();
        ies.add(InformationElement.aal5Parameters(Aal5.MAX_SDU, Aal5.MAX_SDU));
        if (!destination.bhli().isAbsent()) {
            ies.add(new InformationElement(InformationElement.BHLI, destination.bhli().encode()));
        }
        if (!destination.blli().isAbsent()) {
            ies.add(new InformationElement(InformationElement.BLLI, destination.blli().encode()));
        }
        ies.add(new InformationElement(InformationElement.CALLED_PARTY_NUMBER,
                AtmSwitch.encodeNumber(destination.number())));
        ies.add(new InformationElement(InformationElement.CALLING_PARTY_NUMBER,
                AtmSwitch.encodeNumber(calling.number())));
        call.setup = new Q2931Message(ref, false, MessageType.SETUP, ies).encode();
        sendSignalling(call.setup);
        armT303(call);
        return call;
    }

    private void armT303(Call call) {
        long t303 = provider.timing().t303Nanos();
        call.t303 = provider.time().schedule(() -> provider.sync().run(() -> t303Expired(call)), t303);
    }

    private void t303Expired(Call call) {
        if (call.state != CallState.CALL_INITIATED) {
            return;
        }
        call.t303Expiries++;
        if (call.t303Expiries == 1) {
            LOG.debug("T303 expired once for call {}: SETUP again", call.callReference);
            sendSignalling(call.setup);
            armT303(call);
            return;
        }
        LOG.debug("T303 expired twice for call {}: cleared", call.callReference);
        sendSignalling(message(call, MessageType.RELEASE_COMPLETE,
                InformationElement.cause(new Cause(Cause.LOCATION_USER, Cause.RECOVERY_ON_TIMER_EXPIRY))));
        forget(call);
        call.endpoint.callFailed(WsaError.WSAETIMEDOUT);
    }

    // ---- incoming calls and every other message

    @Override
    public void signalling(byte[] pdu) {
        byte[] bytes = Sscop.payloadOf(pdu);
        Q2931Message m = bytes == null ? null : Q2931Message.decode(bytes);
        if (m == null) {
            return;
        }
        trace("switch", name(), m);
        // The flag is set when the message comes from the side that did not allocate the reference: then we did.
        Call call = calls.get(key(m.callReference(), m.flag()));
        if (m.type() == MessageType.SETUP) {
            if (call == null && !m.flag()) {
                incomingSetup(m);
            }
            return;
        }
        if (call == null) {
            if (m.type() == MessageType.RELEASE) {
                sendSignalling(Q2931Message.of(m.callReference(), !m.flag(), MessageType.RELEASE_COMPLETE).encode());
            }
            return;
        }
        switch (m.type()) {
            case CALL_PROCEEDING -> {
                if (call.state == CallState.CALL_INITIATED) {
                    cancelT303(call);
                    call.state = CallState.OUTGOING_CALL_PROCEEDING;
                    call.vci = m.vci();
                    byVci.put(call.vci, call);
                }
            }
            case CONNECT -> {
                if (call.state == CallState.OUTGOING_CALL_PROCEEDING || call.state == CallState.CALL_INITIATED) {
                    cancelT303(call);
                    call.state = CallState.ACTIVE;
                    sendSignalling(message(call, MessageType.CONNECT_ACK));
                    call.endpoint.callConnected();
                }
            }
            case CONNECT_ACK -> {
                if (call.state == CallState.CONNECT_REQUEST) {
                    call.state = CallState.ACTIVE;
                }
            }
            case RELEASE -> {
                // The peer (or the network) cleared the call: acknowledge, stop the VC, tell the socket.
                Cause cause = m.cause().orElse(Cause.NORMAL);
                sendSignalling(message(call, MessageType.RELEASE_COMPLETE));
                boolean wasSetup = call.state == CallState.CALL_INITIATED
                        || call.state == CallState.OUTGOING_CALL_PROCEEDING;
                forget(call);
                call.releaseCause = cause;
                if (wasSetup) {
                    call.endpoint.callFailed(cause.connectError());
                } else {
                    call.endpoint.callReleased(cause);
                }
            }
            case RELEASE_COMPLETE -> {
                boolean wasSetup = call.state == CallState.CALL_INITIATED
                        || call.state == CallState.OUTGOING_CALL_PROCEEDING;
                forget(call);
                if (wasSetup) {
                    Cause cause = m.cause().orElse(new Cause(Cause.LOCATION_USER, Cause.CALL_REJECTED));
                    call.releaseCause = cause;
                    call.endpoint.callFailed(cause.connectError());
                }
            }
            case SETUP -> {
                // handled above
            }
        }
    }

    @Override
    public void networkLost(Cause cause) {
        LOG.warn("{}: the switch is gone: {} call(s) released with {}", name(), calls.size(), cause);
        transmitQueue.clear();
        if (drainTimer != null) {
            drainTimer.cancel();
            drainTimer = null;
        }
        for (Call call : List.copyOf(calls.values())) {
            boolean wasSetup = call.state == CallState.CALL_INITIATED
                    || call.state == CallState.OUTGOING_CALL_PROCEEDING;
            boolean active = call.state != CallState.RELEASE_REQUEST && call.state != CallState.NULL;
            call.cellsQueued = 0;
            call.bytesQueued = 0;
            forget(call);
            call.releaseCause = cause;
            if (call.endpoint == null || !active) {
                continue;
            }
            if (wasSetup) {
                call.endpoint.callFailed(cause.connectError());
            } else {
                call.endpoint.callReleased(cause);
            }
        }
        provider.sync().signalAll();
    }

    private void incomingSetup(Q2931Message m) {
        AtmAddress called = m.element(InformationElement.CALLED_PARTY_NUMBER)
                .map(ie -> AtmSwitch.decodeNumber(ie.contents())).orElse(null);
        AtmAddress calling = m.element(InformationElement.CALLING_PARTY_NUMBER)
                .map(ie -> AtmSwitch.decodeNumber(ie.contents())).orElse(null);
        Blli blli = m.element(InformationElement.BLLI).map(ie -> Blli.decode(ie.contents())).orElse(Blli.ABSENT);
        Bhli bhli = m.element(InformationElement.BHLI).map(ie -> Bhli.decode(ie.contents())).orElse(Bhli.ABSENT);
        Call call = new Call(this, m.callReference(), false);
        call.vci = m.vci();
        CallAcceptor listener = called == null ? null : provider.listenerFor(this, called, blli, bhli);
        if (listener == null || !listener.hasBacklogRoom()) {
            int value = listener == null ? Cause.INCOMPATIBLE_DESTINATION : Cause.USER_BUSY;
            LOG.debug("SETUP to {} refused with cause {}", called, value);
            sendSignalling(message(call, MessageType.RELEASE_COMPLETE,
                    InformationElement.cause(new Cause(Cause.LOCATION_USER, value))));
            return;
        }
        call.state = CallState.CONNECT_REQUEST;
        calls.put(call.key(), call);
        byVci.put(call.vci, call);
        AtmSockAddr local = new AtmSockAddr(called, blli, bhli);
        AtmSockAddr peer = calling == null ? null : AtmSockAddr.of(calling);
        // The adapter answers as soon as the call is queued for accept, as a TCP stack completes its handshake
        // before accept; an accept condition that rejects it later clears the call with cause 21.
        listener.incomingCall(call, local, peer);
        sendSignalling(message(call, MessageType.CONNECT));
    }

    private void cancelT303(Call call) {
        if (call.t303 != null) {
            call.t303.cancel();
            call.t303 = null;
        }
    }

    private void forget(Call call) {
        cancelT303(call);
        call.state = CallState.NULL;
        call.discardIncoming = true;
        call.reassembler.reset();
        calls.remove(call.key());
        if (call.vci >= 0 && byVci.get(call.vci) == call) {
            byVci.remove(call.vci);
        }
    }

    /**
     * The local side clears the call (close, shutdown SD_SEND/SD_BOTH, a rejected accept): RELEASE goes on the
     * signalling path at once, whatever still waits in the transmit queue. The VC stops receiving now.
     */
    void release(Call call, Cause cause) {
        switch (call.state) {
            case NULL, RELEASE_REQUEST, RELEASE_INDICATION -> {
                return;
            }
            default -> {
            }
        }
        cancelT303(call);
        call.state = CallState.RELEASE_REQUEST;
        call.discardIncoming = true;
        call.reassembler.reset();
        if (call.vci >= 0 && byVci.get(call.vci) == call) {
            byVci.remove(call.vci);
        }
        sendSignalling(message(call, MessageType.RELEASE, InformationElement.cause(cause)));
    }

    private byte[] message(Call call, MessageType type, InformationElement... ies) {
        return Q2931Message.of(call.callReference, !call.userAllocated, type, ies).encode();
    }

    private void sendSignalling(byte[] bytes) {
        Q2931Message m = Q2931Message.decode(bytes);
        trace(name(), "switch", m);
        network.signalling(port.port(), Sscop.sd(bytes, sscopSent++ & 0xFFFFFF));
    }

    // ---- the data path

    /** Segments {@code sdu} into cells and queues them behind whatever the adapter is already sending. */
    void transmit(Call call, byte[] sdu) {
        List<byte[]> cells = Aal5.segment(sdu, 0, call.vci);
        for (int i = 0; i < cells.size(); i++) {
            transmitQueue.add(new Outgoing(call, cells.get(i), i == cells.size() - 1 ? sdu.length : 0));
        }
        call.cellsQueued += cells.size();
        call.bytesQueued += sdu.length;
        startDrain();
    }

    private void startDrain() {
        if (drainTimer == null) {
            long now = provider.time().nanoTime();
            long interval = provider.timing().cellIntervalNanos();
            headDeparture = Math.max(now, lastDeparture == Long.MIN_VALUE ? now : lastDeparture) + interval;
            armDrain();
        }
    }

    private void armDrain() {
        if (provider.timing().cellIntervalNanos() == 0) {
            drainTimer = () -> false;
            provider.sync().defer(() -> provider.sync().run(this::drain));
            return;
        }
        long wait = headDeparture - provider.time().nanoTime();
        drainTimer = provider.time().schedule(() -> provider.sync().run(this::drain), Math.max(0, wait));
    }

    private void drain() {
        if (drainTimer == null) {
            return; // purged or stopped since
        }
        drainTimer = null;
        long now = provider.time().nanoTime();
        long interval = provider.timing().cellIntervalNanos();
        boolean anyCallEmptied = false;
        while (!transmitQueue.isEmpty() && headDeparture <= now) {
            if (!network.cellsAccepted()) {
                headDeparture = now + BACKPRESSURE_RETRY_NANOS;
                drainTimer = provider.time().schedule(() -> provider.sync().run(this::drain),
                        BACKPRESSURE_RETRY_NANOS);
                break;
            }
            Outgoing o = transmitQueue.poll();
            lastDeparture = headDeparture;
            headDeparture += interval;
            o.call.cellsQueued--;
            o.call.bytesQueued -= o.sduBytes;
            if (o.call.cellsQueued == 0) {
                anyCallEmptied = true;
            }
            if (provider.tap().enabled()) {
                provider.tap().frame(new WireFrame(now, name(), "switch", "CELL", Cell.PAYLOAD,
                        "vci " + Cell.vciOf(o.cell) + (Cell.endOfPdu(o.cell) ? " AUU" : "")));
            }
            network.cell(port.port(), o.cell);
            if (o.sduBytes > 0 && o.call.endpoint != null) {
                o.call.endpoint.pduLeftAdapter();
            }
        }
        if (!transmitQueue.isEmpty() && drainTimer == null) {
            armDrain();
        }
        if (anyCallEmptied) {
            provider.sync().signalAll();
        }
    }

    /** Drops every cell of {@code call} still in the transmit queue (an abortive close). */
    void purge(Call call) {
        Iterator<Outgoing> it = transmitQueue.iterator();
        while (it.hasNext()) {
            if (it.next().call == call) {
                it.remove();
            }
        }
        call.cellsQueued = 0;
        call.bytesQueued = 0;
        if (transmitQueue.isEmpty() && drainTimer != null) {
            drainTimer.cancel();
            drainTimer = null;
        }
        provider.sync().signalAll();
    }

    @Override
    public void cell(byte[] bytes) {
        cellsReceived++;
        Cell cell = Cell.decode(bytes);
        if (cell == null) {
            cellsBadHec++;
            LOG.debug("{}: cell with a bad HEC discarded", name());
            return;
        }
        Call call = byVci.get(cell.vci());
        if (call == null) {
            cellsUnknownVci++;
            LOG.debug("{}: cell on vci {}, which no call holds, discarded", name(), cell.vci());
            return;
        }
        if (Cell.isHandOverMarker(bytes)) {
            if (call.handOver == HandOverStep.HOLDING) {
                call.handOver = HandOverStep.MARKED; // the last cell the switch sends us on this VC came before it
                provider.sync().signalAll();
            }
            return;
        }
        if (call.discardIncoming) {
            cellsAfterRelease++;
            LOG.debug("{}: cell on vci {} discarded: the call no longer receives", name(), cell.vci());
            return;
        }
        Aal5Reassembler.Outcome outcome = call.reassembler.accept(cell.payload(), cell.endOfPdu());
        switch (outcome) {
            case Aal5Reassembler.Outcome.Delivered d -> {
                frame("switch", name(), "PDU", d.sdu().length, "vci " + call.vci);
                switch (call.endpoint.pduArrived(d.sdu())) {
                    case KEPT -> pdusDelivered++;
                    case RECEIVE_BUFFER_FULL -> pdusDroppedReceiveFull++;
                    case NOT_RECEIVING -> pdusDroppedClosed++;
                }
            }
            case Aal5Reassembler.Outcome.Discarded x -> {
                pdusDiscardedAal5++;
                LOG.debug("{}: PDU on vci {} discarded: {}", name(), call.vci, x.reason());
                frame("switch", name(), "PDU_DISCARDED", 0, "vci " + call.vci + ": " + x.reason());
            }
            case Aal5Reassembler.Outcome.Partial p -> {
            }
        }
    }

    private void trace(String from, String to, Q2931Message m) {
        if (m == null || !provider.tap().enabled()) {
            return;
        }
        String detail = "cr=" + m.callReference() + (m.flag() ? "'" : "")
                + m.cause().map(c -> " " + c).orElse("")
                + (m.vci() >= 0 ? " vci=" + m.vci() : "");
        frame(from, to, m.type().name(), 0, detail);
    }

    private void frame(String from, String to, String kind, int bytes, String detail) {
        if (provider.tap().enabled()) {
            provider.tap().frame(new WireFrame(provider.time().nanoTime(), from, to, kind, bytes, detail));
        }
    }

    // ---- handing a call to another process (the source) and taking one (the target)

    /** HOLD: the switch stops sending this call's cells here and sends the marker after the last one. */
    void hold(Call call, byte[] token, long targetPid) {
        call.handOver = HandOverStep.HOLDING;
        handing.put(HandOverMessage.key(token), call);
        network.management(port.port(), new HandOverMessage.Hold(token, targetPid, call.vci).encode());
    }

    /**
     * Queues the upstream marker and then {@code cells} (this end's unread data, given back) behind whatever of the
     * call still waits to leave, and announces them with HAND.
     */
    void hand(Call call, byte[] token, int ttlMillis, List<byte[]> cells, byte[] state) {
        List<Outgoing> back = new ArrayList<>(cells.size() + 1);
        back.add(new Outgoing(call, Cell.handOverMarker(call.vci), 0));
        cells.forEach(c -> back.add(new Outgoing(call, c, 0)));
        transmitQueue.addAll(back);
        call.cellsQueued += back.size();
        startDrain();
        call.handOver = HandOverStep.HANDED;
        network.management(port.port(), new HandOverMessage.Hand(token, ttlMillis, cells.size(), state).encode());
    }

    /** The hand-over of {@code call} failed or was given up: the adapter no longer expects an answer for it. */
    void abandonHandOver(Call call, byte[] token) {
        handing.remove(HandOverMessage.key(token), call);
    }

    /** CLAIM: the switch is asked for the VC {@code claim}'s token names; the answer fills the claim. */
    void claim(PendingClaim claim) {
        claims.put(HandOverMessage.key(claim.token), claim);
        network.management(port.port(), new HandOverMessage.Claim(claim.token).encode());
    }

    /** The claim's caller stopped waiting: a CLAIMED that comes later is released. */
    void abandonClaim(PendingClaim claim) {
        claims.remove(HandOverMessage.key(claim.token), claim);
    }

    /** The switch's answers to HOLD, HAND and CLAIM. */
    @Override
    public void management(byte[] message) {
        HandOverMessage m = HandOverMessage.decode(message);
        if (m == null) {
            LOG.debug("{}: malformed hand-over message from the switch dropped", name());
            return;
        }
        String key = HandOverMessage.key(m.token());
        switch (m) {
            case HandOverMessage.Parked p -> {
                Call call = handing.remove(key);
                if (call != null && call.handOver == HandOverStep.HANDED) {
                    call.handOver = HandOverStep.PARKED;
                    cancelT303(call);
                    call.state = CallState.NULL;
                    call.discardIncoming = true;
                    calls.remove(call.key());
                    byVci.remove(call.vci, call);
                }
            }
            case HandOverMessage.Refused r -> {
                Call call = handing.remove(key);
                if (call != null) {
                    call.handOver = HandOverStep.REFUSED;
                }
                PendingClaim claim = claims.remove(key);
                if (claim != null) {
                    LOG.debug("{}: the switch refused a claim: {}", name(), r.reason());
                    claim.error = WsaError.WSAEINVAL;
                }
            }
            case HandOverMessage.Claimed c -> claimed(claims.remove(key), c);
            default -> LOG.debug("{}: unexpected hand-over message {} dropped", name(), m.getClass().getSimpleName());
        }
        provider.sync().signalAll();
    }

    private void claimed(PendingClaim claim, HandOverMessage.Claimed c) {
        Call call = new Call(this, c.callReference(), false);
        call.vci = c.vci();
        call.state = CallState.ACTIVE;
        calls.put(call.key(), call);
        byVci.put(call.vci, call);
        SocketSnapshot snapshot = SocketSnapshot.decode(c.state());
        if (claim == null || snapshot == null) {
            // nobody waits for it any more, or its state is not one we can rebuild: the call is cleared
            if (claim != null) {
                claim.error = WsaError.WSAEINVAL;
            }
            release(call, Cause.NORMAL);
            return;
        }
        AtmSocket s = AtmSocket.adopted(provider, claim.info, this, call, snapshot);
        call.endpoint = s;
        claim.socket = s;
        network.management(port.port(), new HandOverMessage.Ready(c.token()).encode());
    }

    AdapterStatistics statistics() {
        return new AdapterStatistics(cellsReceived, cellsBadHec, cellsUnknownVci, cellsAfterRelease, pdusDelivered,
                pdusDiscardedAal5, pdusDroppedReceiveFull, pdusDroppedClosed);
    }

    /** Stops the transmit queue (the provider shuts down). */
    void stop() {
        transmitQueue.clear();
        if (drainTimer != null) {
            drainTimer.cancel();
            drainTimer = null;
        }
        for (Call c : calls.values()) {
            cancelT303(c);
        }
    }
}
