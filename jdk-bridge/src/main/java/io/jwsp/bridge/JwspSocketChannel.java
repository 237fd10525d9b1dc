package io.jwsp.bridge;

import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ServiceFlags;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.NoConnectionPendingException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.SocketChannel;
import java.util.Set;

/**
 * A {@link SocketChannel} over one jwsp stream socket. Blocking mode uses the provider's blocking calls (virtual
 * threads park, they do not pin); nonblocking mode answers 0 where the provider answers WSAEWOULDBLOCK.
 */
public final class JwspSocketChannel extends SocketChannel implements BridgedChannel {
    private enum State { UNCONNECTED, PENDING, CONNECTED }

    private final JwspSelectorProvider provider;
    // Replaced once at most, before the first bind or connect, when the channel was opened without a family.
    private volatile BridgedHandle handle;
    private boolean familyOpen;
    private final boolean messageOriented;
    private final Object stateLock = new Object();
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private State state;
    private SocketAddress remote;
    private boolean bound;
    private volatile boolean inputShutdown;
    private volatile boolean outputShutdown;
    private JwspSocketAdaptor adaptor;

    JwspSocketChannel(JwspSelectorProvider provider, BridgedHandle handle, boolean connected, boolean familyOpen) {
        super(provider);
        this.provider = provider;
        this.handle = handle;
        this.familyOpen = familyOpen;
        this.messageOriented = handle.entry.hasService(ServiceFlags.XP1_MESSAGE_ORIENTED);
        this.state = connected ? State.CONNECTED : State.UNCONNECTED;
        if (connected) {
            bound = true;
            remote = SocketAddresses.toSocketAddress(handle.peerName());
            handle.writable.raise();
        }
    }

    @Override
    public BridgedHandle handle() {
        return handle;
    }

    /** The Winsock handle under this channel. */
    public long winsockHandle() {
        return handle.s;
    }

    @Override
    public SocketChannel bind(SocketAddress local) throws IOException {
        synchronized (stateLock) {
            ensureOpen();
            if (state == State.PENDING) {
                throw new ConnectionPendingException();
            }
            if (state == State.CONNECTED) {
                throw new AlreadyConnectedException();
            }
            if (bound) {
                throw new AlreadyBoundException();
            }
            if (local != null) {
                fixFamily(local);
                handle.bind(local);
                bound = true;
            }
            return this;
        }
    }

    @Override
    public <T> SocketChannel setOption(SocketOption<T> name, T value) throws IOException {
        ensureOpen();
        SocketOptionMapping.set(handle, supportedOptions(), name, value);
        return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        ensureOpen();
        return SocketOptionMapping.get(handle, supportedOptions(), name);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return SocketOptionMapping.STREAM;
    }

    @Override
    public SocketChannel shutdownInput() throws IOException {
        synchronized (stateLock) {
            ensureOpen();
            if (state != State.CONNECTED) {
                throw new NotYetConnectedException();
            }
            if (!inputShutdown) {
                shutdown(ShutdownHow.SD_RECEIVE);
                inputShutdown = true;
            }
            return this;
        }
    }

    @Override
    public SocketChannel shutdownOutput() throws IOException {
        synchronized (stateLock) {
            ensureOpen();
            if (state != State.CONNECTED) {
                throw new NotYetConnectedException();
            }
            if (!outputShutdown) {
                shutdown(ShutdownHow.SD_SEND);
                outputShutdown = true;
            }
            return this;
        }
    }

    private void shutdown(int how) throws IOException {
        WspResult<Void> r = handle.winsock.shutdown(handle.s, how);
        if (r.isFailed() && r.error() != WsaError.WSAENOTCONN) {
            throw WsaErrorTranslation.forIo(r.error());
        }
    }

    boolean socketInputShutdown() {
        return inputShutdown;
    }

    boolean socketOutputShutdown() {
        return outputShutdown;
    }

    @Override
    public Socket socket() {
        synchronized (stateLock) {
            if (adaptor == null) {
                adaptor = JwspSocketAdaptor.create(this);
            }
            return adaptor;
        }
    }

    @Override
    public boolean isConnected() {
        synchronized (stateLock) {
            return state == State.CONNECTED;
        }
    }

    @Override
    public boolean isConnectionPending() {
        synchronized (stateLock) {
            return state == State.PENDING;
        }
    }

    @Override
    public boolean connect(SocketAddress address) throws IOException {
        SockAddr target = SocketAddresses.toSockAddr(address);
        synchronized (stateLock) {
            ensureOpen();
            if (state == State.CONNECTED) {
                throw new AlreadyConnectedException();
            }
            if (state == State.PENDING) {
                throw new ConnectionPendingException();
            }
            fixFamily(address);
        }
        boolean completed = false;
        try {
            begin();
            WspResult<Void> r = handle.winsock.connect(handle.s, target);
            synchronized (stateLock) {
                if (r.isOk()) {
                    state = State.CONNECTED;
                    remote = address;
                    bound = true;
                    handle.writable.raise();
                    completed = true;
                    return true;
                }
                if (r.is(WsaError.WSAEWOULDBLOCK) && !isBlocking()) {
                    state = State.PENDING;
                    remote = address;
                    bound = true;
                    completed = true;
                    return false;
                }
            }
            if (r.is(WsaError.WSAEINTR)) {
                return false; // end() throws AsynchronousCloseException / ClosedByInterruptException
            }
            completed = true;
            throw WsaErrorTranslation.forConnect(r.error());
        } finally {
            endBlocking(completed);
        }
    }

    @Override
    public boolean finishConnect() throws IOException {
        synchronized (stateLock) {
            ensureOpen();
            if (state == State.CONNECTED) {
                return true;
            }
            if (state != State.PENDING) {
                throw new NoConnectionPendingException();
            }
        }
        // Winsock reports a nonblocking connect's outcome through select: writable = connected, except = failed.
        java.time.Duration wait = isBlocking() ? null : java.time.Duration.ZERO;
        WspResult<io.jwsp.runtime.Winsock.Ready> r = handle.winsock.select(Set.of(), Set.of(handle.s),
                Set.of(handle.s), wait);
        if (r.isFailed()) {
            throw WsaErrorTranslation.forConnect(r.error());
        }
        if (r.value().except().contains(handle.s)) {
            WspResult<Integer> err = handle.winsock.getSockOpt(handle.s, io.jwsp.spi.option.SocketOptions.SO_ERROR);
            WsaError e = err.isOk() ? WsaError.ofCode(err.value()) : null;
            if (e == null) {
                e = handle.connectError != null ? handle.connectError : WsaError.WSAECONNREFUSED;
            }
            throw WsaErrorTranslation.forConnect(e);
        }
        if (r.value().write().contains(handle.s)) {
            synchronized (stateLock) {
                state = State.CONNECTED;
                handle.writable.raise();
                handle.connectable = false;
                return true;
            }
        }
        handle.connectable = false;
        return false;
    }

    @Override
    public SocketAddress getRemoteAddress() throws IOException {
        synchronized (stateLock) {
            ensureOpen();
            return state == State.CONNECTED ? remote : null;
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return (int) read(new ByteBuffer[] {dst}, 0, 1);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, dsts.length);
        synchronized (readLock) {
            ensureOpen();
            if (!isConnected()) {
                throw new NotYetConnectedException();
            }
            if (inputShutdown) {
                return -1;
            }
            ByteBuffer[] bufs = offset == 0 && length == dsts.length ? dsts
                    : java.util.Arrays.copyOfRange(dsts, offset, offset + length);
            boolean completed = false;
            try {
                begin();
                long readSeen = handle.readable.seen();
                WspResult<Integer> r = handle.winsock.wsaRecv(handle.s, bufs, 0, null);
                if (r.isOk()) {
                    completed = true;
                    int n = r.value();
                    if (n == 0 && hasRemaining(bufs)) {
                        return -1; // the peer's orderly end
                    }
                    if (hasRemaining(bufs) && !messageOriented) {
                        // A stream recv that did not fill the buffers took all there was: no stale readiness
                        // (a channel reported readable with nothing to read makes Netty fire empty reads).
                        handle.readable.clear(readSeen);
                    }
                    return n;
                }
                WsaError e = r.error();
                if (e == WsaError.WSAEWOULDBLOCK) {
                    handle.readable.clear(readSeen);
                    completed = true;
                    return 0;
                }
                if (e == WsaError.WSAEDISCON) {
                    completed = true;
                    return -1; // a message-oriented provider's graceful end
                }
                if (e == WsaError.WSAEINTR || e == WsaError.WSAENOTSOCK && !isOpen()) {
                    return 0; // end(false) throws AsynchronousCloseException or ClosedByInterruptException
                }
                if (e == WsaError.WSAESHUTDOWN) {
                    completed = true;
                    return -1;
                }
                completed = true;
                throw WsaErrorTranslation.forIo(e);
            } finally {
                endBlocking(completed);
            }
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return (int) write(new ByteBuffer[] {src}, 0, 1);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, srcs.length);
        synchronized (writeLock) {
            ensureOpen();
            if (!isConnected()) {
                throw new NotYetConnectedException();
            }
            if (outputShutdown) {
                throw new ClosedChannelException();
            }
            ByteBuffer[] bufs = offset == 0 && length == srcs.length ? srcs
                    : java.util.Arrays.copyOfRange(srcs, offset, offset + length);
            if (!hasRemaining(bufs)) {
                return 0;
            }
            boolean completed = false;
            try {
                begin();
                long total = 0;
                // A blocking send may take only part of the data (a provider that sends what fits); loop as the
                // JDK's blocking write does, until every byte is written.
                do {
                    long writeSeen = handle.writable.seen();
                    WspResult<Integer> r = handle.winsock.wsaSend(handle.s, bufs, 0, null);
                    if (r.isOk()) {
                        total += r.value();
                        if (!isBlocking()) {
                            break;
                        }
                        continue;
                    }
                    WsaError e = r.error();
                    if (e == WsaError.WSAEWOULDBLOCK) {
                        handle.writable.clear(writeSeen);
                        break;
                    }
                    if (e == WsaError.WSAEINTR || e == WsaError.WSAENOTSOCK && !isOpen()) {
                        return total; // end(false) throws
                    }
                    completed = true;
                    throw WsaErrorTranslation.forIo(e);
                } while (hasRemaining(bufs));
                completed = true;
                return total;
            } finally {
                endBlocking(completed);
            }
        }
    }

    private static boolean hasRemaining(ByteBuffer[] bufs) {
        for (ByteBuffer b : bufs) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public SocketAddress getLocalAddress() throws IOException {
        ensureOpen();
        return SocketAddresses.toSocketAddress(handle.localName());
    }

    @Override
    protected void implCloseSelectableChannel() throws IOException {
        handle.close();
    }

    @Override
    protected void implConfigureBlocking(boolean block) throws IOException {
        handle.setNonBlocking(!block);
    }

    @Override
    public int readyOps() {
        int ops = 0;
        if (handle.readable.isSet() || handle.peerClosed) {
            ops |= java.nio.channels.SelectionKey.OP_READ;
        }
        if (handle.writable.isSet() && isConnected()) {
            ops |= java.nio.channels.SelectionKey.OP_WRITE;
        }
        if (isConnectionPending() && (handle.connectable || connectOutcomeKnown())) {
            ops |= java.nio.channels.SelectionKey.OP_CONNECT;
        }
        return ops;
    }

    /**
     * Whether a pending connect has completed or failed. FD_CONNECT is posted once, possibly before the channel was
     * registered (Winsock does not post it again on WSAEventSelect), so a pending connect also asks the provider's
     * select with a zero time-out.
     */
    private boolean connectOutcomeKnown() {
        WspResult<io.jwsp.runtime.Winsock.Ready> r = handle.winsock.select(Set.of(), Set.of(handle.s),
                Set.of(handle.s), java.time.Duration.ZERO);
        return r.isOk() && r.value().count() > 0;
    }

    /** The first bind or connect of a channel opened without a family picks the family of its address. */
    private void fixFamily(SocketAddress address) throws IOException {
        if (familyOpen) {
            synchronized (blockingLock()) {
                handle = provider.familyFor(handle, address);
            }
            familyOpen = false;
        }
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!isOpen()) {
            throw new ClosedChannelException();
        }
    }

    /** end(), with WSAEINTR as the cause of the AsynchronousCloseException a close or an interrupt makes. */
    private void endBlocking(boolean completed) throws AsynchronousCloseException {
        try {
            end(completed);
        } catch (AsynchronousCloseException e) {
            throw WsaErrorTranslation.interrupted(e);
        }
    }

    @Override
    public String toString() {
        return "JwspSocketChannel[s=" + handle.s + (isOpen() ? "" : " closed") + "]";
    }
}
