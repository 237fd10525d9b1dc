package io.jwsp.provider.tcp;

import io.jwsp.spi.result.WsaError;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;
import java.util.Locale;

/**
 * From what the JDK throws (its exception type, and the kernel's errno text it carries) to Winsock's numbers.
 * Closed-channel exceptions are not mapped here: whether they mean WSAEINTR depends on who closed the channel.
 */
final class TcpErrors {
    private TcpErrors() {
    }

    static WsaError of(Throwable e) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return switch (e) {
            // the channel was closed under the call by a racing closesocket: the blocked call was interrupted
            case ClosedChannelException x -> WsaError.WSAEINTR;
            case NotYetConnectedException x -> WsaError.WSAENOTCONN;
            case AlreadyConnectedException x -> WsaError.WSAEISCONN;
            case ConnectionPendingException x -> WsaError.WSAEALREADY;
            case UnresolvedAddressException x -> WsaError.WSAEFAULT;
            case UnsupportedAddressTypeException x -> WsaError.WSAEAFNOSUPPORT;
            case SocketTimeoutException x -> WsaError.WSAETIMEDOUT;
            case NoRouteToHostException x -> WsaError.WSAEHOSTUNREACH;
            case PortUnreachableException x -> WsaError.WSAECONNRESET;
            case BindException x -> bindError(m);
            case ConnectException x -> connectError(m);
            default -> byText(m);
        };
    }

    private static WsaError bindError(String m) {
        if (m.contains("assign requested address")) {
            return WsaError.WSAEADDRNOTAVAIL;
        }
        if (m.contains("permission denied")) {
            return WsaError.WSAEACCES;
        }
        return WsaError.WSAEADDRINUSE;
    }

    private static WsaError connectError(String m) {
        if (m.contains("timed out")) {
            return WsaError.WSAETIMEDOUT;
        }
        if (m.contains("unreachable")) {
            return WsaError.WSAENETUNREACH;
        }
        if (m.contains("no route")) {
            return WsaError.WSAEHOSTUNREACH;
        }
        return WsaError.WSAECONNREFUSED;
    }

    private static WsaError byText(String m) {
        if (m.contains("reset") || m.contains("broken pipe")) {
            return WsaError.WSAECONNRESET; // ECONNRESET, or EPIPE after the peer's reset
        }
        if (m.contains("refused")) {
            return WsaError.WSAECONNREFUSED;
        }
        if (m.contains("abort")) {
            return WsaError.WSAECONNABORTED;
        }
        if (m.contains("timed out")) {
            return WsaError.WSAETIMEDOUT;
        }
        if (m.contains("already in use")) {
            return WsaError.WSAEADDRINUSE;
        }
        if (m.contains("assign requested address")) {
            return WsaError.WSAEADDRNOTAVAIL;
        }
        if (m.contains("network is unreachable")) {
            return WsaError.WSAENETUNREACH;
        }
        if (m.contains("no route")) {
            return WsaError.WSAEHOSTUNREACH;
        }
        if (m.contains("too many open files")) {
            return WsaError.WSAEMFILE;
        }
        if (m.contains("no buffer space")) {
            return WsaError.WSAENOBUFS;
        }
        if (m.contains("not connected")) {
            return WsaError.WSAENOTCONN;
        }
        if (m.contains("shutdown")) {
            return WsaError.WSAESHUTDOWN;
        }
        return WsaError.WSAENETDOWN;
    }
}
