package io.jwsp.bridge;

import io.jwsp.runtime.Winsock;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One Winsock handle as the bridge's channels use it: calls translated to JDK exceptions, and the readiness a
 * selector reports, kept from the provider's FD_* events (set by an event, cleared when an operation would block).
 */
final class BridgedHandle {
    final Winsock winsock;
    final long s;
    /** The catalog entry the socket was made from. */
    final ProtocolInfo entry;
    // What the application set, so that a socket reopened for another address family (see reopen) gets it again.
    private final Map<SockOpt<?>, Object> optionsSet = new LinkedHashMap<>();
    private volatile boolean nonBlocking;
    private volatile WspEvent selectedEvent;
    private volatile boolean closed;
    // Whether a selector's event association may be in force: a close or a switch back to blocking mode ends it
    // first, and only then, so a handle that was never event-selected is closed without one more call that a
    // provider may serialize behind a thread blocked in accept or recv.
    private volatile boolean eventSelected;

    // Readiness, level-style: raised by FD_* events, cleared when an operation shows it no longer holds.
    final ReadinessFlag readable = new ReadinessFlag();
    final ReadinessFlag writable = new ReadinessFlag();
    final ReadinessFlag acceptable = new ReadinessFlag();
    // The peer's orderly end (FD_CLOSE, posted once): readable from then on, as a level-triggered selector says.
    volatile boolean peerClosed;
    volatile boolean connectable;
    volatile WsaError connectError;

    BridgedHandle(Winsock winsock, long s, ProtocolInfo entry) {
        this.winsock = winsock;
        this.s = s;
        this.entry = entry;
    }

    /**
     * A socket of {@code other} (the same provider's entry for another address family) in this one's place: the
     * options the application set, the blocking mode and a selector's event association move over, and this
     * socket is closed. The JDK's channels are dual-stack; a Winsock socket has one family, so a channel opened
     * without a family picks it at its first bind or connect.
     */
    BridgedHandle reopen(ProtocolInfo other) throws IOException {
        WspResult<Long> r = winsock.socket(other.addressFamily(), other.socketType(), other.protocol(), other, 0);
        if (r.isFailed()) {
            throw WsaErrorTranslation.forIo(r.error());
        }
        BridgedHandle fresh = new BridgedHandle(winsock, r.value(), other);
        try {
            synchronized (optionsSet) {
                for (Map.Entry<SockOpt<?>, Object> o : optionsSet.entrySet()) {
                    fresh.replay(o.getKey(), o.getValue());
                }
            }
            if (nonBlocking) {
                fresh.setNonBlocking(true);
            }
            WspEvent event = selectedEvent;
            if (event != null) {
                fresh.selectEvents(event);
            }
        } catch (IOException | RuntimeException e) {
            fresh.close();
            throw e;
        }
        close();
        return fresh;
    }

    @SuppressWarnings("unchecked")
    private <T> void replay(SockOpt<T> opt, Object value) throws IOException {
        setOption(opt, (T) value);
    }

    boolean isClosed() {
        return closed;
    }

    <T> void setOption(SockOpt<T> opt, T value) throws IOException {
        WspResult<Void> r = winsock.setSockOpt(s, opt, value);
        if (r.isFailed()) {
            throw optionFailure(opt, r.error());
        }
        synchronized (optionsSet) {
            optionsSet.put(opt, value);
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

    /**
     * FIONBIO. Back to blocking mode, a selector's event association ends first: Winsock refuses FIONBIO with
     * WSAEINVAL while one is in force, and the JDK lets a channel whose keys are all cancelled (but not yet flushed
     * by its selector) switch back, as HttpServer does for every exchange.
     */
    void setNonBlocking(boolean nonBlocking) throws IOException {
        if (!nonBlocking) {
            endEventSelect();
        }
        WspResult<Void> r = winsock.ioctl(s, IoControls.FIONBIO, nonBlocking);
        if (r.isFailed()) {
            throw WsaErrorTranslation.forIo(r.error());
        }
        this.nonBlocking = nonBlocking;
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
            endEventSelect();
        } else {
            eventSelected = true;
            selectedEvent = event;
            winsock.eventSelect(s, event, FdEvents.FD_ALL_EVENTS);
        }
    }

    /** Ends a selector's event association, if any. */
    void endEventSelect() {
        selectedEvent = null;
        if (eventSelected && !closed) {
            winsock.eventSelect(s, null, 0);
            eventSelected = false;
        }
    }

    /**
     * Marks the readiness that holds now, asked of the provider's select with a zero time-out: data, an orderly
     * end or a pending connection (readable), room to send (writable). Used when a channel is registered, since
     * events recorded before the registration were not seen by this selector.
     */
    void probeReadiness() {
        if (closed) {
            return;
        }
        WspResult<Winsock.Ready> r = winsock.select(Set.of(s), Set.of(), Set.of(), Duration.ZERO);
        if (r.isOk() && r.value().read().contains(s)) {
            readable.raise();
            acceptable.raise();
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
        if (ev.has(FdEvents.FD_READ) || ev.has(FdEvents.FD_OOB)) {
            readable.raise();
        }
        if (ev.has(FdEvents.FD_CLOSE)) {
            peerClosed = true;
        }
        if (ev.has(FdEvents.FD_WRITE)) {
            writable.raise();
        }
        if (ev.has(FdEvents.FD_ACCEPT)) {
            acceptable.raise();
        }
        if (ev.has(FdEvents.FD_CONNECT)) {
            connectable = true;
            connectError = ev.errorOf(FdEvents.FD_CONNECT);
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
        endEventSelect();
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
