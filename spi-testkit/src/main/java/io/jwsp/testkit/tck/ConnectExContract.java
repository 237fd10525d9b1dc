package io.jwsp.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.ext.WinsockConnectEx;
import io.jwsp.runtime.ext.WinsockExtensions;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.ext.ExtensionOptions;
import io.jwsp.spi.io.Completion;
import io.jwsp.spi.io.CompletionPacket;
import io.jwsp.spi.io.CompletionPort;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * ConnectEx and SO_UPDATE_CONNECT_CONTEXT (mswsock.h, the ConnectEx page): a bound, unconnected socket connects
 * overlapped, then sends the send-on-connect bytes, and completes with their count; until SO_UPDATE_CONNECT_CONTEXT
 * getsockname, getpeername and shutdown answer WSAENOTCONN; an unbound socket is WSAEINVAL, a connected one
 * WSAEISCONN. Skipped, with the reason, where the entry under test lists no ConnectEx.
 */
public abstract class ConnectExContract extends AcceptExContract {

    /** A socket bound as ConnectEx wants it, to the provider's local address (the listen address, any port). */
    protected long boundClient() {
        long s = openWith(WspProvider.WSA_FLAG_OVERLAPPED);
        ok(ws.bind(s, put.clientBindAddress()), "bind(" + put.clientBindAddress() + ")");
        return s;
    }

    protected WspResult<Integer> connectEx(long s, SockAddr to, ByteBuffer data, Overlapped ov) {
        WinsockConnectEx connectEx = function(s, WinsockExtensions.CONNECT_EX);
        return connectEx.connectEx(s, to, data, ov);
    }

    /** ConnectEx's answer, pending or at once: the bytes it sent. */
    protected int connectedEx(long s, Overlapped ov, WspResult<Integer> r) {
        if (r.isPending()) {
            return ok(completed(s, ov, "ConnectEx"), "ConnectEx's result");
        }
        return ok(r, "ConnectEx");
    }

    @Test
    @DisplayName("ConnectEx: connects a bound socket and sends the send-on-connect bytes; the peer reads them")
    public void optional_connectEx_connectsAndSends() {
        long listener = listener();
        SockAddr address = ok(ws.getSockName(listener), "getsockname(listener)");
        long s = boundClient();
        Overlapped ov = withEvent();
        ByteBuffer data = Payload.at(0, 40);
        int sent = connectedEx(s, ov, connectEx(s, address, data, ov));
        assertEquals(40, sent, "ConnectEx completes with the bytes of its send buffer");
        long accepted = track(ok(settle("accept", () -> ws.accept(listener)), "accept"));
        readExactly(accepted, 0, 40);
        ok(ws.setSockOpt(s, ExtensionOptions.SO_UPDATE_CONNECT_CONTEXT, 0), "SO_UPDATE_CONNECT_CONTEXT");
        assertEquals(address, ok(ws.getPeerName(s), "getpeername"), "the peer is the listener's address");
        readExactly(s, 0, send(accepted, 0, 30));
    }

    @Test
    @DisplayName("ConnectEx: getsockname, getpeername and shutdown are WSAENOTCONN until SO_UPDATE_CONNECT_CONTEXT")
    public void optional_connectEx_untilUpdateContext_isNotConnected() {
        long listener = listener();
        SockAddr address = ok(ws.getSockName(listener), "getsockname(listener)");
        long s = boundClient();
        Overlapped ov = withEvent();
        connectedEx(s, ov, connectEx(s, address, null, ov));
        fails(WsaError.WSAENOTCONN, ws.getPeerName(s), "getpeername before SO_UPDATE_CONNECT_CONTEXT");
        fails(WsaError.WSAENOTCONN, ws.getSockName(s), "getsockname before SO_UPDATE_CONNECT_CONTEXT");
        fails(WsaError.WSAENOTCONN, ws.shutdown(s, ShutdownHow.SD_SEND), "shutdown before SO_UPDATE_CONNECT_CONTEXT");
        fails(WsaError.WSAEINVAL, ws.setSockOpt(s, ExtensionOptions.SO_UPDATE_ACCEPT_CONTEXT, listener),
                "SO_UPDATE_ACCEPT_CONTEXT on a ConnectEx socket");
        ok(ws.setSockOpt(s, ExtensionOptions.SO_UPDATE_CONNECT_CONTEXT, 0), "SO_UPDATE_CONNECT_CONTEXT");
        ok(ws.shutdown(s, ShutdownHow.SD_SEND), "shutdown after SO_UPDATE_CONNECT_CONTEXT");
        fails(WsaError.WSAEINVAL, ws.setSockOpt(open(), ExtensionOptions.SO_UPDATE_CONNECT_CONTEXT, 0),
                "SO_UPDATE_CONNECT_CONTEXT on a socket ConnectEx never connected");
    }

    @Test
    @DisplayName("ConnectEx: completes through the socket's associated completion port")
    public void optional_connectEx_completesToTheAssociatedPort() {
        long listener = listener();
        SockAddr address = ok(ws.getSockName(listener), "getsockname(listener)");
        long s = boundClient();
        CompletionPort port = ws.createCompletionPort();
        ok(ws.associateCompletionPort(s, port, 11), "CreateIoCompletionPort(s)");
        Overlapped ov = Overlapped.polled();
        WspResult<Integer> r = connectEx(s, address, Payload.at(0, 8), ov);
        assertTrue(r.isPending() || r.isOk(), "ConnectEx: " + describe(r));
        CompletionPacket p = ok(settle("GetQueuedCompletionStatus",
                () -> ws.getQueuedCompletionStatus(port, eventWait())), "the socket's port");
        assertEquals(11, p.key(), "the socket's key");
        assertSame(ov, p.overlapped(), "the packet names ConnectEx's record");
        assertEquals(null, p.error(), "ConnectEx's status");
        assertEquals(8, p.bytesTransferred(), "the bytes sent on connect");
    }

    @Test
    @DisplayName("ConnectEx: unbound WSAEINVAL, connected WSAEISCONN, listening WSAEINVAL, no name or record WSAEFAULT")
    public void optional_connectEx_badInput_isAnErrorCode() {
        long listener = listener();
        SockAddr address = ok(ws.getSockName(listener), "getsockname(listener)");
        WinsockConnectEx connectEx = function(listener, WinsockExtensions.CONNECT_EX);
        fails(WsaError.WSAEINVAL, connectEx.connectEx(open(), address, null, withEvent()), "an unbound socket");
        fails(WsaError.WSAEINVAL, connectEx.connectEx(listener, address, null, withEvent()), "a listening socket");
        Connection c = connect(listener, 0);
        fails(WsaError.WSAEISCONN, connectEx.connectEx(c.client(), address, null, withEvent()), "a connected socket");
        long s = boundClient();
        fails(WsaError.WSAEFAULT, connectEx.connectEx(s, null, null, withEvent()), "no address");
        fails(WsaError.WSAEFAULT, connectEx.connectEx(s, address, null, null), "no OVERLAPPED");
        long closed = open();
        ok(ws.closeSocket(closed), "closesocket");
        fails(WsaError.WSAENOTSOCK, connectEx.connectEx(closed, address, null, withEvent()), "a closed handle");
        Overlapped ov = withEvent();
        WspResult<Integer> r = connectEx.connectEx(s, address, null, ov);
        connectedEx(s, ov, r);
        fails(WsaError.WSAEISCONN, connectEx.connectEx(s, address, null, withEvent()), "ConnectEx again");
    }

    @Test
    @DisplayName("ConnectEx: closesocket racing it ends it with success or WSA_OPERATION_ABORTED, never a hang")
    public void optional_connectEx_closeRacing_endsIt() {
        long listener = listener();
        SockAddr address = ok(ws.getSockName(listener), "getsockname(listener)");
        long s = boundClient();
        Overlapped ov = withEvent();
        WspResult<Integer> r = connectEx(s, address, Payload.at(0, 8), ov);
        ok(atOnce("closesocket", () -> ws.closeSocket(s)), "closesocket right after ConnectEx");
        if (r.isPending()) {
            // the handle is gone: the record itself says how the call ended
            awaitEvent(((Completion.Event) ov.completion()).event(), "ConnectEx racing closesocket");
            assertTrue(ov.error() == null || ov.error() == WsaError.WSA_OPERATION_ABORTED,
                    "ConnectEx under a close: " + ov.error());
        } else {
            ok(r, "ConnectEx");
        }
    }
}
