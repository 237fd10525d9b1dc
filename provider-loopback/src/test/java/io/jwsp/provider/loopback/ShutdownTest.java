package io.jwsp.provider.loopback;

import static io.jwsp.provider.loopback.Loop.bytes;
import static io.jwsp.provider.loopback.Loop.fails;
import static io.jwsp.provider.loopback.Loop.fill;
import static io.jwsp.provider.loopback.Loop.linger;
import static io.jwsp.provider.loopback.Loop.nonBlocking;
import static io.jwsp.provider.loopback.Loop.ok;
import static io.jwsp.provider.loopback.Loop.readToEnd;
import static io.jwsp.provider.loopback.Loop.room;
import static io.jwsp.provider.loopback.Loop.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.result.WsaError;
import org.junit.jupiter.api.Test;

/** WSPShutdown: half-close in each direction, WSAESHUTDOWN after it, invalid how, and never the linger path. */
class ShutdownTest {
    private final Loop loop = new Loop();

    @Test
    void required_shutdownSend_peerReadsEverythingThenZero_laterSendIsWSAESHUTDOWN() {
        Loop.Pair p = loop.pair();
        send(p.client(), 300);
        ok(p.client().shutdown(ShutdownHow.SD_SEND));
        Object[] end = readToEnd(p.server());
        assertEquals(300L, end[0]);
        assertNull(end[1]);
        fails(WsaError.WSAESHUTDOWN, p.client().send(bytes(1, 0), 0, null));
        // Half-close: the other direction still works.
        send(p.server(), 4);
        assertEquals(4, ok(p.client().recv(room(10), 0, null)));
    }

    @Test
    void required_shutdownReceive_laterRecvIsWSAESHUTDOWN_sendStillWorks() {
        Loop.Pair p = loop.pair();
        ok(p.client().shutdown(ShutdownHow.SD_RECEIVE));
        fails(WsaError.WSAESHUTDOWN, p.client().recv(room(1), 0, null));
        send(p.client(), 2);
        assertEquals(2, ok(p.server().recv(room(10), 0, null)));
    }

    @Test
    void required_shutdownBoth_stopsBothDirections() {
        Loop.Pair p = loop.pair();
        ok(p.client().shutdown(ShutdownHow.SD_BOTH));
        fails(WsaError.WSAESHUTDOWN, p.client().recv(room(1), 0, null));
        fails(WsaError.WSAESHUTDOWN, p.client().send(bytes(1, 0), 0, null));
        assertNull(readToEnd(p.server())[1]);
    }

    @Test
    void required_shutdown_invalidHow_isWSAEINVAL() {
        Loop.Pair p = loop.pair();
        fails(WsaError.WSAEINVAL, p.client().shutdown(3));
        fails(WsaError.WSAEINVAL, p.client().shutdown(-1));
    }

    @Test
    void required_shutdown_unconnectedStream_isWSAENOTCONN() {
        fails(WsaError.WSAENOTCONN, loop.stream().shutdown(ShutdownHow.SD_SEND));
        fails(WsaError.WSAENOTCONN, loop.listener().shutdown(ShutdownHow.SD_SEND));
    }

    @Test
    void required_shutdown_neverLingers_evenWithLingerNAndDataQueued() {
        Loop.Pair p = loop.smallPair();
        int sent = fill(p.client());
        nonBlocking(p.client(), false);
        linger(p.client(), 30);
        ok(p.client().shutdown(ShutdownHow.SD_SEND)); // on this thread: a wait would hang the test
        assertEquals(0L, loop.virtual().nanoTime());
        Object[] end = readToEnd(p.server());
        assertEquals((long) sent, end[0]);
        assertNull(end[1]);
    }
}
