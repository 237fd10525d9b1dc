package io.jwsp.bridge;

import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WsaException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.NotYetConnectedException;

/**
 * What JDK code expects for each WSA code, with the {@link WsaError} kept as the cause ({@link WsaException}).
 * Unchecked results ({@link NotYetConnectedException}, ...) are the channel contract's own; the rest are the
 * exceptions and messages the JDK's socket implementation throws for the same errno, so code that matches on them
 * keeps working.
 *
 * <table>
 * <caption>WSA code to JDK exception</caption>
 * <tr><th>WSA code</th><th>JDK</th></tr>
 * <tr><td>WSAECONNREFUSED</td><td>ConnectException "Connection refused"</td></tr>
 * <tr><td>WSAECONNRESET</td><td>SocketException "Connection reset"</td></tr>
 * <tr><td>WSAECONNABORTED</td><td>SocketException "Software caused connection abort"</td></tr>
 * <tr><td>WSAETIMEDOUT</td><td>SocketTimeoutException (reads, accepts), ConnectException "Connection timed out" (connect)</td></tr>
 * <tr><td>WSAEADDRINUSE</td><td>BindException "Address already in use"</td></tr>
 * <tr><td>WSAEADDRNOTAVAIL</td><td>BindException "Cannot assign requested address"</td></tr>
 * <tr><td>WSAENETUNREACH, WSAEHOSTUNREACH, WSAEHOSTDOWN</td><td>NoRouteToHostException</td></tr>
 * <tr><td>WSAENOTCONN</td><td>NotYetConnectedException (unchecked, channel contract)</td></tr>
 * <tr><td>WSAEISCONN</td><td>AlreadyConnectedException</td></tr>
 * <tr><td>WSAEALREADY</td><td>ConnectionPendingException</td></tr>
 * <tr><td>WSAENOTSOCK, WSAESHUTDOWN (send)</td><td>ClosedChannelException</td></tr>
 * <tr><td>WSAEINTR</td><td>AsynchronousCloseException / ClosedByInterruptException, by the channel's begin/end</td></tr>
 * <tr><td>WSAENOPROTOOPT</td><td>UnsupportedOperationException (options)</td></tr>
 * <tr><td>WSAEDISCON</td><td>end of stream (-1), not an exception</td></tr>
 * <tr><td>WSAENETDOWN, WSAENETRESET, WSAENOBUFS, WSAEMSGSIZE, others</td><td>SocketException with the WSA name and meaning</td></tr>
 * </table>
 */
public final class WsaErrorTranslation {
    private WsaErrorTranslation() {
    }

    /** The exception a read, write or accept throws for {@code error}. */
    public static IOException forIo(WsaError error) {
        IOException e = switch (error) {
            case WSAECONNRESET -> new SocketException("Connection reset");
            case WSAECONNABORTED -> new SocketException("Software caused connection abort");
            case WSAETIMEDOUT -> new SocketTimeoutException("Read timed out");
            case WSAENOTSOCK, WSAESHUTDOWN -> new ClosedChannelException();
            case WSAECONNREFUSED -> new ConnectException("Connection refused");
            case WSAENETUNREACH, WSAEHOSTUNREACH, WSAEHOSTDOWN -> new NoRouteToHostException("No route to host");
            case WSAENETDOWN -> new SocketException("Network is down");
            case WSAENETRESET -> new SocketException("Network dropped connection on reset");
            default -> new SocketException(error.symbol() + ": " + error.meaning());
        };
        return withCause(e, error);
    }

    /** The exception connect throws for {@code error}. */
    public static IOException forConnect(WsaError error) {
        IOException e = switch (error) {
            case WSAECONNREFUSED -> new ConnectException("Connection refused");
            case WSAETIMEDOUT -> new ConnectException("Connection timed out");
            case WSAENETUNREACH, WSAEHOSTUNREACH, WSAEHOSTDOWN -> new NoRouteToHostException("No route to host");
            case WSAEADDRNOTAVAIL -> new ConnectException("Cannot assign requested address");
            case WSAEADDRINUSE -> new BindException("Address already in use");
            default -> forIo(error);
        };
        return withCause(e, error);
    }

    /** The exception bind throws for {@code error}. */
    public static IOException forBind(WsaError error) {
        IOException e = switch (error) {
            case WSAEADDRINUSE -> new BindException("Address already in use");
            case WSAEADDRNOTAVAIL -> new BindException("Cannot assign requested address");
            case WSAEACCES -> new BindException("Permission denied");
            default -> forIo(error);
        };
        return withCause(e, error);
    }

    /** For a datagram send to an unreachable port. */
    public static IOException forDatagram(WsaError error) {
        if (error == WsaError.WSAECONNRESET) {
            return withCause(new PortUnreachableException("ICMP Port Unreachable"), error);
        }
        return forIo(error);
    }

    /**
     * The unchecked exceptions of the channel contract, when {@code error} has one; {@code null} otherwise.
     */
    public static RuntimeException channelState(WsaError error) {
        RuntimeException e = switch (error) {
            case WSAENOTCONN -> new NotYetConnectedException();
            case WSAEISCONN -> new AlreadyConnectedException();
            case WSAEALREADY -> new ConnectionPendingException();
            default -> null;
        };
        if (e != null) {
            e.initCause(new WsaException(error));
        }
        return e;
    }

    /** A blocking call ended by a close or an interrupt: the channel's exception, with WSAEINTR as its cause. */
    static AsynchronousCloseException interrupted(AsynchronousCloseException e) {
        return withCause(e, WsaError.WSAEINTR);
    }

    /**
     * What a socket adaptor ({@link java.net.Socket}, {@link java.net.ServerSocket}) throws for a channel's
     * exception: the JDK's sockets throw {@link SocketException} "Socket closed" where a channel throws
     * {@link ClosedChannelException} or {@link AsynchronousCloseException}; the channel's exception (and its
     * {@link WsaError}) stays as the cause.
     */
    static IOException forAdaptor(IOException e) {
        if (e instanceof ClosedByInterruptException) {
            return (IOException) new SocketException("Closed by interrupt").initCause(e);
        }
        if (e instanceof ClosedChannelException) {
            return (IOException) new SocketException("Socket closed").initCause(e);
        }
        return e;
    }

    private static <E extends IOException> E withCause(E e, WsaError error) {
        if (e.getCause() == null) {
            e.initCause(new WsaException(error));
        }
        return e;
    }
}
