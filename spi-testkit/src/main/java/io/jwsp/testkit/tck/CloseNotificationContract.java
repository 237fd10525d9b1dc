package io.jwsp.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.result.WsaError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** FD_CLOSE: posted to the peer, never to the closing side (closesocket "Note"; WSPCloseSocket Remarks). */
public abstract class CloseNotificationContract extends HandleContract {
    private static final int MASK = FdEvents.FD_READ | FdEvents.FD_WRITE | FdEvents.FD_CLOSE;

    /** Event-selects both ends of {@code c}, then clears what was recorded so far (FD_WRITE at once, say). */
    private WspEvent[] selectBoth(Connection c) {
        WspEvent closer = ws.createEvent();
        WspEvent peer = ws.createEvent();
        ok(ws.eventSelect(c.client(), closer, MASK), "WSAEventSelect(client)");
        ok(ws.eventSelect(c.accepted(), peer, FdEvents.FD_READ | FdEvents.FD_CLOSE), "WSAEventSelect(peer)");
        ok(ws.enumNetworkEvents(c.client(), closer), "WSAEnumNetworkEvents(client)");
        ok(ws.enumNetworkEvents(c.accepted(), peer), "WSAEnumNetworkEvents(peer)");
        assertFalse(peer.isSet(), "the peer's event after enumeration");
        return new WspEvent[] {closer, peer};
    }

    @Test
    @DisplayName("closesocket Note: FD_CLOSE reaches the peer and is never posted to the closing side")
    public void required_closesocket_fdClose_postedToPeer_neverToCloser() {
        Connection c = connect();
        WspEvent[] ev = selectBoth(c);
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "closesocket");
        awaitEvent(ev[1], "the peer's FD_CLOSE");
        NetworkEvents seen = ok(ws.enumNetworkEvents(c.accepted(), ev[1]), "WSAEnumNetworkEvents(peer)");
        assertTrue(seen.has(FdEvents.FD_CLOSE), "the peer should record FD_CLOSE, recorded " + seen);
        if (put.gracefulClose()) {
            assertNull(seen.errorOf(FdEvents.FD_CLOSE), "a graceful close's FD_CLOSE carries no error");
        }
        // The peer answers by closing too: nothing may reach the side that closed first.
        ok(atOnce("closesocket", () -> ws.closeSocket(c.accepted())), "closesocket(peer)");
        assertFalse(ev[0].isSet(), "an event was posted to the closing side after its close");
    }

    @Test
    @DisplayName("closesocket row linger(1,0): the peer's FD_CLOSE carries the hard close (WSAECONNRESET on TCP)")
    public void required_closesocket_lingerZero_peerGetsFdClose() {
        Connection c = connect();
        WspEvent[] ev = selectBoth(c);
        ok(ws.setSockOpt(c.client(), io.jwsp.spi.option.SocketOptions.SO_LINGER, io.jwsp.spi.option.Linger.of(0)),
                "setsockopt(SO_LINGER, (1,0))");
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "closesocket with linger(1,0)");
        awaitEvent(ev[1], "the peer's FD_CLOSE");
        NetworkEvents seen = ok(ws.enumNetworkEvents(c.accepted(), ev[1]), "WSAEnumNetworkEvents(peer)");
        assertTrue(seen.has(FdEvents.FD_CLOSE), "the peer should record FD_CLOSE, recorded " + seen);
        if (put.hardCloseSeenByPeer() == PeerEnd.RESET) {
            assertEquals(WsaError.WSAECONNRESET, seen.errorOf(FdEvents.FD_CLOSE), "FD_CLOSE's error after a reset");
        }
        assertFalse(ev[0].isSet(), "an event was posted to the closing side after its close");
    }

    @Test
    @DisplayName("shutdown(SD_SEND): the peer gets FD_CLOSE; the shut side, still open, gets none from its own shutdown")
    public void required_shutdown_send_peerGetsFdClose() {
        Connection c = connect();
        WspEvent[] ev = selectBoth(c);
        ok(atOnce("shutdown", () -> ws.shutdown(c.client(), ShutdownHow.SD_SEND)), "shutdown(SD_SEND)");
        awaitEvent(ev[1], "the peer's FD_CLOSE");
        NetworkEvents seen = ok(ws.enumNetworkEvents(c.accepted(), ev[1]), "WSAEnumNetworkEvents(peer)");
        assertTrue(seen.has(FdEvents.FD_CLOSE), "the peer should record FD_CLOSE, recorded " + seen);
        NetworkEvents own = ok(ws.enumNetworkEvents(c.client(), ev[0]), "WSAEnumNetworkEvents(client)");
        assertFalse(own.has(FdEvents.FD_CLOSE), "the side that shut down recorded FD_CLOSE: " + own);
    }
}
