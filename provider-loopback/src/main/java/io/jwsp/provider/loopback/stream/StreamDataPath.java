package io.jwsp.provider.loopback.stream;

import io.jwsp.provider.loopback.core.Buffers;
import io.jwsp.provider.loopback.core.CountedCondition;
import io.jwsp.provider.loopback.core.LoopbackSocket;
import io.jwsp.provider.loopback.core.LoopbackStack;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.io.MsgFlags;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.kit.pending.PendingTransfer;
import io.jwsp.spi.kit.wait.BlockingWait;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data path of one side of a loopback stream connection: send and recv through the peer's and this side's
 * {@link ByteRing}, large copies with the lock released ({@link ByteRing.Slot}), pending overlapped transfers, the
 * FIN behind the data, the RST, and the events data movement raises.
 *
 * <p>A send copies into the peer's ring; the first SO_RCVBUF bytes there are the peer's receive buffer and anything
 * beyond is "queued data" still held for the sender, bounded by the sender's SO_SNDBUF. A peer that does not read
 * therefore leaves data queued at the sender, which is what the close/linger table turns on. Both endpoints of a
 * connection share the connector's lock and condition: one lock per connection.
 *
 * <p>When the peer's ring is empty and a receive waits there with its buffers (an overlapped recv queued, or a
 * blocking recv parked: {@link DirectReceive}), a send copies straight into those buffers and completes the receive,
 * as AFD does with posted receives: one copy per byte instead of two. Nothing waits in the ring then, so no byte is
 * overtaken; a peeking receive is never such a target (its data must stay), and SO_RCVBUF is not touched (the bytes
 * are the application's at once). What the waiting buffers cannot take goes into the ring as before.
 *
 * <p>The symmetric path ({@link DirectSend}): a blocking send that waits (for room, or briefly, when it is large and
 * the peer reads with blocking receives, to meet that reader) offers the rest of its buffers, and a receive that
 * finds nothing in the ring before them copies straight out of them. On two processors the reader then copies into
 * buffers its own cache holds, out of buffers the writer did not change; a writer filling the reader's buffers, or
 * the ring's lines the reader has just read, pulls every line across (64 KiB: about 4 and over 15 microseconds
 * against 1.2 locally, measured). A meeting lasts at most {@link #MEET_NANOS}; whatever it did not hand over then
 * goes through the ring as before, so a send never waits on a reader that does not come.
 *
 * <p>Past the copy itself, a send's cost is the cache lines the two threads hand each other: a line's round trip
 * between this VM's two vCPUs takes about 60 ns when the host runs them close together and some 330 ns when it runs
 * them apart, which it changes every few seconds (measured: a 64 KiB meeting took 2 and 4.5 microseconds). So a
 * meeting is arranged to cross as few lines as it can: the reader does the sender's bookkeeping at its commit and the
 * sender returns without taking the lock back ({@link #meetReader}), the reader copies without moving the sender's
 * buffers ({@link DirectSend}), the waiting calls live off the socket's own line ({@link DirectCalls}), and fields the
 * peer reads on every call are written only when they change.
 *
 * <p>One layer of {@link StreamSocket} (sealed; connection setup is {@link StreamHandshake}, close and the rest
 * {@link StreamSocket}): layers of one object, so a send or recv pays no extra indirection or allocation.
 */
abstract sealed class StreamDataPath extends LoopbackSocket permits StreamHandshake {
    /** One logger category for the whole socket, whichever layer logs. */
    static final Logger LOG = LoggerFactory.getLogger(StreamSocket.class);
    /** From this many bytes a blocking send or recv copies with the lock released, so both ends copy at once. */
    private static final int UNLOCKED_COPY_MIN = 16 * 1024;
    /**
     * How long a large blocking send waits for a streaming reader to take its bytes before it rings them: several
     * times a reader's return to its next recv, short against anything a caller would notice.
     */
    private static final long MEET_NANOS = 20_000;
    /** After meetings the reader missed, at most 2^this large sends go straight to the ring before the next try. */
    private static final int MEET_BACKOFF_SHIFT = 6;
    enum State { OPEN, LISTENING, CONNECTING, CONNECTED }

    State state = State.OPEN;
    Connection conn;
    StreamSocket peer;
    ByteRing inbound;
    InetSockAddr connectedLocal;
    InetSockAddr peerName;
    boolean finIn;
    boolean finArrived;
    boolean sendShutdown;
    boolean receiveShutdown;
    boolean timeWaitEntered;

    /**
     * This side's blocking send and recv waiting for a direct copy (one object: {@link DirectCalls} says why), made
     * by the first such call ({@link #directCalls}): until then {@link DirectCalls#NONE}, whose fields stay null, so
     * that an idle socket pays nothing for it.
     */
    DirectCalls direct = DirectCalls.NONE;
    /** A send of this side copies into the peer's waiting receive with the lock released ({@link #peerBusy}). */
    private boolean fillingPeer;
    /** This side's last recv was a plain blocking one: it will likely be back soon for more (a streaming reader). */
    boolean blockingReader;
    /**
     * Meetings in a row the reader missed, and large sends that go straight to the ring before the next one (at most
     * {@link #MEET_BACKOFF_SHIFT} and 2^that: bytes, as every idle socket carries them).
     */
    private byte meetsMissed;
    private byte meetsToSkip;
    /**
     * The last meeting handed bytes over (the reader streams: it keeps coming back for more). A send to a streaming
     * reader on another processor meets it even when its receive already waits, so that the reader copies, into
     * buffers its own processor's cache holds (a writer filling them pulls every line across: some four times slower,
     * measured); otherwise the send fills a waiting receive itself.
     */
    private boolean readerStreams;

    // event re-enabling (Winsock's rules in spirit)
    boolean readSignalled;
    boolean writeBlocked;

    StreamDataPath(LoopbackStack stack, ProtocolInfo info, int family) {
        super(stack, info, family);
    }

    StreamDataPath(LoopbackStack stack, ProtocolInfo info, int family, ReentrantLock lock, CountedCondition cond) {
        super(stack, info, family, lock, cond);
    }

    // ================================================================== capacities

    final int receiveCapacity() {
        return Math.max(1, receiveBuffer);
    }

    /** Bytes this side may still hand to the stack: the peer's receive buffer plus this side's send buffer. */
    final int room() {
        long cap = (long) peer.receiveCapacity() + sendBuffer;
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, cap - peer.inbound.size()));
    }

    /** Bytes the peer has not had yet: beyond its receive buffer, still queued at this side. */
    final boolean dataQueued() {
        return state == State.CONNECTED && !conn.reset && !peer.isClosing()
                && peer.inbound.size() > peer.receiveCapacity();
    }

    /** Bytes a recv returns at once: what sits in this side's receive buffer. */
    final int available() {
        return Math.min(inbound.size(), receiveCapacity());
    }

    // ================================================================== send

    @Override
    public WspResult<Integer> send(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        return transfer(false, buffers, flags, overlapped);
    }

    /**
     * A send or a recv: the call under the connection's lock, then, outside it, the completions it produced and, for
     * an overlapped call that finished at once, its own completion.
     */
    private WspResult<Integer> transfer(boolean receive, ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        DeferredCompletions done = new DeferredCompletions();
        WspResult<Integer> result;
        lock.lock();
        try {
            result = receive ? recvLocked(buffers, flags, overlapped, done)
                    : sendLocked(buffers, flags, overlapped, done);
        } finally {
            if (lock.isHeldByCurrentThread()) { // a meeting the reader settled ends without it (meetReader)
                lock.unlock();
            }
        }
        done.fire(stack::complete);
        if (result.isOk() && overlapped != null) {
            stack.complete(overlapped, null, result.value(), 0, null);
        }
        return result;
    }

    private WspResult<Integer> sendLocked(ByteBuffer[] buffers, int flags, Overlapped overlapped,
                                          DeferredCompletions done) {
        WsaError refusal = transferRefusal(buffers, flags, false);
        if (refusal != null) {
            return fail(refusal);
        }
        refusal = sendRefusal(done);
        if (refusal != null) {
            return fail(refusal);
        }
        int total = Buffers.remaining(buffers);
        if (overlapped != null) {
            return sendOverlapped(buffers, flags, overlapped, total, done);
        }
        int sent = 0;
        BlockingWait wait = null;
        DirectSend offer = null;
        boolean met = false;
        try {
            while (true) {
                if (core.sends().isEmpty() && !peerBusy()) {
                    int left = total - sent;
                    if (!met && meetReaderNow(left)) {
                        met = true;
                        offer = new DirectSend(buffers);
                        sent += meetReader(offer);
                        if (sent == total) {
                            return WspResult.ok(sent); // taken before any close: the send completed (maybe unlocked)
                        }
                        if (isClosing()) {
                            return fail(WsaError.WSAEINTR); // bytes taken before stay delivered, as ever
                        }
                        refusal = sendRefusal(done);
                        if (refusal != null) {
                            return fail(refusal);
                        }
                        continue; // what the reader did not take in time goes to the ring
                    }
                    boolean receiveWaits = peerWaiting();
                    DirectReceive target = receiveWaits && peer.core.receives().isEmpty() ? peer.direct.receive : null;
                    int want = target != null ? Math.min(left, target.room())
                            : receiveWaits ? left : Math.min(left, room());
                    boolean unlocked = want >= UNLOCKED_COPY_MIN && (target != null || !receiveWaits);
                    int n = !unlocked ? transfer(buffers, want, done)
                            : target != null ? fillUnlocked(target, buffers, want) : transferUnlocked(buffers, want);
                    if (n < 0) {
                        return fail(isClosing() ? WsaError.WSAEINTR : WsaError.WSAESHUTDOWN);
                    }
                    sent += n;
                    if (n > 0) {
                        conn.pump(done);
                        stack.readiness().changed();
                    }
                    if (unlocked && sent < total) {
                        refusal = sendRefusal(done); // the lock was released: the connection may have ended
                        if (refusal != null) {
                            return fail(refusal);
                        }
                    }
                    if (receiveWaits && n > 0 && sent < total) {
                        continue; // the rest goes to the next waiting receive, or to the ring
                    }
                }
                if (sent == total) {
                    return WspResult.ok(sent);
                }
                if (nonBlocking) {
                    if (sent > 0) {
                        return WspResult.ok(sent);
                    }
                    writeBlocked = true;
                    return fail(WsaError.WSAEWOULDBLOCK);
                }
                if (wait == null) {
                    wait = startWait(millisToNanos(sendTimeoutMillis));
                }
                boolean offering = direct.send == null && core.sends().isEmpty();
                if (offering) {
                    offer = new DirectSend(buffers); // what is left now: a meeting's offer counted its part
                    directCalls().send = offer; // while this send waits for room, the peer's receives may take it
                }
                WsaError e = parkOnce(wait);
                if (offering) {
                    sent += collect(offer);
                    direct.send = null;
                    if (sent == total) {
                        return WspResult.ok(sent); // taken before any time-out, cancel or close: the send completed
                    }
                    if (e == null && isClosing()) {
                        e = WsaError.WSAEINTR; // closed while a recv copied out of the buffers
                    }
                }
                if (e != null) {
                    return fail(e);
                }
                refusal = sendRefusal(done);
                if (refusal != null) {
                    return fail(refusal);
                }
            }
        } finally {
            if (offer != null && direct.send == offer) {
                direct.send = null;
            }
            if (wait != null) {
                wait.end();
            }
        }
    }

    /**
     * The reader last ran on this very processor: two threads share one. A meeting then costs two switches per send,
     * where the ring fills several sends per switch (the reader drains it all, then takes the waiting rest directly).
     */
    private boolean readerSharesCpu() {
        return changed.peerHere();
    }

    /**
     * Whether this send meets the reader now: a large one, to a reader not on this processor that streams (met
     * whether or not its receive already waits) or whose receive does not wait, when {@link #mayMeetReader} allows.
     * Streaming is asked first, so that the receive's state, which the reader has just written, is read only when it
     * decides; where the reader runs is asked once.
     */
    private boolean meetReaderNow(int left) {
        if (left < UNLOCKED_COPY_MIN) {
            return false;
        }
        boolean sharesCpu = readerSharesCpu();
        return (readerStreams && !sharesCpu || !peerWaiting()) && mayMeetReader(left) && !sharesCpu;
    }

    /**
     * Whether a large blocking send should first offer its buffers to the peer's receives (one copy) rather than
     * copy them into the ring at once: the peer's last recv was a plain blocking one (a streaming reader, likely back
     * in a moment), no meeting failed lately, and this thread may spin (a platform thread holding the lock once).
     * Whatever waits in the ring the reader takes first; a meeting is how a writer that ran ahead (a full ring, two
     * copies a byte) gets back to one copy: the reader drains the ring while the writer waits with its buffer.
     */
    private boolean mayMeetReader(int left) {
        if (nonBlocking || left < UNLOCKED_COPY_MIN || !peer.blockingReader || direct.send != null
                || !peer.core.receives().isEmpty() || peer.inbound.writing() || lock.getHoldCount() != 1
                || Thread.currentThread().isVirtual()) {
            return false;
        }
        if (meetsToSkip > 0) {
            meetsToSkip--;
            return false;
        }
        return true;
    }

    /**
     * Offers the buffers to the peer's receives and waits, spinning with the lock released (yielding the processor
     * when the reader shares it), until a recv has taken them all or {@link #MEET_NANOS} pass. Answers the bytes
     * taken (the rest then goes through the ring). When a recv took them all, it has settled the meeting at its
     * commit ({@link #meetingSettled}) and this call returns <em>without</em> taking the lock again: a lock taken
     * back from the reader, and lines the reader then reads back, cost a transfer between the processors' caches
     * each, and those transfers, not the copy, are most of a send's time when the two run on processors far apart
     * (a cache line's round trip between this VM's two vCPUs is 60 ns or 330 ns, as the host places them).
     * After a meeting the reader missed, the next 1, 2, 4 ... 2^{@link #MEET_BACKOFF_SHIFT} large sends go straight
     * to the ring, so a reader busy elsewhere costs this side little; a meeting where it took something resets it.
     */
    private int meetReader(DirectSend offer) {
        directCalls().send = offer;
        changed.signalAll(); // a receive waiting for data looks again
        boolean drained = false;
        offer.senderSpins = true;
        lock.unlock();
        try {
            drained = changed.spinUntil(offer::drained, MEET_NANOS);
        } finally {
            if (!drained) {
                offer.senderSpins = false; // before the lock: a commit after this wakes the wait in collect
                lock.lock();
            }
        }
        if (drained) {
            return offer.harvest(); // settled by the reader, whose commit happens-before the volatile drained
        }
        int n = collect(offer);
        direct.send = null;
        readerStreams = n > 0;
        if (n > 0) {
            meetsMissed = 0;
        } else {
            meetsMissed = (byte) Math.min(meetsMissed + 1, MEET_BACKOFF_SHIFT);
            meetsToSkip = (byte) (1 << meetsMissed - 1);
        }
        return n;
    }

    /**
     * A recv of the peer took the last bytes of this side's waiting send (lock held): what the sending call would do
     * after the meeting is done here, before the send learns of it, so that it may return without the lock.
     */
    void meetingSettled(DirectSend offer) {
        if (direct.send == offer) {
            direct.send = null;
        }
        if (!readerStreams || meetsMissed != 0) { // written only on a change: the sender's own line
            readerStreams = true;
            meetsMissed = 0;
        }
    }

    /** This side's {@link DirectCalls}, made now if it is the first call to wait for a direct copy. Lock held. */
    private DirectCalls directCalls() {
        if (direct == DirectCalls.NONE) {
            direct = new DirectCalls();
        }
        return direct;
    }

    /**
     * The bytes receives copied out of a waiting send's buffers. A copy still running with the lock released owns
     * the buffers until its commit, so the call waits for it: a bounded copy, whose commit signals, ends that wait.
     */
    private int collect(DirectSend offer) {
        while (offer.copying) {
            changed.awaitUninterruptibly();
        }
        return offer.harvest();
    }

    /** Why a send cannot go ahead now, or {@code null}. A send to a peer that has closed resets the connection. */
    private WsaError sendRefusal(DeferredCompletions done) {
        if (state != State.CONNECTED || !conn.established) {
            return WsaError.WSAENOTCONN;
        }
        if (sendShutdown) {
            return WsaError.WSAESHUTDOWN;
        }
        if (conn.reset) {
            return WsaError.WSAECONNRESET;
        }
        if (peer.isClosing()) {
            peer.resetConnection(done, "data for a closed socket");
            return WsaError.WSAECONNRESET;
        }
        return null;
    }

    /**
     * A copy of this side's into the peer's ring or into a receive waiting there runs with the lock released: others
     * wait. Asked of this side's own state (the ring's write flag is this side's too), not of the peer's receive,
     * which the peer writes on every recv and a read of which would pull its line across.
     */
    private boolean peerBusy() {
        return peer.inbound.writing() || fillingPeer;
    }

    /**
     * Whether a receive waits on the peer for bytes this side sends, with its buffers, and nothing in the peer's ring
     * would be overtaken: the first overlapped recv (unless it peeks), else a parked blocking recv with room.
     */
    private boolean peerWaiting() {
        if (peer.inbound.size() > 0 || peer.inbound.reading() || peer.isClosing()) {
            return false;
        }
        PendingTransfer first = peer.core.receives().first();
        if (first != null) {
            return (first.flags() & MsgFlags.MSG_PEEK) == 0;
        }
        DirectReceive target = peer.direct.receive;
        return target != null && !target.copying && target.room() > 0;
    }

    /**
     * Hands up to {@code max} bytes to the peer (lock held): first straight into the receives waiting there, the rest
     * into its ring as far as there is room.
     */
    private int transfer(ByteBuffer[] buffers, int max, DeferredCompletions done) {
        int n = fillWaiting(buffers, max, done);
        int m = peer.inbound.write(buffers, Math.min(max - n, room()));
        traceData(m);
        return n + m;
    }

    /**
     * Copies up to {@code max} bytes straight into the receives waiting on the peer while the ring is empty (lock
     * held): each overlapped recv completes with what it got (a recv returns what arrived), a parked blocking recv
     * counts it when it wakes.
     */
    private int fillWaiting(ByteBuffer[] buffers, int max, DeferredCompletions done) {
        int moved = 0;
        while (moved < max && peerWaiting()) {
            PendingTransfer first = peer.core.receives().first();
            int n;
            if (first != null) {
                n = Buffers.copy(buffers, first.buffers(), max - moved);
                first.moved(n);
                peer.core.receives().completeFirst(null, 0, null, done);
            } else {
                n = peer.direct.receive.fill(buffers, max - moved);
                peer.direct.receive.filled(n);
            }
            moved += n;
            if (n == 0) {
                break;
            }
        }
        traceData(moved);
        return moved;
    }

    /**
     * Copies {@code n} bytes (room checked) straight into a blocking recv parked on the peer, with the lock released.
     * Who owns the outcome is decided under the lock at the commit: a close or SD_SEND of this side meanwhile gives
     * both buffers back as they were and answers -1 (nothing delivered, the caller's send fails); a close of the
     * receiving socket meanwhile gives its buffers back (its recv answers WSAEINTR) while the bytes count as sent,
     * dropped with the closed socket's unread data as a ring would drop them; otherwise the bytes are delivered.
     */
    private int fillUnlocked(DirectReceive target, ByteBuffer[] buffers, int n) {
        target.copying = true;
        fillingPeer = true;
        int[] from = Buffers.positions(buffers);
        int[] into = Buffers.positions(target.buffers);
        boolean copied = false;
        lock.unlock();
        try {
            ByteRing.pauseForTests();
            target.fill(buffers, n);
            copied = true;
        } finally {
            lock.lock();
            target.copying = false;
            fillingPeer = false;
            changed.signalAll(); // the receiving call may be waiting for the commit
            if (!copied) {
                Buffers.restore(buffers, from);
                Buffers.restore(target.buffers, into);
            }
        }
        if (isClosing() || sendShutdown) {
            Buffers.restore(buffers, from);
            Buffers.restore(target.buffers, into);
            return -1;
        }
        if (peer.isClosing()) {
            Buffers.restore(target.buffers, into);
        } else {
            target.filled(n);
        }
        traceData(n);
        return n;
    }

    /**
     * Hands {@code n} bytes (room checked) to the peer's ring, copying with the lock released so that the reader can
     * copy out at the same time. Answers -1, with nothing moved and the sources as they were, when this socket was
     * closed or shut down for sending meanwhile (its FIN may already be queued).
     */
    private int transferUnlocked(ByteBuffer[] buffers, int n) {
        ByteRing ring = peer.inbound;
        ByteRing.Slot slot = ring.reserveWrite(n);
        int[] marks = Buffers.positions(buffers);
        boolean filled = false;
        lock.unlock();
        try {
            slot.fill(buffers);
            filled = true;
        } finally {
            lock.lock();
            boolean keep = filled && !isClosing() && !sendShutdown;
            ring.commitWrite(slot, keep);
            if (!keep) {
                Buffers.restore(buffers, marks);
            }
        }
        if (isClosing() || sendShutdown) {
            return -1;
        }
        traceData(n);
        return n;
    }

    final void traceData(int n) {
        if (n > 0 && stack.tracing()) {
            stack.frame(connectedLocal, peerName, "DATA", n, null);
        }
    }

    private WspResult<Integer> sendOverlapped(ByteBuffer[] buffers, int flags, Overlapped overlapped, int total,
                                              DeferredCompletions done) {
        WsaError claim = stack.claim(overlapped);
        if (claim != null) {
            return fail(claim);
        }
        int n = 0;
        if (core.sends().isEmpty() && !peerBusy()) {
            n = transfer(buffers, total, done);
            if (n > 0) {
                conn.pump(done);
                stack.readiness().changed();
            }
            if (n == total) {
                return WspResult.ok(n);
            }
        }
        core.sends().add(new PendingTransfer(overlapped, buffers, flags, n));
        stack.pending(overlapped);
        return WspResult.pending();
    }

    /** Moves pending overlapped sends into the peer's ring while there is room; completes the finished ones. */
    final boolean servePendingSends(DeferredCompletions done) {
        if (core.sends().isEmpty() || isClosing() || conn.reset || peer.isClosing() || peerBusy()) {
            return false;
        }
        boolean progress = false;
        while (!core.sends().isEmpty()) {
            PendingTransfer p = core.sends().first();
            int n = transfer(p.buffers(), (int) Math.min(Integer.MAX_VALUE, p.remaining()), done);
            p.moved(n);
            progress |= n > 0;
            if (p.remaining() > 0) {
                break;
            }
            core.sends().completeFirst(null, 0, null, done);
        }
        return progress;
    }

    // ================================================================== receive

    @Override
    public WspResult<Integer> recv(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        return transfer(true, buffers, flags, overlapped);
    }

    private WspResult<Integer> recvLocked(ByteBuffer[] buffers, int flags, Overlapped overlapped,
                                          DeferredCompletions done) {
        WsaError refusal = transferRefusal(buffers, flags, true);
        if (refusal != null) {
            return fail(refusal);
        }
        if (state != State.CONNECTED || !conn.established) {
            return fail(WsaError.WSAENOTCONN);
        }
        if (receiveShutdown) {
            return fail(WsaError.WSAESHUTDOWN);
        }
        boolean peek = (flags & MsgFlags.MSG_PEEK) != 0;
        boolean waitAll = (flags & MsgFlags.MSG_WAITALL) != 0 && !peek;
        if (waitAll && nonBlocking && overlapped == null) {
            return fail(WsaError.WSAEOPNOTSUPP);
        }
        int total = Buffers.remaining(buffers);
        if (overlapped != null) {
            return recvOverlapped(buffers, flags, overlapped, total, peek, done);
        }
        boolean streaming = !nonBlocking && !peek;
        if (blockingReader != streaming) {
            blockingReader = streaming; // written only on a change: the peer's every large send reads it
        }
        int got = 0;
        BlockingWait wait = null;
        DirectReceive target = null;
        try {
            while (true) {
                if (conn.reset) {
                    return fail(WsaError.WSAECONNRESET);
                }
                int avail = inbound.reading() ? 0 : available();
                DirectSend offer = avail == 0 && total > got && !peek ? offeredSend() : null;
                if (offer != null) {
                    if (target != null && direct.receive == target) {
                        direct.receive = null; // no send may fill the buffers while this call copies into them
                    }
                    target = null;
                    int n = takeOffered(offer, buffers, total - got);
                    if (n < 0) {
                        return fail(WsaError.WSAEINTR);
                    }
                    got += n;
                    if (n > 0 && (!waitAll || got == total)) {
                        return WspResult.ok(got);
                    }
                    continue;
                }
                if (avail > 0 && total > got) {
                    if (target != null && direct.receive == target) {
                        direct.receive = null; // the buffers move now: a send must not fill where they were
                    }
                    target = null;
                    int want = Math.min(avail, total - got);
                    int n = want >= UNLOCKED_COPY_MIN && !peek ? takeUnlocked(buffers, want, done)
                            : take(buffers, want, peek, done);
                    if (n < 0) {
                        return fail(WsaError.WSAEINTR);
                    }
                    got += n;
                    if (!waitAll || got == total) {
                        return WspResult.ok(got);
                    }
                    continue;
                }
                if (total == got || finIn && inbound.size() == 0) {
                    readSignalled = false;
                    return WspResult.ok(got);
                }
                if (nonBlocking) {
                    readSignalled = false;
                    return got > 0 ? WspResult.ok(got) : fail(WsaError.WSAEWOULDBLOCK);
                }
                if (wait == null) {
                    wait = startWait(millisToNanos(receiveTimeoutMillis));
                }
                if (target == null && !peek && inbound.size() == 0 && direct.receive == null) {
                    target = new DirectReceive(buffers);
                    directCalls().receive = target; // the peer's sends may now fill the buffers directly
                }
                WsaError e = parkOnce(wait);
                if (target != null) {
                    int n = collect(target);
                    got += n;
                    if (n > 0 && (!waitAll || got == total)) {
                        return WspResult.ok(got); // delivered before any time-out, cancel or close: the recv completed
                    }
                }
                if (e != null) {
                    return fail(e);
                }
                // shutdown never ends a recv already blocked (observed Windows): data, the end or a close do.
            }
        } finally {
            if (target != null && direct.receive == target) {
                direct.receive = null;
            }
            if (wait != null) {
                wait.end();
            }
        }
    }

    /**
     * The peer's send waiting with its buffers, when this side's receive may copy straight out of them: nothing waits
     * or is being written in the ring before them, no overlapped recv is queued first, and the peer has not closed or
     * shut down (its FIN, if any, follows only bytes already taken).
     */
    private DirectSend offeredSend() {
        DirectSend offer = peer.direct.send;
        if (offer == null || offer.copying || inbound.size() > 0 || inbound.writing() || inbound.reading()
                || finIn || !core.receives().isEmpty() || peer.isClosing() || peer.sendShutdown) {
            return null;
        }
        return offer.remaining() > 0 ? offer : null;
    }

    /**
     * Copies up to {@code max} bytes straight out of a waiting send's buffers; a large copy runs with the lock
     * released. Who owns the outcome is decided under the lock at the commit: a close of this side meanwhile gives
     * both buffers back as they were and answers -1 (the recv answers WSAEINTR; the send then meets the closed peer);
     * a close, shutdown or reset of the sending side meanwhile gives both back too and answers 0 (nothing was taken:
     * the recv looks again and finds the FIN or the reset); otherwise the bytes are delivered and the send counts them.
     */
    private int takeOffered(DirectSend offer, ByteBuffer[] buffers, int max) {
        int n = Math.min(max, offer.remaining());
        if (n < UNLOCKED_COPY_MIN) {
            offer.copyTo(buffers, n);
        } else {
            offer.copying = true;
            int[] into = Buffers.positions(buffers);
            boolean copied = false;
            lock.unlock();
            try {
                ByteRing.pauseForTests();
                offer.copyTo(buffers, n);
                copied = true;
            } finally {
                lock.lock();
                offer.copying = false;
                if (!copied) {
                    Buffers.restore(buffers, into);
                    changed.signalAll();
                }
            }
            if (isClosing() || peer.isClosing() || peer.sendShutdown || conn.reset) {
                Buffers.restore(buffers, into); // the offer's buffers never moved: nothing was taken
                changed.signalAll(); // the sending call may be waiting for the commit
                return isClosing() ? -1 : 0;
            }
        }
        if (offer.took(n)) {
            peer.meetingSettled(offer);
        }
        offer.publish(); // a meeting's sender may return at once
        if (!offer.senderSpins) {
            changed.signalAll(); // a sending call that waits under the lock counts the bytes
        }
        peer.traceData(n);
        return n;
    }

    /**
     * The bytes sends copied into a parked recv's buffers. A copy still running with the lock released owns the
     * buffers until its commit, so the call waits for it: a bounded copy, whose commit signals, ends that wait.
     */
    private int collect(DirectReceive target) {
        while (target.copying) {
            changed.awaitUninterruptibly();
        }
        return target.harvest();
    }

    /** Reads from this side's receive buffer; a real read frees room, which the connection then passes on. */
    private int take(ByteBuffer[] buffers, int max, boolean peek, DeferredCompletions done) {
        int n = inbound.read(buffers, max, peek);
        readSignalled = false;
        if (!peek) {
            roomFreed(done);
        } else {
            settle();
        }
        return n;
    }

    /** A real read freed room: the connection passes it on (pending sends, FD_WRITE) and wakes the writer. */
    private void roomFreed(DeferredCompletions done) {
        conn.pump(done);
        stack.readiness().changed();
    }

    /**
     * Takes {@code n} available bytes, copying with the lock released so that the writer can copy in at the same
     * time. Answers -1, with nothing consumed and the targets as they were, when this socket was closed meanwhile.
     */
    private int takeUnlocked(ByteBuffer[] buffers, int n, DeferredCompletions done) {
        ByteRing.Slot slot = inbound.reserveRead(n);
        int[] marks = Buffers.positions(buffers);
        boolean drained = false;
        lock.unlock();
        try {
            slot.drain(buffers);
            drained = true;
        } finally {
            lock.lock();
            boolean keep = drained && !isClosing();
            inbound.commitRead(slot, keep);
            if (!keep) {
                Buffers.restore(buffers, marks);
            }
        }
        if (isClosing()) {
            return -1;
        }
        readSignalled = false;
        roomFreed(done);
        return n;
    }

    private WspResult<Integer> recvOverlapped(ByteBuffer[] buffers, int flags, Overlapped overlapped, int total,
                                              boolean peek, DeferredCompletions done) {
        if (conn.reset) {
            return fail(WsaError.WSAECONNRESET);
        }
        WsaError claim = stack.claim(overlapped);
        if (claim != null) {
            return fail(claim);
        }
        blockingReader = false;
        if (core.receives().isEmpty() && !inbound.reading()) {
            int avail = available();
            if (avail > 0 || total == 0 || finIn && inbound.size() == 0) {
                int n = avail > 0 ? take(buffers, Math.min(avail, total), peek, done) : 0;
                return WspResult.ok(n);
            }
        }
        core.receives().add(new PendingTransfer(overlapped, buffers, flags, 0));
        stack.pending(overlapped);
        readSignalled = false;
        return WspResult.pending();
    }

    /** Completes pending overlapped receives from the receive buffer, or with 0 at the end of the stream. */
    final boolean servePendingReceives(DeferredCompletions done) {
        if (core.receives().isEmpty() || isClosing() || conn.reset || inbound.reading()) {
            return false;
        }
        boolean progress = false;
        while (!core.receives().isEmpty()) {
            int avail = available();
            PendingTransfer p = core.receives().first();
            boolean peek = (p.flags() & MsgFlags.MSG_PEEK) != 0;
            if (avail > 0) {
                int n = inbound.read(p.buffers(), (int) Math.min(avail, p.remaining()), peek);
                p.moved(n);
                core.receives().completeFirst(null, 0, null, done);
                progress |= !peek && n > 0;
            } else if (finIn && inbound.size() == 0) {
                core.receives().completeFirst(null, 0, null, done);
            } else {
                break;
            }
        }
        return progress;
    }

    /** How many wake-ups this connection's condition has had (tests). */
    final int wakeUpCount() {
        return changed.signalCount();
    }

    // ================================================================== events

    /** {@link #settleEvents}, then wakes this connection's waiters. Lock held. */
    final void settle() {
        if (settleEvents()) {
            wakeWaiters();
        }
    }

    /**
     * Brings events up to date after data moved: FD_READ when data arrived and none is signalled, FD_WRITE when a
     * send was refused for room and room returned, and the FIN's arrival once everything before it fits in the
     * receive buffer. Answers whether this side is a connected, open one (whose waiters the change concerns). Wakes
     * nobody: both ends share one condition, so the caller wakes them once ({@link Connection#pump}). Lock held.
     */
    final boolean settleEvents() {
        if (isClosing() || state != State.CONNECTED) {
            return false;
        }
        if (!conn.reset) {
            if (!readSignalled && inbound.size() > 0) {
                readSignalled = true;
                post(FdEvents.FD_READ, null);
            }
            if (finIn && !finArrived && inbound.size() <= receiveCapacity()) {
                finArrived();
            }
            if (writeBlocked && !peer.isClosing() && room() > 0) {
                writeBlocked = false;
                post(FdEvents.FD_WRITE, null);
            }
        }
        return true;
    }

    /**
     * Wakes every call waiting on this connection (both ends share the condition). A spinning waiter sees each
     * signal and looks again under the lock, so one data movement signals once: a second signal only sends a
     * waiter that already looked, found nothing for it and spins again, back for another look at the lock.
     */
    final void wakeWaiters() {
        changed.signalAll();
    }

    /** The peer's FIN reached this side: FD_CLOSE (graceful), and the peer may now be in TIME_WAIT. */
    private void finArrived() {
        finArrived = true;
        StreamSocket sender = peer;
        if (stack.tracing()) {
            stack.frame(sender.connectedLocal, connectedLocal, "FIN", 0, null);
        }
        if (conn.activeCloser == null && !sender.finArrived) {
            conn.activeCloser = sender;
        }
        post(FdEvents.FD_CLOSE, null);
        sender.maybeEnterTimeWait();
    }

    /** A closed active closer whose FIN has arrived holds its connection's name in TIME_WAIT. */
    final void maybeEnterTimeWait() {
        if (isClosing() && !timeWaitEntered && conn != null && !conn.reset && conn.activeCloser == this
                && peer.finArrived) {
            timeWaitEntered = true;
            stack.timeWait().enter(connectedLocal, peerName, stack.clock().nanoTime(),
                    stack.settings().timeWaitNanos());
            LOG.debug("{} -> {} enters TIME_WAIT", connectedLocal, peerName);
        }
    }

    /** Puts this side's FIN behind its queued data; it arrives once the peer's receive buffer holds the rest. */
    final void sendFin(DeferredCompletions done) {
        if (peer.finIn) {
            return;
        }
        peer.finIn = true;
        conn.pump(done);
    }

    /**
     * An RST from this side: both directions' data is discarded; the other side (if still open) gets FD_CLOSE with
     * WSAECONNRESET, and its pending overlapped operations complete with WSAECONNRESET.
     */
    final void resetConnection(DeferredCompletions done, String why) {
        conn.reset = true;
        inbound.clear();
        peer.inbound.clear();
        if (stack.tracing()) {
            stack.frame(connectedLocal, peerName, "RST", 0, why);
        }
        for (StreamDataPath side : new StreamDataPath[] {this, peer}) {
            if (!side.isClosing()) {
                side.core.sends().abortAll(WsaError.WSAECONNRESET, done);
                side.core.receives().abortAll(WsaError.WSAECONNRESET, done);
                side.post(FdEvents.FD_CLOSE, WsaError.WSAECONNRESET);
            }
        }
        changed.signalAll();
    }
}
