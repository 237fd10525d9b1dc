package io.jwsp.bridge;

import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NotYetBoundException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;

/** A {@link ServerSocketChannel} over one jwsp listening socket. */
public final class JwspServerSocketChannel extends ServerSocketChannel implements BridgedChannel {
    private final JwspSelectorProvider provider;
    // Replaced once at most, at bind, when the channel was opened without a family.
    private volatile BridgedHandle handle;
    private boolean familyOpen;
    private final Object lock = new Object();
    private boolean bound;
    private JwspServerSocketAdaptor adaptor;

    JwspServerSocketChannel(JwspSelectorProvider provider, BridgedHandle handle, boolean familyOpen) {
        super(provider);
        this.provider = provider;
        this.handle = handle;
        this.familyOpen = familyOpen;
    }

    @Override
    public BridgedHandle handle() {
        return handle;
    }

    @Override
    public ServerSocketChannel bind(SocketAddress local, int backlog) throws IOException {
        synchronized (lock) {
            ensureOpen();
            if (bound) {
                throw new AlreadyBoundException();
            }
            SocketAddress where = local != null ? local : provider.wildcardAddress();
            if (familyOpen) {
                synchronized (blockingLock()) {
                    handle = provider.familyFor(handle, where);
                }
                familyOpen = false;
            }
            handle.bind(where);
            WspResult<Void> r = handle.winsock.listen(handle.s, backlog < 1 ? 50 : backlog);
            if (r.isFailed()) {
                throw WsaErrorTranslation.forBind(r.error());
            }
            bound = true;
            return this;
        }
    }

    boolean isBound() {
        synchronized (lock) {
            return bound;
        }
    }

    @Override
    public <T> ServerSocketChannel setOption(SocketOption<T> name, T value) throws IOException {
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
        return SocketOptionMapping.LISTENER;
    }

    @Override
    public ServerSocket socket() {
        synchronized (lock) {
            if (adaptor == null) {
                adaptor = JwspServerSocketAdaptor.create(this);
            }
            return adaptor;
        }
    }

    @Override
    public SocketChannel accept() throws IOException {
        synchronized (lock) {
            ensureOpen();
            if (!bound) {
                throw new NotYetBoundException();
            }
        }
        boolean completed = false;
        try {
            begin();
            long acceptSeen = handle.acceptable.seen();
            WspResult<Long> r = handle.winsock.accept(handle.s);
            if (r.isOk()) {
                completed = true;
                BridgedHandle accepted = new BridgedHandle(handle.winsock, r.value(), handle.entry);
                return new JwspSocketChannel(provider, accepted, true, false);
            }
            WsaError e = r.error();
            if (e == WsaError.WSAEWOULDBLOCK) {
                handle.acceptable.clear(acceptSeen);
                completed = true;
                return null;
            }
            if (e == WsaError.WSAEINTR || e == WsaError.WSAENOTSOCK && !isOpen()) {
                return null; // end(false) throws AsynchronousCloseException / ClosedByInterruptException
            }
            completed = true;
            throw WsaErrorTranslation.forIo(e);
        } finally {
            endBlocking(completed);
        }
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
        return handle.acceptable.isSet() ? SelectionKey.OP_ACCEPT : 0;
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
        return "JwspServerSocketChannel[s=" + handle.s + (isOpen() ? "" : " closed") + "]";
    }
}
