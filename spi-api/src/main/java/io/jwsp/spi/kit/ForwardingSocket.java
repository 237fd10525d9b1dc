package io.jwsp.spi.kit;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.AcceptCondition;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.ext.ExtensionIoctl;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.Received;
import io.jwsp.spi.option.IoControl;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A layer's socket that passes every call to the socket below it. Subclasses override the calls they change.
 * Every call forwards to the same call below: {@link #sendTo} goes to the delegate's {@code sendTo}, not to this
 * object's {@link #send}, so a layer that watches data overrides both (and {@link #recvFrom} beside {@link #recv}).
 *
 * <p>Sockets that come up from below (accept, joinLeaf) are wrapped through the owning provider's
 * {@link ForwardingProvider#wrap}, so they belong to the layer too.
 */
public class ForwardingSocket implements WspSocket {
    private final ForwardingProvider owner;
    /** The socket below: another layer's, or the base provider's. */
    protected final WspSocket delegate;

    /** A socket of {@code owner}'s; accepted sockets are wrapped by {@code owner}. */
    public ForwardingSocket(ForwardingProvider owner, WspSocket delegate) {
        this.owner = owner;
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** A socket without an owning provider; accepted sockets are wrapped by {@link #wrapAccepted}. */
    public ForwardingSocket(WspSocket delegate) {
        this(null, delegate);
    }

    public final WspSocket delegate() {
        return delegate;
    }

    /** Wraps a socket that came up from below: through the owner's hook, or as a plain forwarding socket. */
    protected WspSocket wrapAccepted(WspSocket lowerSocket) {
        return owner != null ? owner.wrap(lowerSocket) : new ForwardingSocket(lowerSocket);
    }

    @Override
    public ProtocolInfo protocolInfo() {
        return delegate.protocolInfo();
    }

    @Override
    public WspResult<Void> closeSocket() {
        return delegate.closeSocket();
    }

    @Override
    public WspResult<Void> bind(SockAddr name) {
        return delegate.bind(name);
    }

    @Override
    public WspResult<Void> listen(int backlog) {
        return delegate.listen(backlog);
    }

    @Override
    public WspResult<Accepted> accept(AcceptCondition condition) {
        WspResult<Accepted> r = delegate.accept(condition);
        if (r.isOk()) {
            Accepted a = r.value();
            return WspResult.ok(new Accepted(wrapAccepted(a.socket()), a.peer()));
        }
        return r;
    }

    @Override
    public WspResult<Void> connect(SockAddr name) {
        return delegate.connect(name);
    }

    @Override
    public WspResult<Integer> send(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        return delegate.send(buffers, flags, overlapped);
    }

    @Override
    public WspResult<Integer> sendTo(ByteBuffer[] buffers, int flags, SockAddr to, Overlapped overlapped) {
        return delegate.sendTo(buffers, flags, to, overlapped);
    }

    @Override
    public WspResult<Integer> recv(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        return delegate.recv(buffers, flags, overlapped);
    }

    @Override
    public WspResult<Received> recvFrom(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        return delegate.recvFrom(buffers, flags, overlapped);
    }

    @Override
    public WspResult<Void> shutdown(int how) {
        return delegate.shutdown(how);
    }

    @Override
    public <T> WspResult<Void> setSockOpt(SockOpt<T> option, T value) {
        return delegate.setSockOpt(option, value);
    }

    @Override
    public <T> WspResult<T> getSockOpt(SockOpt<T> option) {
        return delegate.getSockOpt(option);
    }

    @Override
    public <I, O> WspResult<O> ioctl(IoControl<I, O> code, I input, Overlapped overlapped) {
        if (ExtensionIoctl.SIO_GET_EXTENSION_FUNCTION_POINTER.equals(code)) {
            // The lower provider's function takes the lower sockets, which the application's handles do not name:
            // a layer passes none on until it intercepts them (as a Windows LSP must); its chain entries list none.
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        return delegate.ioctl(code, input, overlapped);
    }

    @Override
    public WspResult<SockAddr> getSockName() {
        return delegate.getSockName();
    }

    @Override
    public WspResult<SockAddr> getPeerName() {
        return delegate.getPeerName();
    }

    @Override
    public WspResult<Void> eventSelect(WspEvent event, int networkEvents) {
        return delegate.eventSelect(event, networkEvents);
    }

    @Override
    public WspResult<NetworkEvents> enumNetworkEvents(WspEvent eventToReset) {
        return delegate.enumNetworkEvents(eventToReset);
    }

    @Override
    public WspResult<ProtocolInfo> duplicateSocket(long processId) {
        return delegate.duplicateSocket(processId);
    }

    @Override
    public WspResult<Void> sendDisconnect(ByteBuffer disconnectData) {
        return delegate.sendDisconnect(disconnectData);
    }

    @Override
    public WspResult<Void> cancelIo(Overlapped overlapped) {
        return delegate.cancelIo(overlapped);
    }

    @Override
    public WspResult<Integer> recvDisconnect(ByteBuffer disconnectData) {
        return delegate.recvDisconnect(disconnectData);
    }

    @Override
    public WspResult<WspSocket> joinLeaf(SockAddr name, int flags) {
        WspResult<WspSocket> r = delegate.joinLeaf(name, flags);
        return r.isOk() ? WspResult.ok(wrapAccepted(r.value())) : r;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + delegate + "]";
    }
}
