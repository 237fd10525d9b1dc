package io.jwsp.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

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
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.NotYetConnectedException;
import org.junit.jupiter.api.Test;

/** The documented table of WsaErrorTranslation, row by row, and the cause every exception keeps. */
class WsaErrorTranslationTest {

    private static void io(WsaError e, Class<? extends IOException> type, String message) {
        IOException x = WsaErrorTranslation.forIo(e);
        assertInstanceOf(type, x, e.toString());
        if (message != null) {
            assertEquals(message, x.getMessage());
        }
        assertSame(e, ((WsaException) x.getCause()).error(), "the WsaError is kept as the cause");
    }

    @Test
    void readsAndWrites() {
        io(WsaError.WSAECONNRESET, SocketException.class, "Connection reset");
        io(WsaError.WSAECONNABORTED, SocketException.class, "Software caused connection abort");
        io(WsaError.WSAETIMEDOUT, SocketTimeoutException.class, "Read timed out");
        io(WsaError.WSAENOTSOCK, ClosedChannelException.class, null);
        io(WsaError.WSAESHUTDOWN, ClosedChannelException.class, null);
        io(WsaError.WSAENETDOWN, SocketException.class, "Network is down");
        io(WsaError.WSAEHOSTUNREACH, NoRouteToHostException.class, "No route to host");
        io(WsaError.WSAENOBUFS, SocketException.class, "WSAENOBUFS: No buffer space is available.");
    }

    @Test
    void connectBindAndDatagrams() {
        assertInstanceOf(ConnectException.class, WsaErrorTranslation.forConnect(WsaError.WSAECONNREFUSED));
        assertEquals("Connection timed out", WsaErrorTranslation.forConnect(WsaError.WSAETIMEDOUT).getMessage());
        assertInstanceOf(BindException.class, WsaErrorTranslation.forBind(WsaError.WSAEADDRINUSE));
        assertInstanceOf(BindException.class, WsaErrorTranslation.forBind(WsaError.WSAEADDRNOTAVAIL));
        assertInstanceOf(PortUnreachableException.class, WsaErrorTranslation.forDatagram(WsaError.WSAECONNRESET));
    }

    @Test
    void channelStateErrorsAreTheChannelContractsUncheckedExceptions() {
        assertInstanceOf(NotYetConnectedException.class, WsaErrorTranslation.channelState(WsaError.WSAENOTCONN));
        assertInstanceOf(AlreadyConnectedException.class, WsaErrorTranslation.channelState(WsaError.WSAEISCONN));
        assertInstanceOf(ConnectionPendingException.class, WsaErrorTranslation.channelState(WsaError.WSAEALREADY));
        assertNull(WsaErrorTranslation.channelState(WsaError.WSAECONNRESET));
    }

    @Test
    void everyCodeTranslatesToSomething() {
        for (WsaError e : WsaError.values()) {
            IOException x = WsaErrorTranslation.forIo(e);
            assertSame(e, ((WsaException) x.getCause()).error());
        }
    }
}
