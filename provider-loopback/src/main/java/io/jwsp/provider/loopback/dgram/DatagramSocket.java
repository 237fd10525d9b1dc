package io.jwsp.provider.loopback.dgram;

import io.jwsp.provider.loopback.core.Buffers;
import io.jwsp.provider.loopback.core.LoopbackSocket;
import io.jwsp.provider.loopback.core.LoopbackStack;
import io.jwsp.provider.loopback.net.AddressSpace;
import io.jwsp.provider.loopback.net.Transport;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.close.CloseOutcome;
import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.close.CloseType;
import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.io.AcceptCondition;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.io.MsgFlags;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.Received;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.kit.closing.CloseFacts;
import io.jwsp.spi.kit.closing.CloseRows;
import io.jwsp.spi.kit.ext.ExtensionTable;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.kit.pending.PendingTransfer;
import io.jwsp.spi.kit.transmit.TransmitExtensions;
import io.jwsp.spi.kit.wait.BlockingWait;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * A loopback datagram socket (the UDP role): message boundaries kept, a bounded receive queue that drops what does
 * not fit (as UDP does), WSAEMSGSIZE with the data truncated when the buffer is short (as Winsock does), a default
 * peer set by connect (which also filters what is received), and no linger: SO_LINGER and SO_DONTLINGER answer
 * WSAENOPROTOOPT. Sending never blocks.
 */
public final class DatagramSocket extends LoopbackSocket implements CloseRows {
    /** TransmitPackets (every send one datagram) and TransmitFile (WSAEOPNOTSUPP: it takes no datagram socket). */
    private static final ExtensionTable EXTENSIONS = TransmitExtensions.offer(ExtensionTable.builder()).build();

    private record Datagram(byte[] data, InetSockAddr from) {
    }

    private ArrayDeque<Datagram> queue;
    private int queuedBytes;
    /** The name a closing socket had, for its close record (release frees it). */
    private SockAddr nameAtClose;
    private InetSockAddr defaultPeer;
    private boolean sendShutdown;
    private boolean receiveShutdown;
    private boolean broadcast;
    private boolean readSignalled;

    public DatagramSocket(LoopbackStack stack, ProtocolInfo info, int family) {
        super(stack, info, family);
        this.sendBuffer = stack.settings().sendBuffer();
        this.receiveBuffer = stack.settings().datagramReceiveBuffer();
    }

    @Override
    protected Transport transport() {
        return Transport.DATAGRAM;
    }

    // ------------------------------------------------------------------ connect: the default peer

    @Override
    public WspResult<Void> connect(SockAddr name) {
        lock.lock();
        try {
            if (isClosing()) {
                return fail(WsaError.WSAENOTSOCK);
            }
            if (!(name instanceof InetSockAddr peer)) {
                return fail(WsaError.WSAEFAULT);
            }
            if (peer.addressFamily() != family) {
                return fail(WsaError.WSAEAFNOSUPPORT);
            }
            if (peer.isWildcard()) {
                defaultPeer = null; // an all-zero address dissolves the association
                return WspResult.ok();
            }
            if (peer.port() == 0) {
                return fail(WsaError.WSAEADDRNOTAVAIL);
            }
            WsaError e = bindImplicitly();
            if (e != null) {
                return fail(e);
            }
            defaultPeer = peer;
            if (eventSelectActive()) {
                post(FdEvents.FD_CONNECT, null);
                post(FdEvents.FD_WRITE, null);
            }
            return WspResult.ok();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public WspResult<SockAddr> getPeerName() {
        lock.lock();
        try {
            if (isClosing()) {
                return fail(WsaError.WSAENOTSOCK);
            }
            return defaultPeer == null ? fail(WsaError.WSAENOTCONN) : WspResult.ok(defaultPeer);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public WspResult<Void> listen(int backlog) {
        return whenOpen(WsaError.WSAEOPNOTSUPP);
    }

    @Override
    public WspResult<Accepted> accept(AcceptCondition condition) {
        return whenOpen(WsaError.WSAEOPNOTSUPP);
    }

    @Override
    public WspResult<Void> sendDisconnect(ByteBuffer disconnectData) {
        return whenOpen(WsaError.WSAEOPNOTSUPP);
    }

    @Override
    public WspResult<Integer> recvDisconnect(ByteBuffer disconnectData) {
        return whenOpen(WsaError.WSAEOPNOTSUPP);
    }

    // ------------------------------------------------------------------ send

    @Override
    public WspResult<Integer> send(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        return sendMessage(buffers, flags, null, false, overlapped);
    }

    @Override
    public WspResult<Integer> sendTo(ByteBuffer[] buffers, int flags, SockAddr to, Overlapped overlapped) {
        return sendMessage(buffers, flags, to, true, overlapped);
    }

    private WspResult<Integer> sendMessage(ByteBuffer[] buffers, int flags, SockAddr to, boolean addressed,
                                           Overlapped overlapped) {
        InetSockAddr destination;
        InetSockAddr from;
        byte[] data;
        lock.lock();
        try {
            WsaError refusal = transferRefusal(buffers, flags, false);
            if (refusal != null) {
                return fail(refusal);
            }
            if (sendShutdown) {
                return fail(WsaError.WSAESHUTDOWN);
            }
            if (defaultPeer != null) {
                destination = defaultPeer; // a connected socket ignores sendTo's address
            } else if (!addressed) {
                return fail(WsaError.WSAENOTCONN);
            } else if (to == null) {
                return fail(WsaError.WSAEDESTADDRREQ);
            } else if (!(to instanceof InetSockAddr a)) {
                return fail(WsaError.WSAEFAULT);
            } else if (a.addressFamily() != family) {
                return fail(WsaError.WSAEAFNOSUPPORT);
            } else if (a.isWildcard() || a.port() == 0) {
                return fail(WsaError.WSAEADDRNOTAVAIL);
            } else {
                destination = a;
            }
            long total = 0;
            for (ByteBuffer b : buffers) {
                total += b.remaining();
            }
            if (total > info.maxMessageSize()) {
                return fail(WsaError.WSAEMSGSIZE);
            }
            WsaError e = bindImplicitly();
            if (e != null) {
                return fail(e);
            }
            if (overlapped != null) {
                WsaError claim = stack.claim(overlapped);
                if (claim != null) {
                    return fail(claim);
                }
            }
            from = localName.isWildcard() ? new InetSockAddr(sourceAddress(destination), localName.port())
                    : localName;
            data = Buffers.gather(buffers, (int) total);
        } finally {
            lock.unlock();
        }
        if (stack.tracing()) {
            stack.frame(from, destination, "DATAGRAM", data.length, null);
        }
        for (Object candidate : stack.addresses().receivers(Transport.DATAGRAM, destination)) {
            if (candidate instanceof DatagramSocket receiver && receiver.deliver(data, from)) {
                break;
            }
        }
        if (overlapped != null) {
            stack.complete(overlapped, null, data.length, 0, null);
        }
        return WspResult.ok(data.length);
    }

    private java.net.InetAddress sourceAddress(InetSockAddr destination) {
        return destination.address().isLoopbackAddress() ? destination.address() : AddressSpace.loopbackOf(family);
    }

    /** A datagram arrives. Answers false when this socket does not take it (closed, filtered); a full queue drops it. */
    private boolean deliver(byte[] data, InetSockAddr from) {
        DeferredCompletions done = new DeferredCompletions();
        lock.lock();
        try {
            if (isClosing()) {
                return false;
            }
            if (defaultPeer != null && !defaultPeer.equals(from)) {
                return false;
            }
            if (receiveShutdown) {
                return true;
            }
            if (!core.receives().isEmpty()) {
                completeReceive(new Datagram(data, from), done);
                return true;
            }
            if (queue == null) {
                queue = new ArrayDeque<>();
            }
            if (!queue.isEmpty() && (long) queuedBytes + data.length > Math.max(1, receiveBuffer)) {
                if (stack.tracing()) {
                    stack.frame(from, localName, "DROP", data.length, "receive queue full");
                }
                return true;
            }
            queue.addLast(new Datagram(data, from));
            queuedBytes += data.length;
            if (!readSignalled) {
                readSignalled = true;
                post(FdEvents.FD_READ, null);
            }
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
            done.fire(stack::complete);
            stack.readiness().changed();
        }
    }

    /** The oldest pending receive takes {@code d} whole, or its first part with WSAEMSGSIZE. */
    private void completeReceive(Datagram d, DeferredCompletions done) {
        PendingTransfer p = core.receives().first();
        int n = Buffers.scatter(d.data, d.data.length, p.buffers());
        p.moved(n);
        WsaError error = n < d.data.length ? WsaError.WSAEMSGSIZE : null;
        core.receives().completeFirst(error, error == null ? 0 : MsgFlags.MSG_PARTIAL, d.from, done);
    }

    // ------------------------------------------------------------------ receive

    @Override
    public WspResult<Integer> recv(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        return receive(buffers, flags, overlapped).map(Received::bytes);
    }

    @Override
    public WspResult<Received> recvFrom(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        return receive(buffers, flags, overlapped);
    }

    private WspResult<Received> receive(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        Received now = null;
        lock.lock();
        BlockingWait wait = null;
        try {
            WsaError refusal = transferRefusal(buffers, flags, true);
            if (refusal != null) {
                return fail(refusal);
            }
            if (localName == null) {
                return fail(WsaError.WSAEINVAL);
            }
            if (receiveShutdown) {
                return fail(WsaError.WSAESHUTDOWN);
            }
            boolean peek = (flags & MsgFlags.MSG_PEEK) != 0;
            while (true) {
                if (queue != null && !queue.isEmpty()) {
                    Datagram d = peek ? queue.peekFirst() : queue.pollFirst();
                    if (!peek) {
                        queuedBytes -= d.data.length;
                    }
                    readSignalled = false;
                    if (queue.isEmpty()) {
                        readSignalled = false;
                    } else {
                        readSignalled = true;
                        post(FdEvents.FD_READ, null);
                    }
                    int n = Buffers.scatter(d.data, d.data.length, buffers);
                    if (n < d.data.length) {
                        return fail(WsaError.WSAEMSGSIZE); // the rest of the message is lost, as Winsock says
                    }
                    if (overlapped != null) {
                        WsaError claim = stack.claim(overlapped);
                        if (claim != null) {
                            return fail(claim);
                        }
                    }
                    now = new Received(n, d.from, 0);
                    break;
                }
                if (overlapped != null) {
                    WsaError claim = stack.claim(overlapped);
                    if (claim != null) {
                        return fail(claim);
                    }
                    core.receives().add(new PendingTransfer(overlapped, buffers, flags, 0));
                    stack.pending(overlapped);
                    readSignalled = false;
                    return WspResult.pending();
                }
                if (nonBlocking) {
                    readSignalled = false;
                    return fail(WsaError.WSAEWOULDBLOCK);
                }
                if (wait == null) {
                    wait = startWait(millisToNanos(receiveTimeoutMillis));
                }
                WsaError e = parkOnce(wait);
                if (e != null) {
                    return fail(e);
                }
                if (receiveShutdown) {
                    return fail(WsaError.WSAESHUTDOWN);
                }
            }
        } finally {
            if (wait != null) {
                wait.end();
            }
            lock.unlock();
        }
        if (overlapped != null) {
            stack.complete(overlapped, null, now.bytes(), 0, now.from());
        }
        return WspResult.ok(now);
    }

    // ------------------------------------------------------------------ readiness and events

    @Override
    public boolean readyToRead() {
        lock.lock();
        try {
            return isClosing() || receiveShutdown || queue != null && !queue.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean readyToWrite() {
        lock.lock();
        try {
            return !isClosing();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean readyExcept() {
        return false;
    }

    @Override
    protected void postCurrentConditions() {
        if (queue != null && !queue.isEmpty()) {
            readSignalled = true;
            post(FdEvents.FD_READ, null);
        }
        post(FdEvents.FD_WRITE, null);
    }

    @Override
    protected int readableBytes() {
        return queue == null || queue.isEmpty() ? 0 : queue.peekFirst().data.length;
    }

    // ------------------------------------------------------------------ shutdown, options, close

    @Override
    public WspResult<Void> shutdown(int how) {
        lock.lock();
        try {
            if (isClosing()) {
                return fail(WsaError.WSAENOTSOCK);
            }
            if (!ShutdownHow.isValid(how)) {
                return fail(WsaError.WSAEINVAL);
            }
            // No connection needed: an unconnected datagram socket answers 0 too (observed Windows).
            if (ShutdownHow.stopsReceiving(how)) {
                receiveShutdown = true;
            }
            if (ShutdownHow.stopsSending(how)) {
                sendShutdown = true;
            }
            changed.signalAll();
            return WspResult.ok();
        } finally {
            lock.unlock();
            stack.readiness().changed();
        }
    }

    @Override
    protected WsaError setSpecific(SockOpt<?> o, Object value) {
        if (o.level() == SocketOptions.SOL_SOCKET && o.name() == 0x20) { // SO_BROADCAST
            if (!(value instanceof Boolean b)) {
                return WsaError.WSAEFAULT;
            }
            broadcast = b;
            return null;
        }
        // SO_LINGER, SO_DONTLINGER, SO_KEEPALIVE, TCP_NODELAY ... mean nothing without a connection to close.
        return WsaError.WSAENOPROTOOPT;
    }

    @Override
    protected Object getSpecific(SockOpt<?> o) {
        if (o.level() == SocketOptions.SOL_SOCKET) {
            switch (o.name()) {
                case 0x20 -> {
                    return broadcast;
                }
                case 0x2003 -> {
                    return info.maxMessageSize();
                }
                case 0x2 -> {
                    return false;
                }
                default -> { }
            }
        }
        return WsaError.WSAENOPROTOOPT;
    }

    /** closesocket: the kit's close sequence; a datagram socket has no linger, so every row is the same. */
    @Override
    public WspResult<Void> closeSocket() {
        WspResult<Void> result = core.close(this);
        stack.readiness().changed();
        return result;
    }

    @Override
    public CloseFacts closeFacts() {
        return new CloseFacts(Linger.DONT_LINGER, nonBlocking, false, sendShutdown);
    }

    /** Queued datagrams are dropped and the name freed (pending receives were aborted by the kit). */
    @Override
    public void stopMedium(DeferredCompletions done) {
        queue = null;
        queuedBytes = 0;
        nameAtClose = localName;
        release();
    }

    @Override
    public CloseType closeGracefullyInBackground() {
        return CloseType.NO_CONNECTION;
    }

    @Override
    public CloseType closeAbortively() {
        return CloseType.NO_CONNECTION;
    }

    @Override
    public CloseType closeAfterLinger(long deadlineNanos) {
        return CloseType.NO_CONNECTION; // never chosen: nothing is ever queued for a peer
    }

    @Override
    public CloseRecord closeRecord(CloseOutcome outcome, CloseType type, long waitedNanos) {
        return new CloseRecord(stack.providerName(), nameAtClose, defaultPeer, outcome, type, 0, false);
    }

    /** The last WSPCleanup: the kit's cleanup close. */
    @Override
    public void forceClose() {
        DeferredCompletions done = new DeferredCompletions();
        core.release(this, CloseOutcome.GRACEFUL_IN_BACKGROUND, done);
        done.fire(stack::complete);
    }

    @Override
    public String toString() {
        return "loopback datagram " + localName + (defaultPeer != null ? " -> " + defaultPeer : "");
    }

    @Override
    protected ExtensionTable extensions() {
        return EXTENSIONS;
    }
}
