package io.jwsp.bridge;

import io.jwsp.runtime.Winsock;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;

/**
 * One Winsock handle as the bridge's channels use it: calls translated to JDK exceptions, and the readiness a
 * selector reports, kept from the provider's FD_* events (set by an event, cleared when an operation would block).
 */
final class BridgedHandle {
    final Winsock winsock;
    final long s;
    private volatile boolean closed;

    // Readiness, level-style: set by FD_* events, cleared by a would-block answer.
    volatile boolean readable;
    volatile boolean writable;
    volatile boolean acceptable;
    volatile boolean connectable;
    volatile WsaError connectError;

    BridgedHandle(Winsock winsock, long s) {
        this.winsock = winsock;
        this.s = s;
    }

    boolean isClosed() {
        return closed;
    }

    <T> void setOption(SockOpt<T> opt, T value) throws IOException {
        WspResult<Void> r = winsock.setSockOpt(s, opt, value);
        if (r.isFailed()) {
            throw optionFailure(opt, r.error());
        }
    }

    <T> T getOption(SockOpt<T> opt) throws IOException {
        WspResult<T> r = winsock.getSockOpt(s, opt);
        if (r.isFailed()) {
            throw optionFailure(opt, r.error());
        }
        return r.value();
    }

    private IOException optionFailure(SockOpt<?> opt, WsaError e) {
        if (e == WsaError.WSAENOPROTOOPT || e == WsaError.WSAEOPNOTSUPP) {
            UnsupportedOperationException u = new UnsupportedOperationException("'" + opt + "' not supported");
            u.initCause(new io.jwsp.spi.result.WsaException(e));
            throw u;
        }
        if (e == WsaError.WSAENOTSOCK) {
            return new ClosedChannelException();
        }
        return WsaErrorTranslation.forIo(e);
    }

    void bind(java.net.SocketAddress local) throws IOException {
        WspResult<Void> r = winsock.bind(s, SocketAddresses.toSockAddr(local));
        if (r.isFailed()) {
            throw WsaErrorTranslation.forBind(r.error());
        }
    }

    void setNonBlocking(boolean nonBlocking) throws IOException {
        WspResult<Void> r = winsock.ioctl(s, IoControls.FIONBIO, nonBlocking);
        if (r.isFailed()) {
            throw WsaErrorTranslation.forIo(r.error());
        }
    }

    SockAddr localName() {
        WspResult<SockAddr> r = winsock.getSockName(s);
        return r.isOk() ? r.value() : null;
    }

    SockAddr peerName() {
        WspResult<SockAddr> r = winsock.getPeerName(s);
        return r.isOk() ? r.value() : null;
    }

    /** Associates the handle with a selector's event (FD_ALL_EVENTS), or ends the association with null. */
    void selectEvents(WspEvent event) {
        if (closed) {
            return;
        }
        if (event == null) {
            winsock.eventSelect(s, null, 0);
        } else {
            winsock.eventSelect(s, event, io.jwsp.spi.event.FdEvents.FD_ALL_EVENTS);
        }
    }

    /** Reads and clears the FD_* events the provider recorded, and folds them into the readiness flags. */
    void pollEvents() {
        if (closed) {
            return;
        }
        WspResult<NetworkEvents> r = winsock.enumNetworkEvents(s, null);
        if (!r.isOk()) {
            return;
        }
        NetworkEvents ev = r.value();
        if (ev.occurred() == 0) {
            return;
        }
        if (ev.has(io.jwsp.spi.event.FdEvents.FD_READ) || ev.has(io.jwsp.spi.event.FdEvents.FD_CLOSE)
                || ev.has(io.jwsp.spi.event.FdEvents.FD_OOB)) {
            readable = true;
        }
        if (ev.has(io.jwsp.spi.event.FdEvents.FD_WRITE)) {
            writable = true;
        }
        if (ev.has(io.jwsp.spi.event.FdEvents.FD_ACCEPT)) {
            acceptable = true;
        }
        if (ev.has(io.jwsp.spi.event.FdEvents.FD_CONNECT)) {
            connectable = true;
            connectError = ev.errorOf(io.jwsp.spi.event.FdEvents.FD_CONNECT);
        }
    }

    /**
     * Closes the handle. A nonblocking socket with linger N and queued data answers WSAEWOULDBLOCK on Winsock; the
     * JDK's close cannot report that, so the bridge switches the socket to blocking and closes again: the close then
     * lingers as a blocking close does (and resets when the time-out expires), as the JDK does for a socket that is
     * not registered with a selector.
     */
    void close() throws IOException {
        if (closed) {
            return;
        }
        winsock.eventSelect(s, null, 0);
        WspResult<Void> r = winsock.closeSocket(s);
        if (r.is(WsaError.WSAEWOULDBLOCK)) {
            winsock.ioctl(s, IoControls.FIONBIO, false);
            r = winsock.closeSocket(s);
        }
        closed = true;
        if (r.isFailed() && r.error() != WsaError.WSAENOTSOCK) {
            throw WsaErrorTranslation.forIo(r.error());
        }
    }
}
