package io.jwsp.provider.atm;

import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import java.util.Optional;

/**
 * The settable SOL_SOCKET options of an ATM socket. Everything else is either read-only (answered by the socket
 * from its state) or unknown: SO_KEEPALIVE among them, as ATM has no keep-alive. Accepted sockets start with a
 * copy of their listener's settings.
 */
final class SocketSettings {
    static final int DEFAULT_SNDBUF = 64 * 1024;
    static final int DEFAULT_RCVBUF = 1024 * 1024;

    Linger linger = Linger.DONT_LINGER;
    /** Bounds the payload bytes this socket may hold in the adapter's transmit queue. */
    int sendBuffer = DEFAULT_SNDBUF;
    /** Bounds the reassembled PDUs waiting for recv; AAL5 has no flow control, so PDUs beyond it are dropped. */
    int receiveBuffer = DEFAULT_RCVBUF;
    int sendTimeoutMillis;
    int receiveTimeoutMillis;
    /** Accepted and kept; SAP overlap rules do not change. */
    boolean reuseAddress;
    boolean debug;

    SocketSettings copy() {
        SocketSettings c = new SocketSettings();
        c.linger = linger;
        c.sendBuffer = sendBuffer;
        c.receiveBuffer = receiveBuffer;
        c.sendTimeoutMillis = sendTimeoutMillis;
        c.receiveTimeoutMillis = receiveTimeoutMillis;
        c.reuseAddress = reuseAddress;
        c.debug = debug;
        return c;
    }

    static boolean isSettable(SockOpt<?> o) {
        return o.equals(SocketOptions.SO_LINGER) || o.equals(SocketOptions.SO_DONTLINGER)
                || o.equals(SocketOptions.SO_SNDBUF) || o.equals(SocketOptions.SO_RCVBUF)
                || o.equals(SocketOptions.SO_SNDTIMEO) || o.equals(SocketOptions.SO_RCVTIMEO)
                || o.equals(SocketOptions.SO_REUSEADDR) || o.equals(SocketOptions.SO_DEBUG);
    }

    /** Sets a settable option; answers the error, or {@code null} on success. {@code value} is not null. */
    WsaError set(SockOpt<?> option, Object value) {
        if (option.equals(SocketOptions.SO_LINGER)) {
            linger = (Linger) value;
        } else if (option.equals(SocketOptions.SO_DONTLINGER)) {
            linger = linger.withDontLinger((Boolean) value);
        } else if (option.equals(SocketOptions.SO_SNDBUF)) {
            if ((Integer) value < 0) {
                return WsaError.WSAEINVAL;
            }
            sendBuffer = (Integer) value;
        } else if (option.equals(SocketOptions.SO_RCVBUF)) {
            if ((Integer) value < 0) {
                return WsaError.WSAEINVAL;
            }
            receiveBuffer = (Integer) value;
        } else if (option.equals(SocketOptions.SO_SNDTIMEO)) {
            sendTimeoutMillis = Math.max(0, (Integer) value);
        } else if (option.equals(SocketOptions.SO_RCVTIMEO)) {
            receiveTimeoutMillis = Math.max(0, (Integer) value);
        } else if (option.equals(SocketOptions.SO_REUSEADDR)) {
            reuseAddress = (Boolean) value;
        } else if (option.equals(SocketOptions.SO_DEBUG)) {
            debug = (Boolean) value;
        } else {
            return WsaError.WSAENOPROTOOPT;
        }
        return null;
    }

    /** The value of a settable option, or empty for any other option. */
    Optional<Object> get(SockOpt<?> option) {
        Object v;
        if (option.equals(SocketOptions.SO_LINGER)) {
            v = linger;
        } else if (option.equals(SocketOptions.SO_DONTLINGER)) {
            v = !linger.onOff();
        } else if (option.equals(SocketOptions.SO_SNDBUF)) {
            v = sendBuffer;
        } else if (option.equals(SocketOptions.SO_RCVBUF)) {
            v = receiveBuffer;
        } else if (option.equals(SocketOptions.SO_SNDTIMEO)) {
            v = sendTimeoutMillis;
        } else if (option.equals(SocketOptions.SO_RCVTIMEO)) {
            v = receiveTimeoutMillis;
        } else if (option.equals(SocketOptions.SO_REUSEADDR)) {
            v = reuseAddress;
        } else if (option.equals(SocketOptions.SO_DEBUG)) {
            v = debug;
        } else {
            return Optional.empty();
        }
        return Optional.of(v);
    }
}
