package io.jwsp.provider.irda.stack;

import io.jwsp.provider.irda.ias.IasRegistry;
import io.jwsp.provider.irda.ias.IasValue;
import io.jwsp.provider.irda.medium.DeviceInfo;
import io.jwsp.provider.irda.medium.FrameSink;
import io.jwsp.provider.irda.medium.IrSpace;
import io.jwsp.provider.irda.medium.LmpFrame;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IrLMP, TinyTP and IAS on the local devices of one {@link IrSpace}: the LSAP table of each device, its IAS
 * database (answering GetValueByClass on LSAP 0), listeners and connections. Every method runs under the space's
 * lock.
 */
public final class IrlmpStack implements FrameSink {
    private static final Logger LOG = LoggerFactory.getLogger(IrlmpStack.class);
    /** Valid TinyTP/IrLMP selectors: 0x00 is IAS, 0x70 connectionless, above that illegal. */
    public static final int FIRST_LSAP = 0x01;
    public static final int LAST_LSAP = 0x6F;
    public static final int IAS_LSAP = 0x00;

    private final IrSpace space;
    private final Map<ConnKey, TtpConnection> connections = new HashMap<>();
    private final Map<Long, LsapListener> listeners = new HashMap<>();
    /** Selectors a socket holds: bound, listening, or the source of its connection. */
    private final Set<Long> usedLsaps = new HashSet<>();
    /**
     * Selectors an outgoing connection holds until it has ended (DISCONNECT sent or received, refused, reset):
     * a socket closed gracefully lets go of its selector at once, but its connection still drains under that
     * selector, and the peer still knows it by it. Handing it to a new connect before then collides with the old
     * connection at the peer, which refuses the CONNECT.
     */
    private final Map<Long, TtpConnection> connectionLsaps = new HashMap<>();
    private final Map<Integer, IasRegistry> ias = new HashMap<>();
    /**
     * IAS questions waiting for their answer, by the asking device and selector (the answer comes back to that
     * LSAP: IAS has no question ids on the wire). A question without a selector of its own gets one for its time.
     */
    private final Map<Long, PendingIas> iasPending = new HashMap<>();

    private record PendingIas(Consumer<IasValue> answer, boolean ownsLsap) {
    }
    private int nextLsapHint = 0x10;
    private long framesBeyondCredit;
    /** Asked about a connection frame for no connection here: true when it takes the frame (a hand-over holds it). */
    private Predicate<LmpFrame> unmatched = f -> false;

    public IrlmpStack(IrSpace space) {
        this.space = space;
        space.attach(this);
    }

    int maxSdu() {
        return space.settings().maxSdu();
    }

    int initialCredit() {
        return space.settings().initialCredit();
    }

    void transmit(LmpFrame f) {
        space.transmit(f);
    }

    public IrSpace space() {
        return space;
    }

    /** Data frames that came without credit (a TinyTP protocol error: each one ended its connection). */
    public long framesBeyondCredit() {
        return framesBeyondCredit;
    }

    void countBeyondCredit(TtpConnection c, int bytes) {
        framesBeyondCredit++;
        LOG.warn("{}: a data frame of {} bytes beyond the credit granted: dropped, the connection is reset", c, bytes);
    }

    // ---- selectors

    private static long lsapKey(int device, int lsap) {
        return (long) device << 8 | lsap;
    }

    private boolean lsapFree(long key) {
        return !usedLsaps.contains(key) && !connectionLsaps.containsKey(key);
    }

    /** Whether {@code device} has a selector left for a new connection. */
    public boolean hasFreeLsap(int device) {
        for (int sel = FIRST_LSAP; sel <= LAST_LSAP; sel++) {
            if (lsapFree(lsapKey(device, sel))) {
                return true;
            }
        }
        return false;
    }

    /** A free selector on {@code device}, or -1 when all 111 are taken. */
    public int allocateLsap(int device) {
        for (int i = 0; i <= LAST_LSAP - FIRST_LSAP; i++) {
            int sel = FIRST_LSAP + (nextLsapHint - FIRST_LSAP + i) % (LAST_LSAP - FIRST_LSAP + 1);
            long key = lsapKey(device, sel);
            if (lsapFree(key)) {
                usedLsaps.add(key);
                nextLsapHint = sel + 1 > LAST_LSAP ? FIRST_LSAP : sel + 1;
                return sel;
            }
        }
        return -1;
    }

    /** Claims a named selector ({@code LSAP-SELn}); false when in use. */
    public boolean claimLsap(int device, int lsap) {
        long key = lsapKey(device, lsap);
        return lsapFree(key) && usedLsaps.add(key);
    }

    /** The socket is done with its selector; a connection still running under it keeps it until it ends. */
    public void releaseLsap(int device, int lsap) {
        usedLsaps.remove(lsapKey(device, lsap));
    }

    public IasRegistry ias(int device) {
        return ias.computeIfAbsent(device, d -> new IasRegistry());
    }

    // ---- servers

    public LsapListener listen(int device, int lsap, int backlog, Runnable onChange) {
        LsapListener l = new LsapListener(device, lsap, backlog, onChange);
        listeners.put(lsapKey(device, lsap), l);
        return l;
    }

    /** Stops listening; connections confirmed but never accepted are disconnected (their peers read 0). */
    public void unlisten(LsapListener l) {
        l.closed = true;
        listeners.remove(lsapKey(l.device, l.lsap));
        TtpConnection c;
        while ((c = l.poll()) != null) {
            c.disconnectNow();
        }
    }

    // ---- clients

    /**
     * Starts a connection from {@code localLsap} on {@code localDevice}: through IAS when {@code service} is a
     * class name, straight to CONNECT when {@code lsap} is given ({@code LSAP-SELn}, IAS skipped).
     */
    public TtpConnection connect(int localDevice, int localLsap, int remoteDevice, String service, int lsap,
                                 Runnable onChange) {
        boolean direct = lsap > 0;
        TtpConnection c = new TtpConnection(this, localDevice, localLsap, remoteDevice, direct ? lsap : IAS_LSAP,
                direct ? TtpConnection.State.CONNECTING : TtpConnection.State.IAS_QUERY);
        c.onChange(onChange);
        connections.put(c.key(), c);
        connectionLsaps.put(lsapKey(localDevice, localLsap), c);
        if (direct) {
            c.connect();
        } else {
            queryIas(localDevice, localLsap, remoteDevice, service, IasRegistry.TINYTP_LSAP_SEL, v -> {
                if (v instanceof IasValue.IntValue(int sel) && sel >= FIRST_LSAP && sel <= 0x7F) {
                    c.iasAnswered(sel);
                } else {
                    forget(c);
                    c.refuse();
                }
            });
        }
        return c;
    }

    /** Sends GetValueByClass to the peer's IAS server (LSAP 0); {@code answer} runs when the reply arrives. */
    public void queryIas(int localDevice, int localLsap, int remoteDevice, String className, String attribute,
                         Consumer<IasValue> answer) {
        boolean own = localLsap == IAS_LSAP || iasPending.containsKey(lsapKey(localDevice, localLsap));
        int lsap = own ? allocateLsap(localDevice) : localLsap;
        if (lsap < 0) {
            answer.accept(new IasValue.NoClass()); // no selector left to ask from
            return;
        }
        iasPending.put(lsapKey(localDevice, lsap), new PendingIas(answer, own));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeName(out, className);
        writeName(out, attribute);
        transmit(new LmpFrame(localDevice, remoteDevice, LmpFrame.Kind.IAS_REQUEST, lsap, IAS_LSAP, 0,
                out.toByteArray()));
    }

    /** Drops an IAS question nobody waits for any more. */
    public void abandonIas(Consumer<IasValue> answer) {
        iasPending.entrySet().removeIf(e -> {
            if (e.getValue().answer() != answer) {
                return false;
            }
            if (e.getValue().ownsLsap()) {
                usedLsaps.remove(e.getKey());
            }
            return true;
        });
    }

    /** LM-IAS names: one length octet (IAS limits class and attribute names to 60 octets). */
    private static void writeName(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        int n = Math.min(b.length, 60);
        out.write(n);
        out.write(b, 0, n);
    }

    /** A name after its one length octet, or {@code null} when the buffer is too short for it. */
    private static String readName(ByteBuffer b) {
        if (!b.hasRemaining()) {
            return null;
        }
        int n = b.get() & 0xFF;
        if (b.remaining() < n) {
            return null;
        }
        byte[] v = new byte[n];
        b.get(v);
        return new String(v, StandardCharsets.ISO_8859_1);
    }

    // ---- bookkeeping for connections

    void rekey(TtpConnection c, int lsap) {
        connections.remove(c.key());
        c.remoteLsap = lsap;
        connections.put(c.key(), c);
    }

    /** The connection has ended: it leaves the table, and an outgoing one lets go of its selector. */
    void forget(TtpConnection c) {
        connections.remove(c.key(), c);
        connectionLsaps.remove(lsapKey(c.localDevice, c.localLsap), c);
    }

    /** Drops this connection's data frames still waiting for the air; answers how many. */
    int flushData(TtpConnection c) {
        return space.flush(f -> f.kind() == LmpFrame.Kind.DATA && f.data().length > 0
                && f.srcDevice() == c.localDevice && f.slsap() == c.localLsap
                && f.dstDevice() == c.remoteDevice && f.dlsap() == c.remoteLsap);
    }

    /** Frames of {@code c}'s end still waiting for, or in, their air time. */
    int framesOnLink(TtpConnection c) {
        return space.pending(f -> f.srcDevice() == c.localDevice && f.slsap() == c.localLsap
                && f.dstDevice() == c.remoteDevice && f.dlsap() == c.remoteLsap
                && f.kind() != LmpFrame.Kind.IAS_REQUEST && f.kind() != LmpFrame.Kind.IAS_RESPONSE);
    }

    // ---- connections moving between processes (WSADuplicateSocket)

    /** The connection of {@code localDevice}/{@code localLsap} with {@code remoteDevice}/{@code remoteLsap}, or null. */
    public TtpConnection connection(int localDevice, int localLsap, int remoteDevice, int remoteLsap) {
        return connections.get(new ConnKey(localDevice, localLsap, remoteDevice, remoteLsap));
    }

    /** The other end of {@code c} now lives at {@code device}/{@code lsap} (it moved to another process). */
    public void repoint(TtpConnection c, int device, int lsap) {
        boolean known = connections.remove(c.key(), c);
        c.remoteDevice = device;
        c.remoteLsap = lsap;
        if (known) {
            connections.put(c.key(), c);
        }
    }

    /** Who takes connection frames that match no connection (see {@link #frameArrived}); one taker per stack. */
    public void onUnmatched(Predicate<LmpFrame> taker) {
        this.unmatched = taker == null ? f -> false : taker;
    }

    /**
     * A connection that another process carried until now, at {@code localLsap} of {@code localDevice} (a selector
     * the caller allocated): registered like an outgoing one (it holds its selector until it ends) when open; the
     * frames {@code held} for it meanwhile are delivered to it.
     */
    public TtpConnection adopt(int localDevice, int localLsap, ConnectionImage image, List<LmpFrame> held,
                               Runnable onChange) {
        TtpConnection c = new TtpConnection(this, localDevice, localLsap, image.peerDevice(), image.peerLsap(),
                TtpConnection.State.OPEN);
        c.restore(image);
        c.onChange(onChange);
        if (c.state() == TtpConnection.State.OPEN) {
            connections.put(c.key(), c);
            connectionLsaps.put(lsapKey(localDevice, localLsap), c);
        }
        // what the other end sent here before the connection arrived, in order, then what this end owes it
        for (LmpFrame f : held) {
            frameArrived(f);
        }
        c.pump();
        return c;
    }

    public int openConnections() {
        return connections.size();
    }

    // ---- the medium's calls

    @Override
    public void frameArrived(LmpFrame f) {
        switch (f.kind()) {
            case IAS_REQUEST -> answerIas(f);
            case IAS_RESPONSE -> {
                long key = lsapKey(f.dstDevice(), f.dlsap());
                PendingIas p = iasPending.remove(key);
                if (p != null) {
                    if (p.ownsLsap()) {
                        usedLsaps.remove(key);
                    }
                    p.answer().accept(f.data().length < 2 ? new IasValue.NoClass() : IasValue.fromBytes(f.data(), 1));
                }
            }
            case CONNECT -> incomingConnect(f);
            default -> {
                TtpConnection c = connections.get(new ConnKey(f.dstDevice(), f.dlsap(), f.srcDevice(), f.slsap()));
                if (c != null) {
                    c.arrived(f);
                } else if (unmatched.test(f)) {
                    LOG.debug("frame for {}/{} held for a connection arriving from another process",
                            DeviceInfo.hex(f.dstDevice()), f.dlsap());
                } else if (f.kind() == LmpFrame.Kind.DATA && f.data().length > 0) {
                    LOG.debug("data for no connection at {}/{} dropped", DeviceInfo.hex(f.dstDevice()), f.dlsap());
                }
            }
        }
    }

    private void answerIas(LmpFrame f) {
        ByteBuffer b = ByteBuffer.wrap(f.data());
        String cls = readName(b);
        String attr = cls == null ? null : readName(b);
        if (attr == null) {
            LOG.debug("malformed IAS request from {}: dropped", DeviceInfo.hex(f.srcDevice()));
            return;
        }
        IasValue v = ias(f.dstDevice()).lookup(cls, attr);
        int result = switch (v) {
            case IasValue.NoClass n -> IasRegistry.RESULT_NO_SUCH_CLASS;
            case IasValue.NoAttribute n -> IasRegistry.RESULT_NO_SUCH_ATTRIBUTE;
            default -> IasRegistry.RESULT_SUCCESS;
        };
        byte[] value = v.toBytes();
        byte[] data = new byte[1 + value.length];
        data[0] = (byte) result;
        System.arraycopy(value, 0, data, 1, value.length);
        transmit(new LmpFrame(f.dstDevice(), f.srcDevice(), LmpFrame.Kind.IAS_RESPONSE, IAS_LSAP, f.slsap(),
                0, data));
    }

    private void incomingConnect(LmpFrame f) {
        LsapListener l = listeners.get(lsapKey(f.dstDevice(), f.dlsap()));
        ConnKey key = new ConnKey(f.dstDevice(), f.dlsap(), f.srcDevice(), f.slsap());
        if (l == null || l.closed || l.pending.size() >= l.backlog || connections.containsKey(key)) {
            int reason = l == null ? LmpFrame.REASON_LM_INITIATED : LmpFrame.REASON_USER_REQUEST;
            transmit(new LmpFrame(f.dstDevice(), f.srcDevice(), LmpFrame.Kind.DISCONNECT, f.dlsap(), f.slsap(),
                    reason, new byte[0]));
            return;
        }
        TtpConnection c = new TtpConnection(this, f.dstDevice(), f.dlsap(), f.srcDevice(), f.slsap(),
                TtpConnection.State.CONNECTING);
        connections.put(key, c);
        c.confirm(f.param());
        l.pending.add(c);
        l.changed();
    }

    @Override
    public void frameTransmitted(LmpFrame f) {
        TtpConnection c = connections.get(new ConnKey(f.srcDevice(), f.slsap(), f.dstDevice(), f.dlsap()));
        if (c != null) {
            c.transmitted(f);
        }
    }

    @Override
    public void linkLost(int a, int b) {
        List<TtpConnection> hit = new ArrayList<>();
        for (TtpConnection c : connections.values()) {
            if ((c.localDevice == a && c.remoteDevice == b) || (c.localDevice == b && c.remoteDevice == a)) {
                hit.add(c);
            }
        }
        for (TtpConnection c : hit) {
            c.reset(LmpFrame.REASON_UNEXPECTED_LAP_DISCONNECT);
            forget(c); // one already closed, its DISCONNECT lost with the link, is over too
        }
        // questions to IAS over the lost link are never answered: their waiters time out or are closed
    }
}
