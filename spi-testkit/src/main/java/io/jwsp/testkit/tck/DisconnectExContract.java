package io.jwsp.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.ext.WinsockDisconnectEx;
import io.jwsp.runtime.ext.WinsockExtensions;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.ext.ExtensionOptions;
import io.jwsp.spi.ext.connect.TransmitFlags;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * DisconnectEx and TF_REUSE_SOCKET (mswsock.h, the DisconnectEx page): the connection ends (gracefully where the
 * protocol has a graceful close: the peer reads every byte, then the end) and the handle stays open; with
 * TF_REUSE_SOCKET it can be given to AcceptEx or ConnectEx again. Skipped, with the reason, where the entry under test
 * lists no DisconnectEx.
 */
public abstract class DisconnectExContract extends ConnectExContract {

    private void disconnect(long s, int flags) {
        WinsockDisconnectEx disconnectEx = function(s, WinsockExtensions.DISCONNECT_EX);
        Overlapped ov = withEvent();
        WspResult<Void> r = disconnectEx.disconnectEx(s, ov, flags, 0);
        assertTrue(r.isOk() || r.isPending(), "DisconnectEx: " + describe(r));
        ok(completed(s, ov, "DisconnectEx"), "DisconnectEx's result");
    }

    @Test
    @DisplayName("DisconnectEx(TF_REUSE_SOCKET): the peer sees the end; the same handle then serves AcceptEx again")
    public void optional_disconnectEx_reuseSocket_servesAcceptExAgain() {
        long listener = listener();
        PendingAccept first = acceptEx(listener, 0, withEvent());
        long client = client(listener);
        ok(completed(listener, first.overlapped(), "the first AcceptEx"), "the first AcceptEx");
        long s = first.acceptSocket();
        ok(ws.setSockOpt(s, ExtensionOptions.SO_UPDATE_ACCEPT_CONTEXT, listener), "SO_UPDATE_ACCEPT_CONTEXT");
        long sent = send(s, 0, 64);
        disconnect(s, TransmitFlags.TF_REUSE_SOCKET);
        if (put.gracefulClose()) {
            assertGracefulEnd(readAll(client, 0), sent);
        }
        PendingAccept again = acceptEx(listener, s, 0, withEvent());
        long second = client(listener);
        ok(completed(listener, again.overlapped(), "AcceptEx into the reused socket"), "the second AcceptEx");
        ok(ws.setSockOpt(s, ExtensionOptions.SO_UPDATE_ACCEPT_CONTEXT, listener), "SO_UPDATE_ACCEPT_CONTEXT");
        readExactly(s, 0, send(second, 0, 32));
    }

    @Test
    @DisplayName("DisconnectEx(TF_REUSE_SOCKET): the same handle, bound again, serves ConnectEx again")
    public void optional_disconnectEx_reuseSocket_servesConnectExAgain() {
        long listener = listener();
        SockAddr address = ok(ws.getSockName(listener), "getsockname(listener)");
        long s = boundClient();
        Overlapped ov = withEvent();
        connectedEx(s, ov, connectEx(s, address, null, ov));
        long first = track(ok(settle("accept", () -> ws.accept(listener)), "accept"));
        disconnect(s, TransmitFlags.TF_REUSE_SOCKET);
        if (put.gracefulClose()) {
            assertGracefulEnd(readAll(first, 0), 0);
        }
        ok(ws.bind(s, put.clientBindAddress()), "bind after TF_REUSE_SOCKET");
        Overlapped again = withEvent();
        assertEquals(16, connectedEx(s, again, connectEx(s, address, Payload.at(0, 16), again)),
                "the second ConnectEx's bytes");
        long second = track(ok(settle("accept", () -> ws.accept(listener)), "accept"));
        readExactly(second, 0, 16);
    }

    @Test
    @DisplayName("DisconnectEx: bad flags or dwReserved WSAEINVAL, not connected WSAENOTCONN, a closed handle WSAENOTSOCK")
    public void optional_disconnectEx_badInput_isAnErrorCode() {
        Connection c = connect();
        WinsockDisconnectEx disconnectEx = function(c.client(), WinsockExtensions.DISCONNECT_EX);
        fails(WsaError.WSAEINVAL, disconnectEx.disconnectEx(c.client(), withEvent(), 0x100, 0), "unknown flags");
        fails(WsaError.WSAEINVAL, disconnectEx.disconnectEx(c.client(), withEvent(), 0, 1), "dwReserved 1");
        fails(WsaError.WSAENOTCONN, disconnectEx.disconnectEx(open(), withEvent(), 0, 0), "a socket never connected");
        long closed = open();
        ok(ws.closeSocket(closed), "closesocket");
        fails(WsaError.WSAENOTSOCK, disconnectEx.disconnectEx(closed, withEvent(), 0, 0), "a closed handle");
        ok(disconnectEx.disconnectEx(c.client(), null, 0, 0), "DisconnectEx without OVERLAPPED (blocking)");
    }
}
