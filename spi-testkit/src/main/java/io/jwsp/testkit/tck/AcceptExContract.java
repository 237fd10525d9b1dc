package io.jwsp.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.Winsock;
import io.jwsp.runtime.ext.WinsockAcceptEx;
import io.jwsp.runtime.ext.WinsockExtensions;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.ext.ExtensionOptions;
import io.jwsp.spi.ext.accept.AcceptExAddresses;
import io.jwsp.spi.ext.accept.GetAcceptExSockaddrs;
import io.jwsp.spi.io.CompletionPacket;
import io.jwsp.spi.io.CompletionPort;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * AcceptEx, GetAcceptExSockaddrs and SO_UPDATE_ACCEPT_CONTEXT (mswsock.h, the AcceptEx page): a pending AcceptEx on a
 * listener completes into the pre-created accept socket when a connection arrives (after its first bytes when
 * dwReceiveDataLength &gt; 0), with both addresses in the buffer; the accept socket answers WSAENOTCONN to getsockname,
 * getpeername and shutdown until SO_UPDATE_ACCEPT_CONTEXT; closing the listener or CancelIoEx aborts it with
 * WSA_OPERATION_ABORTED. Skipped, with the reason, where the entry under test lists no AcceptEx.
 */
public abstract class AcceptExContract extends ExtensionLookupContract {
    private static final int SLOTS = 2 * ADDRESS_SLOT;

    /** A pending AcceptEx on {@code listener} into a new accept socket. */
    protected record PendingAccept(long acceptSocket, ByteBuffer output, Overlapped overlapped) {
    }

    protected PendingAccept acceptEx(long listener, int receive, Overlapped ov) {
        long accept = openWith(WspProvider.WSA_FLAG_OVERLAPPED);
        return acceptEx(listener, accept, receive, ov);
    }

    protected PendingAccept acceptEx(long listener, long accept, int receive, Overlapped ov) {
        WinsockAcceptEx acceptEx = function(listener, WinsockExtensions.ACCEPT_EX);
        ByteBuffer output = ByteBuffer.allocate(receive + SLOTS);
        WspResult<Integer> r = acceptEx.acceptEx(listener, accept, output, receive, ADDRESS_SLOT, ADDRESS_SLOT, ov);
        assertTrue(r.isPending(), "AcceptEx with no connection yet should be pending, answered " + describe(r));
        return new PendingAccept(accept, output, ov);
    }

    /** A client connected to {@code listener}, its connect run in the background. */
    protected long client(long listener) {
        SockAddr address = ok(ws.getSockName(listener), "getsockname(listener)");
        long client = open();
        ok(settle("connect", () -> ws.connect(client, address)), "connect(" + address + ")");
        return client;
    }

    @Test
    @DisplayName("AcceptEx: completes into the accept socket when a connection arrives; GetAcceptExSockaddrs reads both ends")
    public void optional_acceptEx_completesIntoTheAcceptSocket() {
        long listener = listener();
        PendingAccept p = acceptEx(listener, 0, withEvent());
        long client = client(listener);
        assertEquals(0, ok(completed(listener, p.overlapped(), "AcceptEx"), "AcceptEx's result"),
                "AcceptEx without dwReceiveDataLength receives nothing");
        ok(ws.setSockOpt(p.acceptSocket(), ExtensionOptions.SO_UPDATE_ACCEPT_CONTEXT, listener),
                "setsockopt(SO_UPDATE_ACCEPT_CONTEXT)");
        GetAcceptExSockaddrs addrs = function(listener, WinsockExtensions.GET_ACCEPT_EX_SOCKADDRS);
        AcceptExAddresses a = ok(addrs.getAcceptExSockaddrs(p.output(), 0, ADDRESS_SLOT, ADDRESS_SLOT),
                "GetAcceptExSockaddrs");
        assertEquals(ok(ws.getSockName(p.acceptSocket()), "getsockname(accepted)"), a.local(), "the local address");
        assertEquals(ok(ws.getSockName(client), "getsockname(client)"), a.remote(), "the remote address");
        long sent = send(client, 0, 100);
        readExactly(p.acceptSocket(), 0, sent);
        long back = send(p.acceptSocket(), 0, 50);
        readExactly(client, 0, back);
    }

    @Test
    @DisplayName("AcceptEx with dwReceiveDataLength: completes only with the first bytes, which are in the buffer")
    public void optional_acceptEx_receiveData_completesWithTheFirstBytes() {
        long listener = listener();
        PendingAccept p = acceptEx(listener, 64, withEvent());
        long client = client(listener);
        assertFalse(p.overlapped().isDone(), "AcceptEx with dwReceiveDataLength waits for data after the connection");
        long sent = send(client, 0, 20);
        int n = ok(completed(listener, p.overlapped(), "AcceptEx"), "AcceptEx's result");
        assertTrue(n > 0 && n <= sent, "AcceptEx received " + n + " of the " + sent + " bytes sent");
        ByteBuffer data = p.output().duplicate().position(n);
        assertTrue(Payload.matches(data, 0), "the first bytes at the start of the buffer");
        GetAcceptExSockaddrs addrs = function(listener, WinsockExtensions.GET_ACCEPT_EX_SOCKADDRS);
        AcceptExAddresses a = ok(addrs.getAcceptExSockaddrs(p.output(), 64, ADDRESS_SLOT, ADDRESS_SLOT),
                "GetAcceptExSockaddrs after the data");
        assertEquals(ok(ws.getSockName(client), "getsockname(client)"), a.remote(), "the remote address");
        readExactly(p.acceptSocket(), n, sent - n);
    }

    @Test
    @DisplayName("AcceptEx: getsockname, getpeername and shutdown are WSAENOTCONN until SO_UPDATE_ACCEPT_CONTEXT")
    public void optional_acceptEx_untilUpdateContext_isNotConnected() {
        long listener = listener();
        PendingAccept p = acceptEx(listener, 0, withEvent());
        client(listener);
        ok(completed(listener, p.overlapped(), "AcceptEx"), "AcceptEx's result");
        long s = p.acceptSocket();
        fails(WsaError.WSAENOTCONN, ws.getSockName(s), "getsockname before SO_UPDATE_ACCEPT_CONTEXT");
        fails(WsaError.WSAENOTCONN, ws.getPeerName(s), "getpeername before SO_UPDATE_ACCEPT_CONTEXT");
        fails(WsaError.WSAENOTCONN, ws.shutdown(s, ShutdownHow.SD_SEND), "shutdown before SO_UPDATE_ACCEPT_CONTEXT");
        fails(WsaError.WSAEINVAL, ws.setSockOpt(s, ExtensionOptions.SO_UPDATE_CONNECT_CONTEXT, 0),
                "SO_UPDATE_CONNECT_CONTEXT on an AcceptEx socket");
        long closed = open();
        ok(ws.closeSocket(closed), "closesocket");
        fails(WsaError.WSAENOTSOCK, ws.setSockOpt(s, ExtensionOptions.SO_UPDATE_ACCEPT_CONTEXT, closed),
                "SO_UPDATE_ACCEPT_CONTEXT naming a closed listener");
        ok(ws.setSockOpt(s, ExtensionOptions.SO_UPDATE_ACCEPT_CONTEXT, listener), "SO_UPDATE_ACCEPT_CONTEXT");
        ok(ws.getSockName(s), "getsockname after SO_UPDATE_ACCEPT_CONTEXT");
        ok(ws.getPeerName(s), "getpeername after SO_UPDATE_ACCEPT_CONTEXT");
        ok(ws.shutdown(s, ShutdownHow.SD_SEND), "shutdown after SO_UPDATE_ACCEPT_CONTEXT");
    }

    @Test
    @DisplayName("AcceptEx: closing the listener completes a pending AcceptEx with WSA_OPERATION_ABORTED")
    public void optional_acceptEx_listenerClosed_abortsIt() {
        long listener = listener();
        PendingAccept p = acceptEx(listener, 0, withEvent());
        ok(atOnce("closesocket(listener)", () -> ws.closeSocket(listener)), "closesocket(listener)");
        fails(WsaError.WSA_OPERATION_ABORTED, completed(p.acceptSocket(), p.overlapped(), "the aborted AcceptEx"),
                "AcceptEx after its listener closed");
        ok(ws.closeSocket(p.acceptSocket()), "closesocket(the accept socket, never accepted into)");
    }

    @Test
    @DisplayName("AcceptEx: closing the accept socket completes the pending AcceptEx with WSA_OPERATION_ABORTED")
    public void optional_acceptEx_acceptSocketClosed_abortsIt() {
        long listener = listener();
        PendingAccept p = acceptEx(listener, 0, withEvent());
        ok(atOnce("closesocket(accept socket)", () -> ws.closeSocket(p.acceptSocket())), "closesocket(accept)");
        fails(WsaError.WSA_OPERATION_ABORTED, completed(listener, p.overlapped(), "the aborted AcceptEx"),
                "AcceptEx after its accept socket closed");
        long client = client(listener);
        long accepted = track(ok(settle("accept", () -> ws.accept(listener)), "accept after the aborted AcceptEx"));
        readExactly(accepted, 0, send(client, 0, 10));
    }

    @Test
    @DisplayName("AcceptEx: CancelIoEx aborts it; the next connection waits for the next accept")
    public void optional_acceptEx_cancelIoEx_abortsIt_connectionKept() {
        long listener = listener();
        PendingAccept p = acceptEx(listener, 0, withEvent());
        ok(ws.cancelIoEx(listener, p.overlapped()), "CancelIoEx(listener, AcceptEx's record)");
        fails(WsaError.WSA_OPERATION_ABORTED, completed(listener, p.overlapped(), "the cancelled AcceptEx"),
                "a cancelled AcceptEx");
        long client = client(listener);
        long accepted = track(ok(settle("accept", () -> ws.accept(listener)), "accept after the cancelled AcceptEx"));
        readExactly(accepted, 0, send(client, 0, 10));
        fails(WsaError.WSAENOTCONN, ws.getPeerName(p.acceptSocket()), "the accept socket of a cancelled AcceptEx");
    }

    @Test
    @DisplayName("AcceptEx: completes through a completion routine, a port on the record, and the listener's associated port")
    public void optional_acceptEx_completesThroughEveryMechanism() throws InterruptedException {
        long listener = listener();
        function(listener, WinsockExtensions.ACCEPT_EX);
        List<Integer> routine = new CopyOnWriteArrayList<>();
        Overlapped byRoutine = Overlapped.withRoutine((error, bytes, ov, flags) -> routine.add(bytes));
        long accept = openWith(WspProvider.WSA_FLAG_OVERLAPPED);
        CountDownLatch issued = new CountDownLatch(1);
        // the routine runs on the thread that issued AcceptEx, once it waits alertably
        BackgroundCall<WspResult<Integer>> issuer = inBackground("AcceptEx, then an alertable SleepEx", () -> {
            acceptEx(listener, accept, 0, byRoutine);
            issued.countDown();
            return ws.sleep(eventWait(), true);
        });
        assertTrue(issued.await(put.realTimeout().toMillis(), TimeUnit.MILLISECONDS), "AcceptEx was issued");
        client(listener);
        assertEquals(Winsock.WAIT_IO_COMPLETION, ok(settle(issuer, "the alertable SleepEx"), "SleepEx"),
                "the alertable wait ends once the routine ran");
        assertEquals(List.of(0), routine, "the completion routine ran once with 0 bytes");

        CompletionPort port = ws.createCompletionPort();
        Overlapped byPort = Overlapped.withPort(port, 7);
        PendingAccept p = acceptEx(listener, 0, byPort);
        client(listener);
        CompletionPacket packet = ok(settle("GetQueuedCompletionStatus",
                () -> ws.getQueuedCompletionStatus(port, eventWait())), "the record's port");
        assertSame(byPort, packet.overlapped(), "the packet names AcceptEx's record");
        assertEquals(null, packet.error(), "AcceptEx's status");
        ok(ws.setSockOpt(p.acceptSocket(), ExtensionOptions.SO_UPDATE_ACCEPT_CONTEXT, listener), "update context");

        CompletionPort associated = ws.createCompletionPort();
        ok(ws.associateCompletionPort(listener, associated, 9), "CreateIoCompletionPort(listener)");
        Overlapped polled = Overlapped.polled();
        acceptEx(listener, 0, polled);
        client(listener);
        CompletionPacket viaListener = ok(settle("GetQueuedCompletionStatus",
                () -> ws.getQueuedCompletionStatus(associated, eventWait())), "the listener's port");
        assertEquals(9, viaListener.key(), "the listener's completion key");
        assertSame(polled, viaListener.overlapped(), "the packet names AcceptEx's record");
    }

    @Test
    @DisplayName("AcceptEx: bad buffers, lengths, records and socket states answer error codes")
    public void optional_acceptEx_badInput_isAnErrorCode() {
        long listener = listener();
        WinsockAcceptEx acceptEx = function(listener, WinsockExtensions.ACCEPT_EX);
        long accept = open();
        ByteBuffer out = ByteBuffer.allocate(SLOTS);
        fails(WsaError.WSAEFAULT, acceptEx.acceptEx(listener, accept, null, 0, ADDRESS_SLOT, ADDRESS_SLOT,
                withEvent()), "no buffer");
        fails(WsaError.WSAEFAULT, acceptEx.acceptEx(listener, accept, out, 1, ADDRESS_SLOT, ADDRESS_SLOT,
                withEvent()), "a buffer shorter than the three lengths");
        fails(WsaError.WSAEFAULT, acceptEx.acceptEx(listener, accept, out, 0, 4, 4, withEvent()),
                "address slots without room for an address and 16 bytes");
        fails(WsaError.WSAEFAULT, acceptEx.acceptEx(listener, accept, out.asReadOnlyBuffer(), 0, ADDRESS_SLOT,
                ADDRESS_SLOT, withEvent()), "a read-only buffer");
        fails(WsaError.WSAEFAULT, acceptEx.acceptEx(listener, accept, out, 0, ADDRESS_SLOT, ADDRESS_SLOT, null),
                "no OVERLAPPED");
        fails(WsaError.WSAEFAULT, acceptEx.acceptEx(listener, accept, out, -1, ADDRESS_SLOT, ADDRESS_SLOT,
                withEvent()), "a negative dwReceiveDataLength");
        long notListening = open();
        fails(WsaError.WSAEINVAL, acceptEx.acceptEx(notListening, accept, out, 0, ADDRESS_SLOT, ADDRESS_SLOT,
                withEvent()), "a listen socket that does not listen");
        fails(WsaError.WSAEINVAL, acceptEx.acceptEx(listener, listener, out, 0, ADDRESS_SLOT, ADDRESS_SLOT,
                withEvent()), "the listener as its own accept socket");
        Connection c = connect(listener, 0);
        fails(WsaError.WSAEINVAL, acceptEx.acceptEx(listener, c.client(), out, 0, ADDRESS_SLOT, ADDRESS_SLOT,
                withEvent()), "an accept socket already connected");
        long closed = open();
        ok(ws.closeSocket(closed), "closesocket");
        fails(WsaError.WSAENOTSOCK, acceptEx.acceptEx(listener, closed, out, 0, ADDRESS_SLOT, ADDRESS_SLOT,
                withEvent()), "a closed accept handle");
        fails(WsaError.WSAENOTSOCK, acceptEx.acceptEx(closed, accept, out, 0, ADDRESS_SLOT, ADDRESS_SLOT,
                withEvent()), "a closed listen handle");
        Overlapped inUse = withEvent();
        PendingAccept p = acceptEx(listener, accept, 0, inUse);
        fails(WsaError.WSAEINVAL, acceptEx.acceptEx(listener, open(), out, 0, ADDRESS_SLOT, ADDRESS_SLOT, inUse),
                "a record still in use");
        fails(WsaError.WSAEINVAL, acceptEx.acceptEx(listener, accept, ByteBuffer.allocate(SLOTS), 0, ADDRESS_SLOT,
                ADDRESS_SLOT, withEvent()), "an accept socket already in another AcceptEx");
        GetAcceptExSockaddrs addrs = function(listener, WinsockExtensions.GET_ACCEPT_EX_SOCKADDRS);
        fails(WsaError.WSAEFAULT, addrs.getAcceptExSockaddrs(null, 0, ADDRESS_SLOT, ADDRESS_SLOT),
                "GetAcceptExSockaddrs without a buffer");
        fails(WsaError.WSAEFAULT, addrs.getAcceptExSockaddrs(ByteBuffer.allocate(8), 0, ADDRESS_SLOT, ADDRESS_SLOT),
                "GetAcceptExSockaddrs with a short buffer");
        fails(WsaError.WSAEINVAL, addrs.getAcceptExSockaddrs(ByteBuffer.allocate(SLOTS), 0, ADDRESS_SLOT,
                ADDRESS_SLOT), "GetAcceptExSockaddrs on a buffer AcceptEx never wrote");
        ok(ws.closeSocket(listener), "closesocket(listener) with an AcceptEx pending");
        fails(WsaError.WSA_OPERATION_ABORTED, completed(accept, p.overlapped(), "the aborted AcceptEx"),
                "the pending AcceptEx after the listener closed");
    }
}
