package io.jwsp.provider.loopback.stream;

import io.jwsp.spi.addr.IpProtocol;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.result.WsaError;

/**
 * The options only a stream socket has: linger, keep-alive, TCP_NODELAY, out-of-band inline and conditional accept.
 * None changes how data moves in memory except linger (the close table) and conditional accept (who completes a
 * connect). Guarded by the socket's lock.
 */
final class StreamOptions {
    Linger linger = Linger.DONT_LINGER;
    boolean keepAlive;
    boolean noDelay;
    boolean oobInline;
    boolean conditionalAccept;

    /** What an accepted socket takes from its listener (conditional accept is the listener's own). */
    void inheritFrom(StreamOptions listener) {
        linger = listener.linger;
        keepAlive = listener.keepAlive;
        noDelay = listener.noDelay;
        oobInline = listener.oobInline;
    }

    /** Sets one of these options: {@code null}, WSAEFAULT for a value of the wrong kind, or WSAENOPROTOOPT. */
    WsaError set(SockOpt<?> o, Object value) {
        boolean tcp = o.level() == IpProtocol.IPPROTO_TCP;
        if (tcp && o.name() != 0x1) {
            return WsaError.WSAENOPROTOOPT;
        }
        if (!tcp && o.name() == 0x80) { // SO_LINGER
            if (!(value instanceof Linger l)) {
                return WsaError.WSAEFAULT;
            }
            linger = l;
            return null;
        }
        if (!(value instanceof Boolean b)) {
            return known(tcp, o.name()) ? WsaError.WSAEFAULT : WsaError.WSAENOPROTOOPT;
        }
        if (tcp) {
            noDelay = b; // accepted; nothing is ever delayed here
            return null;
        }
        switch (o.name()) {
            case ~0x80 -> linger = linger.withDontLinger(b); // SO_DONTLINGER flips l_onoff only
            case 0x8 -> keepAlive = b; // SO_KEEPALIVE
            case 0x100 -> oobInline = b; // SO_OOBINLINE
            case 0x3002 -> conditionalAccept = b; // SO_CONDITIONAL_ACCEPT
            default -> {
                return WsaError.WSAENOPROTOOPT;
            }
        }
        return null;
    }

    /** Reads one of these options: its value, or WSAENOPROTOOPT. */
    Object get(SockOpt<?> o) {
        if (o.level() == IpProtocol.IPPROTO_TCP) {
            return o.name() == 0x1 ? (Object) noDelay : WsaError.WSAENOPROTOOPT;
        }
        return switch (o.name()) {
            case 0x80 -> linger;
            case ~0x80 -> !linger.onOff();
            case 0x8 -> keepAlive;
            case 0x100 -> oobInline;
            case 0x3002 -> conditionalAccept;
            default -> WsaError.WSAENOPROTOOPT;
        };
    }

    private static boolean known(boolean tcp, int name) {
        return tcp || name == ~0x80 || name == 0x8 || name == 0x100 || name == 0x3002;
    }
}
