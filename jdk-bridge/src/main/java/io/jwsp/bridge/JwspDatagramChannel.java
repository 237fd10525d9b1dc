package io.jwsp.bridge;

import io.jwsp.spi.io.Received;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.SelectionKey;
import java.util.Set;

/**
 * A {@link DatagramChannel} over one jwsp datagram socket (providers with a SOCK_DGRAM entry). Message boundaries
 * are the provider's; a datagram larger than the buffer is truncated silently, as the JDK does (Winsock answers
 * WSAEMSGSIZE for the same case). No multicast and no {@link DatagramSocket} adaptor.
 */
public final class JwspDatagramChannel extends DatagramChannel implements BridgedChannel {
    private static final int MAX_DATAGRAM = 65_536;

    private final BridgedHandle handle;
    private final Object lock = new Object();
    private boolean bound;
    private SocketAddress remote;

    JwspDatagramChannel(JwspSelectorProvider provider, BridgedHandle handle) {
        super(provider);
        this.handle = handle;
        handle.writable.raise();
    }

    @Override
    public BridgedHandle handle() {
        return handle;
    }

    @Override
    public DatagramChannel bind(SocketAddress local) throws IOException {
        synchronized (lock) {
            ensureOpen();
            if (bound) {
                throw new AlreadyBoundException();
            }
            SocketAddress where = local != null ? local : ((JwspSelectorProvider) provider()).wildcardAddress();
            handle.bind(where);
            bound = true;
            return this;
        }
    }

    @Override
    public <T> DatagramChannel setOption(SocketOption<T> name, T value) throws IOException {
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
        return SocketOptionMapping.DATAGRAM;
    }

    @Override
    public DatagramSocket socket() {
        throw new UnsupportedOperationException("no DatagramSocket adaptor over jwsp; use the channel");
    }

    @Override
    public boolean isConnected() {
        synchronized (lock) {
            return remote != null;
        }
    }

    @Override
    public DatagramChannel connect(SocketAddress address) throws IOException {
        synchronized (lock) {
            ensureOpen();
            WspResult<Void> r = handle.winsock.connect(handle.s, SocketAddresses.toSockAddr(address));
            if (r.isFailed()) {
                throw WsaErrorTranslation.forConnect(r.error());
            }
            bound = true;
            remote = address;
            return this;
        }
    }

    @Override
    public DatagramChannel disconnect() throws IOException {
        synchronized (lock) {
            // Winsock dissolves a datagram socket's association by connecting to the null address; jwsp keeps
            // the association in the bridge and sends with an explicit address instead.
            remote = null;
            return this;
        }
    }

    @Override
    public SocketAddress getRemoteAddress() throws IOException {
        synchronized (lock) {
            ensureOpen();
            return remote;
        }
    }

    @Override
    public SocketAddress receive(ByteBuffer dst) throws IOException {
        ensureOpen();
        synchronized (lock) {
            if (!bound) {
                bind(null);
            }
        }
        ByteBuffer whole = ByteBuffer.allocate(MAX_DATAGRAM);
        boolean completed = false;
        try {
            begin();
            long readSeen = handle.readable.seen();
            WspResult<Received> r = handle.winsock.recvFrom(handle.s, whole, 0);
            if (r.isOk()) {
                completed = true;
                whole.flip();
                if (whole.remaining() > dst.remaining()) {
                    whole.limit(whole.position() + dst.remaining()); // truncated silently, as the JDK does
                }
                dst.put(whole);
                return SocketAddresses.toSocketAddress(r.value().from());
            }
            WsaError e = r.error();
            if (e == WsaError.WSAEWOULDBLOCK) {
                handle.readable.clear(readSeen);
                completed = true;
                return null;
            }
            if (e == WsaError.WSAEINTR || e == WsaError.WSAENOTSOCK && !isOpen()) {
                return null;
            }
            completed = true;
            throw WsaErrorTranslation.forDatagram(e);
        } finally {
            endBlocking(completed);
        }
    }

    @Override
    public int send(ByteBuffer src, SocketAddress target) throws IOException {
        ensureOpen();
        int n = src.remaining();
        boolean completed = false;
        try {
            begin();
            long writeSeen = handle.writable.seen();
            WspResult<Integer> r = handle.winsock.sendTo(handle.s, src, 0, SocketAddresses.toSockAddr(target));
            if (r.isOk()) {
                completed = true;
                synchronized (lock) {
                    bound = true;
                }
                return n;
            }
            WsaError e = r.error();
            if (e == WsaError.WSAEWOULDBLOCK) {
                handle.writable.clear(writeSeen);
                completed = true;
                return 0;
            }
            if (e == WsaError.WSAEINTR || e == WsaError.WSAENOTSOCK && !isOpen()) {
                return 0;
            }
            completed = true;
            throw WsaErrorTranslation.forDatagram(e);
        } finally {
            endBlocking(completed);
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!isConnected()) {
            throw new NotYetConnectedException();
        }
        int before = dst.position();
        SocketAddress from = receive(dst);
        return from == null ? 0 : dst.position() - before;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, dsts.length);
        for (int i = offset; i < offset + length; i++) {
            if (dsts[i].hasRemaining()) {
                return read(dsts[i]);
            }
        }
        return 0;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        SocketAddress to;
        synchronized (lock) {
            if (remote == null) {
                throw new NotYetConnectedException();
            }
            to = remote;
        }
        return send(src, to);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, srcs.length);
        int total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += srcs[i].remaining();
        }
        ByteBuffer one = ByteBuffer.allocate(total);
        for (int i = offset; i < offset + length; i++) {
            one.put(srcs[i]);
        }
        return write(one.flip());
    }

    @Override
    public SocketAddress getLocalAddress() throws IOException {
        ensureOpen();
        return SocketAddresses.toSocketAddress(handle.localName());
    }

    @Override
    public MembershipKey join(InetAddress group, NetworkInterface interf) {
        throw new UnsupportedOperationException("multicast is not offered by jwsp providers");
    }

    @Override
    public MembershipKey join(InetAddress group, NetworkInterface interf, InetAddress source) {
        throw new UnsupportedOperationException("multicast is not offered by jwsp providers");
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
        if (handle.readable.isSet()) {
            ops |= SelectionKey.OP_READ;
        }
        if (handle.writable.isSet()) {
            ops |= SelectionKey.OP_WRITE;
        }
        return ops;
    }

    /** end(), with WSAEINTR as the cause of the AsynchronousCloseException a close or an interrupt makes. */
    private void endBlocking(boolean completed) throws AsynchronousCloseException {
        try {
            end(completed);
        } catch (AsynchronousCloseException e) {
            throw WsaErrorTranslation.interrupted(e);
        }
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!isOpen()) {
            throw new ClosedChannelException();
        }
    }
}
