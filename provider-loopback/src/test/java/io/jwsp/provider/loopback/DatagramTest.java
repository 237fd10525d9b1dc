package io.jwsp.provider.loopback;

import static io.jwsp.provider.loopback.Loop.bytes;
import static io.jwsp.provider.loopback.Loop.fails;
import static io.jwsp.provider.loopback.Loop.join;
import static io.jwsp.provider.loopback.Loop.name;
import static io.jwsp.provider.loopback.Loop.ok;
import static io.jwsp.provider.loopback.Loop.room;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.Received;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Loopback datagrams: boundaries, WSAEMSGSIZE truncation, a bounded queue that drops, default peers, no linger. */
class DatagramTest {
    private final Loop loop = new Loop();

    private WspSocket bound() {
        WspSocket d = loop.datagram();
        ok(d.bind(Loop.local(0)));
        return d;
    }

    @Test
    void required_datagram_sendToRecvFrom_keepsBoundariesAndReportsTheSource() {
        WspSocket a = bound();
        WspSocket b = loop.datagram();
        assertEquals(3, ok(b.sendTo(bytes(3, 0), 0, name(a), null)));
        assertEquals(5, ok(b.sendTo(bytes(5, 10), 0, name(a), null)));
        assertEquals(3, ok(a.ioctl(IoControls.FIONREAD, null, null)), "FIONREAD: the first message's size");
        Received r1 = ok(a.recvFrom(room(100), 0, null));
        Received r2 = ok(a.recvFrom(room(100), 0, null));
        assertEquals(3, r1.bytes());
        assertEquals(5, r2.bytes());
        assertEquals(name(b).toString().replace("0.0.0.0", "127.0.0.1"), r1.from().toString(),
                "the implicitly bound sender is seen at its loopback address");
    }

    @Test
    void required_datagram_bufferTooShort_WSAEMSGSIZE_dataTruncated_restLost() {
        WspSocket a = bound();
        WspSocket b = loop.datagram();
        ok(b.sendTo(bytes(10, 0), 0, name(a), null));
        ok(b.sendTo(bytes(2, 50), 0, name(a), null));
        ByteBuffer[] small = room(4);
        fails(WsaError.WSAEMSGSIZE, a.recv(small, 0, null));
        assertEquals(4, small[0].position(), "the buffer holds the truncated message");
        ByteBuffer[] next = room(10);
        assertEquals(2, ok(a.recv(next, 0, null)), "the rest of the long message was lost");
        assertEquals(50, next[0].get(0));
    }

    @Test
    void required_datagram_fullReceiveQueue_drops() {
        WspSocket a = bound();
        ok(a.setSockOpt(SocketOptions.SO_RCVBUF, 100));
        WspSocket b = loop.datagram();
        for (int i = 0; i < 5; i++) {
            ok(b.sendTo(bytes(40, i), 0, name(a), null)); // sending never fails for a full receiver
        }
        Loop.nonBlocking(a, true);
        int got = 0;
        while (a.recv(room(100), 0, null).isOk()) {
            got++;
        }
        assertEquals(2, got, "only what fits in SO_RCVBUF is queued; the rest is dropped as UDP does");
    }

    @Test
    void required_datagram_connect_setsDefaultPeerAndFilters() {
        WspSocket a = bound();
        WspSocket b = bound();
        WspSocket stranger = loop.datagram();
        ok(a.connect(name(b)));
        assertEquals(name(b), ok(a.getPeerName()));
        assertEquals(4, ok(a.send(bytes(4, 0), 0, null)));
        assertEquals(4, ok(b.recv(room(10), 0, null)));
        ok(stranger.sendTo(bytes(1, 0), 0, name(a), null));
        ok(b.sendTo(bytes(2, 0), 0, name(a), null));
        Received r = ok(a.recvFrom(room(10), 0, null));
        assertEquals(2, r.bytes(), "only the default peer's datagrams are received");
        assertEquals(name(b), r.from());
    }

    @Test
    void required_datagram_addressingErrors() {
        WspSocket d = loop.datagram();
        fails(WsaError.WSAENOTCONN, d.send(bytes(1, 0), 0, null));
        fails(WsaError.WSAEDESTADDRREQ, d.sendTo(bytes(1, 0), 0, null, null));
        fails(WsaError.WSAEINVAL, d.recv(room(1), 0, null), "recv on an unbound datagram socket");
        fails(WsaError.WSAENOTCONN, d.getPeerName());
        fails(WsaError.WSAEMSGSIZE, d.sendTo(bytes(LoopbackProviderFactory.MAX_DATAGRAM + 1, 0), 0,
                Loop.local(9), null));
        fails(WsaError.WSAEADDRNOTAVAIL, d.sendTo(bytes(1, 0), 0, InetSockAddr.any4(9), null));
        fails(WsaError.WSAEOPNOTSUPP, d.listen(1));
        fails(WsaError.WSAEOPNOTSUPP, d.accept(null));
        assertEquals(1, ok(d.sendTo(bytes(1, 0), 0, Loop.local(9), null)), "nobody there: silently dropped");
        // Observed Windows (the TCK pins it): shutdown needs no connection on a datagram socket.
        ok(d.shutdown(ShutdownHow.SD_SEND));
        fails(WsaError.WSAESHUTDOWN, d.sendTo(bytes(1, 0), 0, Loop.local(9), null));
    }

    @Test
    void required_solinger_datagram_WSAENOPROTOOPT_getAndSet() {
        WspSocket d = loop.datagram();
        fails(WsaError.WSAENOPROTOOPT, d.getSockOpt(SocketOptions.SO_LINGER));
        fails(WsaError.WSAENOPROTOOPT, d.setSockOpt(SocketOptions.SO_LINGER, Linger.of(3)));
        fails(WsaError.WSAENOPROTOOPT, d.getSockOpt(SocketOptions.SO_DONTLINGER));
        fails(WsaError.WSAENOPROTOOPT, d.setSockOpt(SocketOptions.SO_DONTLINGER, true));
        assertEquals(LoopbackProviderFactory.MAX_DATAGRAM, ok(d.getSockOpt(SocketOptions.SO_MAX_MSG_SIZE)));
        assertEquals(2, ok(d.getSockOpt(SocketOptions.SO_TYPE)));
    }

    @Test
    void required_datagram_blockingRecv_wakesOnArrival_closeInterruptsWithWSAEINTR() throws Exception {
        WspSocket a = bound();
        CompletableFuture<WspResult<Integer>> recv = loop.blocked(() -> a.recv(room(10), 0, null));
        ok(loop.datagram().sendTo(bytes(6, 0), 0, name(a), null));
        assertEquals(6, ok(join(recv)));
        CompletableFuture<WspResult<Integer>> second = loop.blocked(() -> a.recv(room(10), 0, null));
        ok(a.closeSocket());
        fails(WsaError.WSAEINTR, join(second));
    }

    @Test
    void required_datagram_overlappedRecv_pendingThenCompleted_abortedAtClose() {
        WspSocket a = bound();
        Overlapped first = Overlapped.polled();
        assertTrue(a.recvFrom(room(10), 0, first).isPending());
        ok(loop.datagram().sendTo(bytes(3, 0), 0, name(a), null));
        RecordingUpcalls.Completed c = loop.upcalls.of(first);
        assertNull(c.error());
        assertEquals(3, c.bytes());
        assertTrue(c.from() instanceof InetSockAddr);
        Overlapped second = Overlapped.polled();
        assertTrue(a.recv(room(10), 0, second).isPending());
        ok(a.closeSocket());
        assertEquals(WsaError.WSA_OPERATION_ABORTED, loop.upcalls.of(second).error());
    }

    @Test
    void required_datagram_eventSelect_fdReadAndFdWrite() {
        WspSocket a = bound();
        ok(a.eventSelect(new RecordingUpcalls.TestEvent(), FdEvents.FD_READ | FdEvents.FD_WRITE));
        assertTrue(ok(a.enumNetworkEvents(null)).has(FdEvents.FD_WRITE));
        ok(loop.datagram().sendTo(bytes(1, 0), 0, name(a), null));
        assertTrue(ok(a.enumNetworkEvents(null)).has(FdEvents.FD_READ));
        assertEquals(1, ok(a.recv(room(1), 0, null)));
        fails(WsaError.WSAEWOULDBLOCK, a.recv(room(1), 0, null), "event select made the socket nonblocking");
    }
}
