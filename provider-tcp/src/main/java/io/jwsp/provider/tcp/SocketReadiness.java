package io.jwsp.provider.tcp;

import io.jwsp.provider.tcp.poll.Pollable;
import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.kit.NetworkEventRecorder;
import io.jwsp.spi.kit.SocketCore;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.kit.state.SocketState;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One tcp socket's glue to the provider's poller: what it wants the selector to watch and what it does when the
 * kernel reports readiness. The kernel's readiness is level-triggered, so an event already posted stops the watch
 * for it until the call that consumes it re-enables it ({@code *Armed}); blocked callers ask for one report
 * ({@code *Wanted}); select calls watch until they are answered. Events go through the kit's
 * {@link NetworkEventRecorder}. Every field is guarded by the socket's lock.
 */
final class SocketReadiness implements Pollable {
    private final TcpSocket socket;
    private final SocketCore core;
    private final ReentrantLock lock;
    private final KernelChannel channel;

    private boolean readWanted;
    private boolean writeWanted;
    private boolean readArmed = true;
    private boolean writeArmed = true;
    private boolean acceptArmed = true;
    /**
     * A nonblocking send met a full kernel queue: later sends answer WSAEWOULDBLOCK until the poller sees the socket
     * writable again (EPOLLOUT, which the kernel reports only once a good share of the queue is free). This is
     * Winsock's "wait for FD_WRITE" made stable: a trickle of acknowledgements does not flip the answer.
     */
    private boolean sendBlocked;
    private final List<SelectWatch> selectWatches = new ArrayList<>();
    private final PeerEndWatch peerEnd;

    private record SelectWatch(SelectCall call, int kind) {
    }

    SocketReadiness(TcpSocket socket) {
        this.socket = socket;
        this.core = socket.core();
        this.lock = socket.lock();
        this.channel = socket.channel();
        this.peerEnd = new PeerEndWatch(socket);
    }

    /** Recomputes the interest on the poller thread. */
    void update() {
        socket.provider().poller().update(this);
    }

    // ------------------------------------------------------------------ callers (lock held)

    /** A blocked receive or accept waits for the next readable report; answers {@code null} for the kit's loop. */
    <T> WspResult<T> awaitReadable() {
        readWanted = true;
        update();
        return null;
    }

    /** A blocked send waits for the next writable report. */
    <T> WspResult<T> awaitWritable() {
        writeWanted = true;
        update();
        return null;
    }

    boolean sendBlocked() {
        return sendBlocked;
    }

    /** A nonblocking send met a full queue: FD_WRITE is re-enabled and posted once the queue drains. */
    void sendWouldBlock() {
        sendBlocked = true;
        writeArmed = true;
        update();
    }

    /**
     * A receive saw the peer's end (end of stream or a reset): FD_CLOSE, if the poller has not posted it already
     * (the kit's recorder posts it once per connection). Lock held.
     */
    void noticeEnd() {
        ReceiveBuffer receive = socket.receive();
        if (receive.ended()) {
            core.events().postClose(receive.isReset() ? WsaError.WSAECONNRESET : null);
            peerEnd.stop();
        }
    }

    /** recv consumed data: FD_READ again now if stashed data is left, else at the kernel's next readable report. */
    void reenableRead() {
        noticeEnd();
        if (socket.receive().hasData() && (core.events().mask() & FdEvents.FD_READ) != 0) {
            readArmed = false;
            core.events().reenable(FdEvents.FD_READ, true);
        } else {
            readArmed = true;
            peerEnd.stop(); // the poller watches for reading again, and sees the end itself
        }
        updateIfPolled();
    }

    /** connect succeeded at once: FD_WRITE at the next writable report. */
    void reenableWrite() {
        writeArmed = true;
        updateIfPolled();
    }

    /** accept (or a refusal) consumed a connection: FD_ACCEPT again at the next report. */
    void reenableAccept() {
        acceptArmed = true;
        updateIfPolled();
    }

    private void updateIfPolled() {
        if (core.events().isActive() && !channel.isDirect()) {
            update();
        }
    }

    // ------------------------------------------------------------------ event select

    /**
     * WSPEventSelect. Ending an association ({@code networkEvents} 0) needs no polling: it never switches the
     * channel's mode (that would wait for a thread blocked in a direct accept or recv) nor waits for the poller.
     * A new association records at once what holds now: the poller looks once before this returns.
     */
    WspResult<Void> eventSelect(WspEvent event, int networkEvents) {
        lock.lock();
        try {
            WsaError notOpen = core.status().ensureOpen();
            if (notOpen != null) {
                return WspResult.fail(notOpen);
            }
            if (networkEvents != 0 && event == null) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            socket.selectEvents(event, networkEvents);
            // conditions that hold now are recorded again (WSAEventSelect re-enables every event)
            readArmed = true;
            writeArmed = true;
            acceptArmed = true;
        } finally {
            lock.unlock();
        }
        if (networkEvents == 0) {
            if (!channel.isDirect()) {
                update();
            }
            return WspResult.ok();
        }
        channel.ensurePolled();
        update();
        socket.provider().poller().sync();
        return WspResult.ok();
    }

    /** An accepted socket takes over its listener's association (its own lock free: nobody else knows it yet). */
    void inheritSelection(WspEvent event, int mask) {
        if (mask == 0) {
            return;
        }
        core.events().select(event, mask);
        channel.ensurePolled();
        update();
    }

    // ------------------------------------------------------------------ select

    void watchForSelect(SelectCall call, int kind) {
        channel.ensurePolled();
        lock.lock();
        try {
            boolean now = switch (kind) {
                case SelectCall.READ -> socket.receive().hasData() || socket.receive().ended()
                        || socket.listenerSide().hasDeferred();
                case SelectCall.EXCEPT -> socket.connectFailureUnseen();
                default -> false;
            };
            if (now) {
                call.ready(socket, kind);
            } else {
                selectWatches.add(new SelectWatch(call, kind));
            }
        } finally {
            lock.unlock();
        }
        update();
    }

    void unwatchForSelect(SelectCall call) {
        lock.lock();
        try {
            selectWatches.removeIf(w -> w.call() == call);
        } finally {
            lock.unlock();
        }
    }

    /**
     * closesocket: every select watching this socket wakes and sees it ready once, in the first set it was asked in
     * (read, then write, then except), as Windows reports a socket closed under a select. Lock held.
     */
    void closing() {
        List<SelectCall> told = new ArrayList<>(2);
        for (int kind = SelectCall.READ; kind <= SelectCall.EXCEPT; kind++) {
            for (SelectWatch w : selectWatches) {
                if (w.kind() == kind && !told.contains(w.call())) {
                    told.add(w.call());
                    w.call().readyOnce(socket, kind);
                }
            }
        }
        selectWatches.clear();
        peerEnd.stop();
    }

    private void notifySelect(int kind) {
        selectWatches.removeIf(w -> {
            if (w.kind() == kind) {
                w.call().ready(socket, kind);
                return true;
            }
            return false;
        });
    }

    // ------------------------------------------------------------------ the poller's side

    @Override
    public SelectableChannel channel() {
        return channel.current();
    }

    @Override
    public int interest() {
        lock.lock();
        try {
            return interestLocked();
        } finally {
            lock.unlock();
        }
    }

    private int interestLocked() {
        if (core.status().isClosing()) {
            return 0;
        }
        boolean selectRead = false;
        boolean selectWrite = false;
        for (SelectWatch w : selectWatches) {
            selectRead |= w.kind() == SelectCall.READ;
            selectWrite |= w.kind() == SelectCall.WRITE;
        }
        int mask = core.events().mask();
        return switch (core.status().state()) {
            case LISTENING -> (readWanted || selectRead || (acceptArmed && (mask & FdEvents.FD_ACCEPT) != 0))
                    ? SelectionKey.OP_ACCEPT : 0;
            case CONNECTING -> SelectionKey.OP_CONNECT;
            case CONNECTED -> {
                int ops = 0;
                if (readWanted || selectRead || !core.receives().isEmpty() || wantsEventRead(mask)) {
                    ops |= SelectionKey.OP_READ;
                }
                boolean eventWrite = writeArmed && (mask & FdEvents.FD_WRITE) != 0;
                if (writeWanted || selectWrite || !core.sends().isEmpty() || eventWrite || sendBlocked) {
                    ops |= SelectionKey.OP_WRITE;
                }
                yield ops;
            }
            default -> 0;
        };
    }

    /** Reading for events: while FD_READ or FD_CLOSE is selected and armed, until the peer's end is seen. */
    private boolean wantsEventRead(int mask) {
        return readArmed && !socket.receive().ended() && (mask & (FdEvents.FD_READ | FdEvents.FD_CLOSE)) != 0;
    }

    @Override
    public int ready(int ops) {
        DeferredCompletions done = new DeferredCompletions();
        int want;
        lock.lock();
        try {
            if (core.status().isClosing()) {
                return 0;
            }
            core.changed().signalAll();
            SocketState state = core.status().state();
            if ((ops & SelectionKey.OP_CONNECT) != 0 && state == SocketState.CONNECTING) {
                socket.connector().finishConnect();
                if (core.status().is(SocketState.CONNECTED)) {
                    writeArmed = true;
                    notifySelect(SelectCall.WRITE);
                } else if (!core.status().is(SocketState.CONNECTING)) {
                    notifySelect(SelectCall.EXCEPT);
                }
            }
            state = core.status().state();
            if (state == SocketState.LISTENING && (ops & SelectionKey.OP_ACCEPT) != 0) {
                readWanted = false;
                notifySelect(SelectCall.READ);
                if (acceptArmed && (core.events().mask() & FdEvents.FD_ACCEPT) != 0) {
                    acceptArmed = false;
                    core.events().post(FdEvents.FD_ACCEPT, null);
                }
            }
            if (state == SocketState.CONNECTED && (ops & SelectionKey.OP_READ) != 0) {
                readWanted = false;
                socket.transfers().completeReceives(done);
                notifySelect(SelectCall.READ);
                postReadEvents();
            }
            if (state == SocketState.CONNECTED && (ops & SelectionKey.OP_WRITE) != 0) {
                writeWanted = false;
                sendBlocked = false;
                socket.transfers().completeSends(done);
                notifySelect(SelectCall.WRITE);
                if (writeArmed && (core.events().mask() & FdEvents.FD_WRITE) != 0) {
                    writeArmed = false;
                    core.events().post(FdEvents.FD_WRITE, null);
                }
            }
            want = interestLocked();
        } finally {
            lock.unlock();
        }
        core.fire(done);
        return want;
    }

    /**
     * Data or the end of the connection? FD_READ for data (then, with FD_CLOSE selected, {@link PeerEndWatch} looks
     * for a FIN behind it); FD_CLOSE (0 after a FIN, WSAECONNRESET after an RST) when the end shows with nothing
     * unread.
     */
    private void postReadEvents() {
        NetworkEventRecorder events = core.events();
        int mask = events.mask();
        if (!wantsEventRead(mask)) {
            return;
        }
        ReceiveBuffer receive = socket.receive();
        if (receive.lookAhead(channel.stream(), socket.input(), socket::ioFailedLocked)) {
            readArmed = false;
            events.post(FdEvents.FD_READ, null);
            if ((mask & FdEvents.FD_CLOSE) != 0) {
                peerEnd.start();
            }
        } else if (receive.ended()) {
            readArmed = false;
            noticeEnd();
        }
    }
}
