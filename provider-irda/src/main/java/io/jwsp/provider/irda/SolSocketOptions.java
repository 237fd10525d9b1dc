package io.jwsp.provider.irda;

import io.jwsp.provider.irda.handover.MovedOptions;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import java.util.concurrent.TimeUnit;

/**
 * One IrDA socket's SOL_SOCKET options. Only the linger pair means something for IrDA (af_irda notes); the
 * buffer sizes, time-outs, SO_TYPE and SO_ERROR are the Winsock layer's and kept too. Anything else at this level
 * (SO_KEEPALIVE, SO_BROADCAST, TCP_NODELAY ...) is not an IrDA option: the socket answers WSAENOPROTOOPT.
 * Guarded by the space's lock, like the socket.
 */
final class SolSocketOptions {
    private static final int DEFAULT_RCVBUF = 8192;

    private Linger linger = Linger.DONT_LINGER;
    private int sendBuffer;
    private int receiveBuffer = DEFAULT_RCVBUF;
    private int receiveTimeoutMs;
    private int sendTimeoutMs;
    private WsaError pendingError;

    SolSocketOptions(int sendBuffer) {
        this.sendBuffer = sendBuffer;
    }

    /** What an accepted socket takes from its listener: linger and buffer sizes (not the time-outs). */
    SolSocketOptions inheritedByAccepted() {
        SolSocketOptions o = new SolSocketOptions(sendBuffer);
        o.linger = linger;
        o.receiveBuffer = receiveBuffer;
        return o;
    }

    /** What moves with a connection duplicated into another process. */
    MovedOptions moved() {
        return new MovedOptions(linger.onOff(), linger.seconds(), sendBuffer, receiveBuffer, receiveTimeoutMs,
                sendTimeoutMs);
    }

    /** A socket's options as another process's socket had them ({@link #moved}). */
    static SolSocketOptions adopted(MovedOptions m) {
        SolSocketOptions o = new SolSocketOptions(m.sendBuffer());
        o.linger = new Linger(m.lingerOn(), m.lingerSeconds());
        o.receiveBuffer = m.receiveBuffer();
        o.receiveTimeoutMs = m.receiveTimeoutMs();
        o.sendTimeoutMs = m.sendTimeoutMs();
        return o;
    }

    Linger linger() {
        return linger;
    }

    /** SO_SNDBUF as TinyTP's transmit-queue limit; at least one byte, so a send always makes progress. */
    int sendQueueLimit() {
        return Math.max(1, sendBuffer);
    }

    /** SO_SNDTIMEO as a wait: negative for none. */
    long sendTimeoutNanos() {
        return sendTimeoutMs == 0 ? -1 : TimeUnit.MILLISECONDS.toNanos(sendTimeoutMs);
    }

    /** SO_RCVTIMEO as a wait: negative for none. */
    long receiveTimeoutNanos() {
        return receiveTimeoutMs == 0 ? -1 : TimeUnit.MILLISECONDS.toNanos(receiveTimeoutMs);
    }

    /** Records the error SO_ERROR reports next (a failed nonblocking connect). */
    void recordError(WsaError e) {
        pendingError = e;
    }

    /** Whether {@code option} is one of these. */
    static boolean covers(SockOpt<?> option) {
        return option.equals(SocketOptions.SO_LINGER) || option.equals(SocketOptions.SO_DONTLINGER)
                || option.equals(SocketOptions.SO_SNDBUF) || option.equals(SocketOptions.SO_RCVBUF)
                || option.equals(SocketOptions.SO_RCVTIMEO) || option.equals(SocketOptions.SO_SNDTIMEO)
                || option.equals(SocketOptions.SO_TYPE) || option.equals(SocketOptions.SO_ERROR);
    }

    /** setsockopt; {@code value} is not null. SO_TYPE and SO_ERROR are read-only: WSAENOPROTOOPT. */
    WsaError set(SockOpt<?> option, Object value) {
        if (option.equals(SocketOptions.SO_LINGER)) {
            linger = (Linger) value;
        } else if (option.equals(SocketOptions.SO_DONTLINGER)) {
            linger = linger.withDontLinger((Boolean) value); // flips l_onoff only
        } else if (option.equals(SocketOptions.SO_SNDBUF)) {
            sendBuffer = Math.max(0, (Integer) value);
        } else if (option.equals(SocketOptions.SO_RCVBUF)) {
            receiveBuffer = Math.max(0, (Integer) value);
        } else if (option.equals(SocketOptions.SO_RCVTIMEO)) {
            receiveTimeoutMs = Math.max(0, (Integer) value);
        } else if (option.equals(SocketOptions.SO_SNDTIMEO)) {
            sendTimeoutMs = Math.max(0, (Integer) value);
        } else {
            return WsaError.WSAENOPROTOOPT;
        }
        return null;
    }

    /** getsockopt; reading SO_ERROR clears it. */
    Object get(SockOpt<?> option) {
        if (option.equals(SocketOptions.SO_LINGER)) {
            return linger;
        } else if (option.equals(SocketOptions.SO_DONTLINGER)) {
            return !linger.onOff();
        } else if (option.equals(SocketOptions.SO_TYPE)) {
            return SocketType.SOCK_STREAM;
        } else if (option.equals(SocketOptions.SO_ERROR)) {
            int code = pendingError == null ? 0 : pendingError.code();
            pendingError = null;
            return code;
        } else if (option.equals(SocketOptions.SO_SNDBUF)) {
            return sendBuffer;
        } else if (option.equals(SocketOptions.SO_RCVBUF)) {
            return receiveBuffer;
        } else if (option.equals(SocketOptions.SO_RCVTIMEO)) {
            return receiveTimeoutMs;
        } else if (option.equals(SocketOptions.SO_SNDTIMEO)) {
            return sendTimeoutMs;
        }
        throw new IllegalArgumentException("not a SOL_SOCKET option of IrDA: " + option);
    }
}
