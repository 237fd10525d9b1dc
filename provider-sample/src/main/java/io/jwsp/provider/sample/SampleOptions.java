package io.jwsp.provider.sample;

import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;

/**
 * The options of one sample socket that are plain values: linger and the two buffer sizes. Guarded by the provider's
 * lock. The state-dependent ones (SO_ACCEPTCONN, SO_ERROR) are the socket's.
 */
final class SampleOptions {
    Linger linger = Linger.DONT_LINGER;
    int sendBuffer;
    int receiveBuffer;

    SampleOptions(int bufferBytes) {
        sendBuffer = bufferBytes;
        receiveBuffer = bufferBytes;
    }

    /** An accepted socket inherits its listener's options (DESIGN: linger included). */
    SampleOptions copy() {
        SampleOptions c = new SampleOptions(0);
        c.linger = linger;
        c.sendBuffer = sendBuffer;
        c.receiveBuffer = receiveBuffer;
        return c;
    }

    /** WSPSetSockOpt: the error, or {@code null}. An option this socket lacks, or a read-only one, is WSAENOPROTOOPT. */
    WsaError set(SockOpt<?> option, Object value) {
        if (option.equals(SocketOptions.SO_LINGER) && value instanceof Linger l) {
            linger = l;
        } else if (option.equals(SocketOptions.SO_DONTLINGER) && value instanceof Boolean dont) {
            linger = linger.withDontLinger(dont); // flips l_onoff only; l_linger comes back later
        } else if (option.equals(SocketOptions.SO_SNDBUF) && value instanceof Integer n) {
            if (n < 0) {
                return WsaError.WSAEINVAL;
            }
            sendBuffer = n;
        } else if (option.equals(SocketOptions.SO_RCVBUF) && value instanceof Integer n) {
            if (n < 0) {
                return WsaError.WSAEINVAL;
            }
            receiveBuffer = n;
        } else {
            return WsaError.WSAENOPROTOOPT;
        }
        return null;
    }

    /** WSPGetSockOpt of a plain value: the value, or {@code null} when the option is not one of these. */
    Object get(SockOpt<?> option) {
        if (option.equals(SocketOptions.SO_LINGER)) {
            return linger;
        } else if (option.equals(SocketOptions.SO_DONTLINGER)) {
            return !linger.onOff();
        } else if (option.equals(SocketOptions.SO_SNDBUF)) {
            return sendBuffer;
        } else if (option.equals(SocketOptions.SO_RCVBUF)) {
            return receiveBuffer;
        } else if (option.equals(SocketOptions.SO_TYPE)) {
            return SocketType.SOCK_STREAM;
        }
        return null;
    }
}
