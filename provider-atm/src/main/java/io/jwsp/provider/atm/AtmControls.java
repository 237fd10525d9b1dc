package io.jwsp.provider.atm;

import io.jwsp.provider.atm.aal5.Aal5;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.option.IoControl;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.util.Optional;

/** getsockopt, setsockopt and WSAIoctl of an ATM socket, under the provider's lock. */
final class AtmControls {
    private AtmControls() {
    }

    /** setsockopt: the error, or {@code null} once {@code settings} took the value. */
    static <T> WsaError set(SocketSettings settings, SockOpt<T> option, T value) {
        if (option == null) {
            return WsaError.WSAENOPROTOOPT;
        }
        if (value == null) {
            return SocketSettings.isSettable(option) ? WsaError.WSAEFAULT : WsaError.WSAENOPROTOOPT;
        }
        return settings.set(option, value);
    }

    static boolean isSoError(SockOpt<?> option) {
        return SocketOptions.SO_ERROR.equals(option);
    }

    /** getsockopt; the caller clears {@code pendingError} after SO_ERROR. */
    @SuppressWarnings("unchecked")
    static <T> WspResult<T> get(SockOpt<T> option, SocketSettings settings, ProtocolInfo info, boolean listening,
                                WsaError pendingError) {
        if (option == null) {
            return WspResult.fail(WsaError.WSAENOPROTOOPT);
        }
        Object v;
        Optional<Object> settable = settings.get(option);
        if (settable.isPresent()) {
            v = settable.get();
        } else if (option.equals(SocketOptions.SO_TYPE)) {
            v = SocketType.SOCK_RAW;
        } else if (option.equals(SocketOptions.SO_ACCEPTCONN)) {
            v = listening;
        } else if (option.equals(SocketOptions.SO_MAX_MSG_SIZE)) {
            v = Aal5.MAX_SDU;
        } else if (option.equals(SocketOptions.SO_ERROR)) {
            v = pendingError == null ? 0 : pendingError.code();
        } else if (option.equals(SocketOptions.SO_PROTOCOL_INFO)) {
            v = info;
        } else {
            // SO_KEEPALIVE among them: ATM has no keep-alive (closesocket's ATM notes; ws2atm).
            return WspResult.fail(WsaError.WSAENOPROTOOPT);
        }
        return WspResult.ok((T) v);
    }

    /** WSAIoctl without its completion (the socket performs that after the lock). */
    @SuppressWarnings("unchecked")
    static <I, O> WspResult<O> ioctl(AtmSocket socket, IoControl<I, O> code, I input) {
        return (WspResult<O>) ioctlNow(socket, code.code(), input);
    }

    private static WspResult<?> ioctlNow(AtmSocket socket, int code, Object input) {
        AtmProvider provider = socket.provider();
        if (code == IoControls.FIONBIO.code()) {
            if (!(input instanceof Boolean on)) {
                return WspResult.fail(WsaError.WSAEFAULT);
            }
            WsaError e = socket.setNonBlocking(on);
            return e != null ? WspResult.fail(e) : WspResult.ok();
        }
        if (code == IoControls.FIONREAD.code()) {
            return WspResult.ok(socket.nextPduLength());
        }
        if (code == IoControls.SIOCATMARK.code()) {
            return WspResult.ok(Boolean.TRUE); // no OOB data on ATM
        }
        if (code == AtmIoControls.SIO_GET_NUMBER_OF_ATM_DEVICES.code()) {
            return WspResult.ok(provider.adapters().size());
        }
        if (code == AtmIoControls.SIO_GET_ATM_ADDRESS.code()) {
            if (!(input instanceof Integer index)) {
                return WspResult.fail(WsaError.WSAEFAULT);
            }
            if (index < 0 || index >= provider.adapters().size()) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            return WspResult.ok(provider.adapters().get(index).address());
        }
        if (code == AtmIoControls.SIO_GET_ATM_CONNECTION_ID.code()) {
            return socket.connectionId();
        }
        return WspResult.fail(WsaError.WSAEOPNOTSUPP);
    }
}
