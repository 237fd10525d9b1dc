package io.jwsp.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jwsp.spi.WspProvider;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * shutdown against blocked and pending receives, and on datagram sockets, as Windows behaves where the shutdown page
 * is silent: shutdown does not cancel (closesocket does), and a datagram socket needs no connection to be shut.
 */
public abstract class ShutdownSemanticsContract extends FdCloseOnceContract {

    @Test
    @DisplayName("observed Windows: shutdown(SD_BOTH) does not wake a recv blocked in another thread; closesocket does")
    public void required_shutdown_both_doesNotWakeABlockedRecv() {
        Connection c = connect();
        BackgroundCall<WspResult<Integer>> recv = inBackground("recv",
                () -> ws.recv(c.client(), ByteBuffer.allocate(64), 0));
        awaitBlocked(recv, 1);
        ok(atOnce("shutdown", () -> ws.shutdown(c.client(), ShutdownHow.SD_BOTH)), "shutdown(SD_BOTH)");
        // A wake-up would return at once; a real-time slice is enough to see one (it can only pass wrongly).
        assertFalse(recv.await(Duration.ofMillis(100)),
                () -> "shutdown(SD_BOTH) ended the blocked recv: " + describe(recv.join(Duration.ZERO)));
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "closesocket under the blocked recv");
        fails(WsaError.WSAEINTR, recv.join(put.realTimeout()), "the blocked recv after closesocket");
    }

    @Test
    @DisplayName("observed Windows: an overlapped recv pending when shutdown(SD_RECEIVE) is called still completes with data the peer sends")
    public void required_shutdown_receive_pendingOverlappedRecvStillCompletes() {
        Connection c = connect(WspProvider.WSA_FLAG_OVERLAPPED);
        WspEvent event = ws.createEvent();
        Overlapped ov = Overlapped.withEvent(event);
        WspResult<Integer> r = ws.wsaRecv(c.client(), new ByteBuffer[] {ByteBuffer.allocate(64)}, 0, ov);
        assertEquals(true, r.isPending(), "WSARecv with nothing to read should be pending, answered " + describe(r));
        ok(atOnce("shutdown", () -> ws.shutdown(c.client(), ShutdownHow.SD_RECEIVE)), "shutdown(SD_RECEIVE)");
        send(c.accepted(), 0, 10);
        awaitEvent(event, "the pending recv's completion");
        assertNull(ov.error(), "the pending recv's status");
        assertEquals(10, ov.bytesTransferred(), "bytes of the pending recv");
    }

    /** Two bound datagram sockets of the entry: the one under test and a destination. */
    private long[] boundDatagrams(ProtocolInfo entry) {
        long d = openDatagram(entry);
        long other = openDatagram(entry);
        ok(ws.bind(d, put.listenAddress()), "bind(datagram)");
        ok(ws.bind(other, put.listenAddress()), "bind(second datagram)");
        return new long[] {d, other};
    }

    @Test
    @DisplayName("observed Windows: shutdown(SD_SEND) on an unconnected datagram socket answers 0; sendto then answers WSAESHUTDOWN")
    public void required_shutdown_datagramUnconnected_send_thenWSAESHUTDOWN() {
        long[] d = boundDatagrams(requiresDatagramEntry());
        SockAddr to = ok(ws.getSockName(d[1]), "getsockname(second datagram)");
        ok(ws.shutdown(d[0], ShutdownHow.SD_SEND), "shutdown(SD_SEND) on an unconnected datagram socket");
        fails(WsaError.WSAESHUTDOWN, atOnce("sendto", () -> ws.sendTo(d[0], Payload.at(0, 10), 0, to)),
                "sendto after shutdown(SD_SEND)");
    }

    @Test
    @DisplayName("observed Windows: shutdown(SD_RECEIVE) on an unconnected datagram socket answers 0; recvfrom then answers WSAESHUTDOWN")
    public void required_shutdown_datagramUnconnected_receive_thenWSAESHUTDOWN() {
        long[] d = boundDatagrams(requiresDatagramEntry());
        setBlocking(d[0], false); // without the shutdown, recvfrom answers WSAEWOULDBLOCK instead of hanging
        ok(ws.shutdown(d[0], ShutdownHow.SD_RECEIVE), "shutdown(SD_RECEIVE) on an unconnected datagram socket");
        fails(WsaError.WSAESHUTDOWN, atOnce("recvfrom", () -> ws.recvFrom(d[0], ByteBuffer.allocate(64), 0)),
                "recvfrom after shutdown(SD_RECEIVE)");
    }
}
