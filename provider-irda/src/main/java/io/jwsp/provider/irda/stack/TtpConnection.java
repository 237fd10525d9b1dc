package io.jwsp.provider.irda.stack;

import io.jwsp.provider.irda.medium.LmpFrame;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One end of a TinyTP connection over IrLMP. All methods run under the space's lock.
 *
 * <p>Flow control is TinyTP's: each data frame spends one credit the peer granted; this end grants credit back
 * only as its application reads (a frame fully read frees one), so a receiver that stops reading stops the
 * sender. Data-less frames carry credit when there is nothing to piggyback it on.
 *
 * <p>Ends: a DISCONNECT(1) from the peer is a "disconnect-wait": what arrived stays readable, then recv answers 0.
 * A lost link (or any other reason) is a reset. This end's own disconnect is queued behind its data, on the same
 * link, once TinyTP's transmit queue is empty ({@link #drainThenDisconnect}), or at once after dropping the unsent
 * queue ({@link #disconnectNow}).
 */
public final class TtpConnection {
    public enum State {
        /** Asking the peer's IAS for the service's selector. */
        IAS_QUERY,
        /** CONNECT sent, waiting for CONFIRM. */
        CONNECTING,
        OPEN,
        /** Disconnected, refused or reset; see {@link #ending()}. */
        CLOSED
    }

    /**
     * How a connection ended, as recv and FD_CLOSE see it. MOVED: it went on in another process
     * (WSADuplicateSocket), nothing happened on the wire.
     */
    public enum Ending { NONE, LOCAL_DISCONNECT, PEER_DISCONNECT, REFUSED, RESET, MOVED }

    private final IrlmpStack stack;
    final int localDevice;
    final int localLsap;
    int remoteDevice;
    int remoteLsap;
    private State state;
    private Ending ending = Ending.NONE;
    private int endReason;
    private Runnable onChange = () -> { };

    private final ArrayDeque<byte[]> tx = new ArrayDeque<>();
    private int txHeadOffset;
    private int txBytes;
    private int sendCredit;
    private int dataFramesOnLink;
    private boolean drainThenDisconnect;
    private boolean disconnectQueued;
    private boolean pumping;
    private boolean pumpAgain;

    private final ArrayDeque<byte[]> rx = new ArrayDeque<>();
    private int rxHeadOffset;
    private int rxBytes;
    private int creditsOutstanding;
    private int creditsFreed;
    private boolean discardIncoming;
    private long bytesSent;
    private long framesHandedOn;
    private long bytesReceived;
    // a hand-over to another process: nothing leaves while frozen; whenQuiet runs once no frame of ours is on the link
    private boolean frozen;
    private Runnable whenQuiet;

    TtpConnection(IrlmpStack stack, int localDevice, int localLsap, int remoteDevice, int remoteLsap, State state) {
        this.stack = stack;
        this.localDevice = localDevice;
        this.localLsap = localLsap;
        this.remoteDevice = remoteDevice;
        this.remoteLsap = remoteLsap;
        this.state = state;
    }

    ConnKey key() {
        return new ConnKey(localDevice, localLsap, remoteDevice, remoteLsap);
    }

    public void onChange(Runnable r) {
        this.onChange = r == null ? () -> { } : r;
    }

    public State state() {
        return state;
    }

    public Ending ending() {
        return ending;
    }

    public int endReason() {
        return endReason;
    }

    public int localDevice() {
        return localDevice;
    }

    public int localLsap() {
        return localLsap;
    }

    public int remoteDevice() {
        return remoteDevice;
    }

    public int remoteLsap() {
        return remoteLsap;
    }

    public int sendCredit() {
        return sendCredit;
    }

    public long bytesSent() {
        return bytesSent;
    }

    public long bytesReceived() {
        return bytesReceived;
    }

    /** Data frames handed to the link so far: a stalled peer (no credit) stops it. */
    public long progress() {
        return framesHandedOn;
    }

    // ---- sending

    /** Bytes TinyTP holds that have not finished their air time: unsent, or in frames still on the link. */
    public boolean dataQueued() {
        return state == State.OPEN && !disconnectQueued && (txBytes > 0 || dataFramesOnLink > 0);
    }

    public int txBytes() {
        return txBytes;
    }

    /** Whether this end may still queue data. */
    public boolean canSend() {
        return state == State.OPEN && !drainThenDisconnect && !disconnectQueued;
    }

    /** Queues up to {@code max} bytes from {@code srcs} and starts sending; answers the bytes taken. */
    public int offer(ByteBuffer[] srcs, int max) {
        int taken = 0;
        for (ByteBuffer b : srcs) {
            while (b.hasRemaining() && taken < max) {
                int n = Math.min(b.remaining(), max - taken);
                byte[] chunk = new byte[n];
                b.get(chunk);
                tx.add(chunk);
                txBytes += n;
                taken += n;
            }
        }
        bytesSent += taken;
        pump();
        return taken;
    }

    /** Hands data to the link while credit lasts, grants credit, and sends a queued disconnect once drained. */
    void pump() {
        if (pumping) {
            pumpAgain = true;
            return;
        }
        pumping = true;
        try {
            do {
                pumpAgain = false;
                pumpOnce();
            } while (pumpAgain);
        } finally {
            pumping = false;
        }
    }

    private void pumpOnce() {
        if (state != State.OPEN || disconnectQueued || frozen) {
            return;
        }
        int sdu = stack.maxSdu();
        while (txBytes > 0 && sendCredit > 0) {
            byte[] payload = takeTx(sdu);
            sendCredit--;
            dataFramesOnLink++;
            framesHandedOn++;
            int grant = takeGrant();
            stack.transmit(frame(LmpFrame.Kind.DATA, grant, payload));
        }
        if (creditsFreed > 0 && (creditsOutstanding == 0 || creditsFreed >= Math.max(1, stack.initialCredit() / 2))) {
            stack.transmit(frame(LmpFrame.Kind.DATA, takeGrant(), new byte[0]));
        }
        if (drainThenDisconnect && txBytes == 0) {
            queueDisconnect();
        }
    }

    private int takeGrant() {
        int g = Math.min(creditsFreed, 127);
        creditsFreed -= g;
        creditsOutstanding += g;
        return g;
    }

    private byte[] takeTx(int max) {
        int n = Math.min(max, txBytes);
        byte[] out = new byte[n];
        int filled = 0;
        while (filled < n) {
            byte[] head = tx.peek();
            int k = Math.min(head.length - txHeadOffset, n - filled);
            System.arraycopy(head, txHeadOffset, out, filled, k);
            filled += k;
            txHeadOffset += k;
            if (txHeadOffset == head.length) {
                tx.poll();
                txHeadOffset = 0;
            }
        }
        txBytes -= n;
        return out;
    }

    private LmpFrame frame(LmpFrame.Kind kind, int param, byte[] data) {
        return new LmpFrame(localDevice, remoteDevice, kind, localLsap, remoteLsap, param, data);
    }

    /** Graceful end for a provider without one: drain TinyTP's queue, then DISCONNECT(1) behind the data. */
    public void drainThenDisconnect() {
        if (state != State.OPEN || disconnectQueued) {
            return;
        }
        drainThenDisconnect = true;
        pump();
    }

    /** DISCONNECT(1) now: the unsent queue and frames not yet in the air are dropped. Answers bytes dropped. */
    public int disconnectNow() {
        if (state == State.CLOSED || disconnectQueued) {
            return 0;
        }
        int dropped = txBytes;
        tx.clear();
        txBytes = 0;
        txHeadOffset = 0;
        int flushed = stack.flushData(this);
        dataFramesOnLink -= flushed;
        if (state == State.OPEN || state == State.CONNECTING) {
            queueDisconnect();
        } else {
            end(Ending.LOCAL_DISCONNECT, LmpFrame.REASON_USER_REQUEST);
            stack.forget(this);
        }
        return dropped;
    }

    private void queueDisconnect() {
        disconnectQueued = true;
        stack.transmit(frame(LmpFrame.Kind.DISCONNECT, LmpFrame.REASON_USER_REQUEST, new byte[0]));
        end(Ending.LOCAL_DISCONNECT, LmpFrame.REASON_USER_REQUEST);
    }

    // ---- receiving

    public int rxBytes() {
        return rxBytes;
    }

    /** No application reads this end any more (its socket closed or shut down receiving): incoming data is dropped. */
    public void discardIncoming() {
        discardIncoming = true;
        if (rxBytes > 0) {
            creditsFreed += rx.size();
            rx.clear();
            rxBytes = 0;
            rxHeadOffset = 0;
        }
        pump();
    }

    /** Copies queued data into {@code dsts}; unless peeking, consumes it and frees credit per whole frame. */
    public int read(ByteBuffer[] dsts, boolean peek) {
        int copied = 0;
        int offset = rxHeadOffset;
        var it = rx.iterator();
        byte[] head = it.hasNext() ? it.next() : null;
        int freed = 0;
        for (ByteBuffer d : dsts) {
            while (d.hasRemaining() && head != null) {
                int k = Math.min(d.remaining(), head.length - offset);
                d.put(head, offset, k);
                offset += k;
                copied += k;
                if (offset == head.length) {
                    freed++;
                    head = it.hasNext() ? it.next() : null;
                    offset = 0;
                }
            }
        }
        if (!peek) {
            for (int i = 0; i < freed; i++) {
                rx.poll();
            }
            rxHeadOffset = offset;
            rxBytes -= copied;
            creditsFreed += freed;
            if (freed > 0) {
                pump();
            }
        }
        return copied;
    }

    /** The end of the stream for recv: the connection ended without a reset and everything was read. */
    public boolean atEndOfStream() {
        return state == State.CLOSED && ending != Ending.RESET && ending != Ending.REFUSED && ending != Ending.MOVED
                && rxBytes == 0;
    }

    // ---- frames from the stack

    void arrived(LmpFrame f) {
        switch (f.kind()) {
            case CONFIRM -> {
                if (state == State.CONNECTING) {
                    state = State.OPEN;
                    sendCredit = f.param();
                    pump();
                }
            }
            case DISCONNECT -> {
                if (state == State.CONNECTING || state == State.IAS_QUERY) {
                    end(Ending.REFUSED, f.param());
                } else if (state == State.OPEN) {
                    if (f.param() == LmpFrame.REASON_USER_REQUEST) {
                        end(Ending.PEER_DISCONNECT, f.param());
                    } else {
                        reset(f.param());
                    }
                }
            }
            case DATA -> {
                if (state != State.OPEN || disconnectQueued) {
                    return; // IrLMP drops data for a connection this end has already disconnected
                }
                if (f.data().length > 0 && creditsOutstanding == 0) {
                    beyondCredit(f);
                    return;
                }
                sendCredit += f.param();
                if (f.data().length > 0) {
                    creditsOutstanding--;
                    bytesReceived += f.data().length;
                    if (discardIncoming) {
                        creditsFreed++;
                    } else {
                        rx.add(f.data());
                        rxBytes += f.data().length;
                    }
                }
                pump();
            }
            default -> { }
        }
        onChange.run();
    }

    /**
     * A data frame that spends a credit this end never granted: the peer broke TinyTP's flow control (each data
     * PDU consumes one credit the receiver gave; a sender with none must wait). It is a protocol error, which
     * IrLMP answers by ending the connection: the frame is dropped and counted, this end resets (recv fails
     * WSAECONNRESET, unread data is gone), and DISCONNECT with an unspecified reason tells the peer, which resets
     * too, since only reason 1 is a normal end.
     */
    private void beyondCredit(LmpFrame f) {
        stack.countBeyondCredit(this, f.data().length);
        stack.transmit(frame(LmpFrame.Kind.DISCONNECT, LmpFrame.REASON_UNSPECIFIED, new byte[0]));
        reset(LmpFrame.REASON_UNSPECIFIED);
    }

    void transmitted(LmpFrame f) {
        if (f.kind() == LmpFrame.Kind.DATA && f.data().length > 0 && dataFramesOnLink > 0) {
            dataFramesOnLink--;
            onChange.run();
        } else if (f.kind() == LmpFrame.Kind.DISCONNECT) {
            stack.forget(this);
            onChange.run();
        }
        checkQuiet();
    }

    // ---- moving to another process (WSADuplicateSocket)

    /**
     * Stops sending (frames still arrive and are kept) and runs {@code quiet} once none of this end's frames is
     * waiting for, or in, its air time: everything sent before the freeze has left, in order, ahead of what the
     * caller sends next.
     */
    public void freeze(Runnable quiet) {
        frozen = true;
        whenQuiet = quiet;
        checkQuiet();
    }

    /** Sends again after {@link #freeze}. */
    public void thaw() {
        frozen = false;
        whenQuiet = null;
        pump();
        onChange.run();
    }

    public boolean frozen() {
        return frozen;
    }

    private void checkQuiet() {
        if (whenQuiet != null && stack.framesOnLink(this) == 0) {
            Runnable r = whenQuiet;
            whenQuiet = null;
            r.run();
        }
    }

    /** What this end is now, for the process that carries it on; unread data keeps its frames (credit per frame). */
    public ConnectionImage image() {
        List<byte[]> unread = new ArrayList<>(rx.size());
        int offset = rxHeadOffset;
        for (byte[] f : rx) {
            unread.add(offset == 0 ? f : Arrays.copyOfRange(f, offset, f.length));
            offset = 0;
        }
        byte[] unsent = new byte[txBytes];
        int at = 0;
        int headOffset = txHeadOffset;
        for (byte[] chunk : tx) {
            int n = chunk.length - headOffset;
            System.arraycopy(chunk, headOffset, unsent, at, n);
            at += n;
            headOffset = 0;
        }
        return new ConnectionImage(remoteDevice, remoteLsap, state == State.OPEN, ending, endReason, sendCredit,
                creditsOutstanding, creditsFreed, drainThenDisconnect, discardIncoming, unread, unsent);
    }

    /** The connection went on in another process: this end forgets it without a frame on the wire. */
    public void moved() {
        rx.clear();
        rxBytes = 0;
        rxHeadOffset = 0;
        tx.clear();
        txBytes = 0;
        txHeadOffset = 0;
        frozen = false;
        whenQuiet = null;
        state = State.CLOSED;
        ending = Ending.MOVED;
        stack.forget(this);
        onChange.run();
    }

    /** This end as another process left it ({@link #image}); the caller registers it and pumps. */
    void restore(ConnectionImage image) {
        state = image.open() ? State.OPEN : State.CLOSED;
        ending = image.ending();
        endReason = image.endReason();
        sendCredit = image.sendCredit();
        creditsOutstanding = image.creditsOutstanding();
        creditsFreed = image.creditsFreed();
        drainThenDisconnect = image.drainThenDisconnect();
        discardIncoming = image.discardIncoming();
        for (byte[] f : image.unread()) {
            rx.add(f);
            rxBytes += f.length;
        }
        if (image.unsent().length > 0) {
            tx.add(image.unsent());
            txBytes = image.unsent().length;
        }
    }

    /** The peer's IAS named the selector: send CONNECT with the initial credit. */
    void iasAnswered(int lsap) {
        if (state != State.IAS_QUERY) {
            return;
        }
        stack.rekey(this, lsap);
        connect();
    }

    void connect() {
        state = State.CONNECTING;
        creditsOutstanding = stack.initialCredit();
        stack.transmit(frame(LmpFrame.Kind.CONNECT, creditsOutstanding, new byte[0]));
        onChange.run();
    }

    /** Accepting side: CONNECT arrived with the peer's credit; answer CONFIRM with ours. */
    void confirm(int peerCredit) {
        state = State.OPEN;
        sendCredit = peerCredit;
        creditsOutstanding = stack.initialCredit();
        stack.transmit(frame(LmpFrame.Kind.CONFIRM, creditsOutstanding, new byte[0]));
    }

    void refuse() {
        end(Ending.REFUSED, 0);
        onChange.run();
    }

    /** Ends the connection here as a reset (a lost link, a protocol error, a hand-over that never finished). */
    public void reset(int reason) {
        rx.clear();
        rxBytes = 0;
        rxHeadOffset = 0;
        tx.clear();
        txBytes = 0;
        end(Ending.RESET, reason);
        onChange.run();
    }

    private void end(Ending how, int reason) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        ending = how;
        endReason = reason;
        if (how != Ending.LOCAL_DISCONNECT) {
            tx.clear();
            txBytes = 0;
            dataFramesOnLink -= stack.flushData(this);
            stack.forget(this);
        }
        checkQuiet();
    }

    @Override
    public String toString() {
        return "TinyTP " + Integer.toHexString(localDevice) + "/" + localLsap + " <-> "
                + Integer.toHexString(remoteDevice) + "/" + remoteLsap + " " + state;
    }
}
