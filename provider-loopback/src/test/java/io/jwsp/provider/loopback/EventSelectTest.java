package io.jwsp.provider.loopback;

import static io.jwsp.provider.loopback.Loop.bytes;
import static io.jwsp.provider.loopback.Loop.fails;
import static io.jwsp.provider.loopback.Loop.fill;
import static io.jwsp.provider.loopback.Loop.name;
import static io.jwsp.provider.loopback.Loop.ok;
import static io.jwsp.provider.loopback.Loop.room;
import static io.jwsp.provider.loopback.Loop.send;
import static io.jwsp.spi.event.FdEvents.FD_ACCEPT;
import static io.jwsp.spi.event.FdEvents.FD_ALL_EVENTS;
import static io.jwsp.spi.event.FdEvents.FD_CLOSE;
import static io.jwsp.spi.event.FdEvents.FD_CONNECT;
import static io.jwsp.spi.event.FdEvents.FD_READ;
import static io.jwsp.spi.event.FdEvents.FD_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.result.WsaError;
import org.junit.jupiter.api.Test;

/** WSPEventSelect and WSPEnumNetworkEvents: FD_* recording, Winsock's re-enabling rules, FD_CLOSE only to the peer. */
class EventSelectTest {
    private final Loop loop = new Loop();

    private static NetworkEvents events(WspSocket s) {
        return ok(s.enumNetworkEvents(null));
    }

    @Test
    void required_eventSelect_nonblockingConnect_wouldBlockThenFdConnectAndFdWrite() {
        WspSocket l = loop.listener();
        RecordingUpcalls.TestEvent lev = new RecordingUpcalls.TestEvent();
        ok(l.eventSelect(lev, FD_ACCEPT));
        WspSocket c = loop.stream();
        RecordingUpcalls.TestEvent ev = new RecordingUpcalls.TestEvent();
        ok(c.eventSelect(ev, FD_CONNECT | FD_WRITE | FD_READ | FD_CLOSE));
        fails(WsaError.WSAEWOULDBLOCK, c.connect(name(l)));
        assertTrue(ev.isSet());
        NetworkEvents n = events(c);
        assertTrue(n.has(FD_CONNECT) && n.has(FD_WRITE), n.toString());
        assertNull(n.errorOf(FD_CONNECT));
        assertTrue(lev.isSet(), "FD_ACCEPT at the listener");
        assertTrue(events(l).has(FD_ACCEPT));
        fails(WsaError.WSAEISCONN, c.connect(name(l)));
    }

    @Test
    void required_eventSelect_nonblockingConnectRefused_fdConnectCarriesWSAECONNREFUSED_andSoError() {
        WspSocket c = loop.stream();
        ok(c.eventSelect(new RecordingUpcalls.TestEvent(), FD_CONNECT));
        fails(WsaError.WSAEWOULDBLOCK, c.connect(Loop.local(1)));
        NetworkEvents n = events(c);
        assertEquals(WsaError.WSAECONNREFUSED, n.errorOf(FD_CONNECT));
        assertEquals(WsaError.WSAECONNREFUSED.code(), ok(c.getSockOpt(io.jwsp.spi.option.SocketOptions.SO_ERROR)));
        assertEquals(0, ok(c.getSockOpt(io.jwsp.spi.option.SocketOptions.SO_ERROR)), "reading SO_ERROR clears it");
    }

    @Test
    void required_eventSelect_fdRead_reenabledByRecvThatLeavesData() {
        Loop.Pair p = loop.pair();
        ok(p.client().eventSelect(new RecordingUpcalls.TestEvent(), FD_READ));
        events(p.client());
        send(p.server(), 10);
        assertTrue(events(p.client()).has(FD_READ));
        send(p.server(), 10);
        assertFalse(events(p.client()).has(FD_READ), "no second FD_READ until a recv re-enables it");
        assertEquals(5, ok(p.client().recv(room(5), 0, null)));
        assertTrue(events(p.client()).has(FD_READ), "the recv left data: FD_READ again");
        assertEquals(15, ok(p.client().recv(room(50), 0, null)));
        assertFalse(events(p.client()).has(FD_READ), "nothing left: no FD_READ");
        send(p.server(), 1);
        assertTrue(events(p.client()).has(FD_READ), "new data after a recv that emptied the buffer");
    }

    @Test
    void required_eventSelect_fdWrite_afterWouldBlockWhenRoomReturns() {
        Loop.Pair p = loop.smallPair();
        ok(p.client().eventSelect(new RecordingUpcalls.TestEvent(), FD_WRITE));
        assertTrue(events(p.client()).has(FD_WRITE), "eventSelect posts FD_WRITE when a send can go");
        fill(p.client());
        assertFalse(events(p.client()).has(FD_WRITE));
        ok(p.server().recv(room(100), 0, null));
        assertTrue(events(p.client()).has(FD_WRITE), "room returned after WSAEWOULDBLOCK");
        ok(p.server().recv(room(100), 0, null));
        assertFalse(events(p.client()).has(FD_WRITE), "only once per WSAEWOULDBLOCK");
    }

    @Test
    void required_closesocket_fdCloseToPeerNeverToCloser() {
        Loop.Pair p = loop.pair();
        RecordingUpcalls.TestEvent closerEvent = new RecordingUpcalls.TestEvent();
        RecordingUpcalls.TestEvent peerEvent = new RecordingUpcalls.TestEvent();
        ok(p.client().eventSelect(closerEvent, FD_ALL_EVENTS));
        ok(p.server().eventSelect(peerEvent, FD_ALL_EVENTS));
        events(p.client());
        events(p.server());
        closerEvent.reset();
        peerEvent.reset();
        ok(p.client().closeSocket());
        assertFalse(closerEvent.isSet(), "FD_CLOSE is never posted to the closing side");
        NetworkEvents n = events(p.server());
        assertTrue(n.has(FD_CLOSE), n.toString());
        assertNull(n.errorOf(FD_CLOSE), "graceful: error 0");
    }

    @Test
    void required_closesocket_hardClose_peerFdCloseCarriesWSAECONNRESET() {
        Loop.Pair p = loop.pair();
        ok(p.server().eventSelect(new RecordingUpcalls.TestEvent(), FD_CLOSE));
        Loop.linger(p.client(), 0);
        ok(p.client().closeSocket());
        assertEquals(WsaError.WSAECONNRESET, events(p.server()).errorOf(FD_CLOSE));
    }

    @Test
    void required_shutdownSend_peerGetsFdCloseAfterQueuedDataArrives() {
        Loop.Pair p = loop.smallPair();
        ok(p.server().eventSelect(new RecordingUpcalls.TestEvent(), FD_CLOSE | FD_READ));
        fill(p.client());
        ok(p.client().shutdown(io.jwsp.spi.io.ShutdownHow.SD_SEND));
        assertFalse(events(p.server()).has(FD_CLOSE), "the FIN is still queued behind data at the sender");
        while (!events(p.server()).has(FD_CLOSE)) {
            assertTrue(ok(p.server().recv(room(512), 0, null)) > 0, "data before the FIN");
        }
    }

    @Test
    void required_eventSelect_postsConditionsThatAlreadyHold() {
        Loop.Pair p = loop.pair();
        send(p.server(), 3);
        ok(p.server().closeSocket());
        ok(p.client().eventSelect(new RecordingUpcalls.TestEvent(), FD_READ | FD_CLOSE));
        NetworkEvents n = events(p.client());
        assertTrue(n.has(FD_READ) && n.has(FD_CLOSE), n.toString());
    }

    @Test
    void required_eventSelect_acceptedSocketInheritsTheListenersSelection() {
        WspSocket l = loop.listener();
        RecordingUpcalls.TestEvent ev = new RecordingUpcalls.TestEvent();
        ok(l.eventSelect(ev, FD_ACCEPT | FD_READ));
        WspSocket c = loop.stream();
        ok(c.connect(name(l)));
        WspSocket a = ok(l.accept(null)).socket();
        fails(WsaError.WSAEWOULDBLOCK, a.recv(room(1), 0, null)); // nonblocking, inherited
        send(c, 1);
        assertTrue(events(a).has(FD_READ));
    }

    @Test
    void required_fionbio_blockingWhileEventSelectActive_isWSAEINVAL() {
        WspSocket s = loop.stream();
        ok(s.eventSelect(new RecordingUpcalls.TestEvent(), FD_READ));
        fails(WsaError.WSAEINVAL, s.ioctl(IoControls.FIONBIO, false, null));
        ok(s.eventSelect(null, 0));
        ok(s.ioctl(IoControls.FIONBIO, false, null));
    }

    @Test
    void required_eventSelect_nullEventWithEvents_isWSAEINVAL() {
        fails(WsaError.WSAEINVAL, loop.stream().eventSelect(null, FD_READ));
    }

    @Test
    void required_enumNetworkEvents_resetsTheGivenEvent() {
        Loop.Pair p = loop.pair();
        RecordingUpcalls.TestEvent ev = new RecordingUpcalls.TestEvent();
        ok(p.client().eventSelect(ev, FD_READ));
        ok(p.server().send(bytes(1, 0), 0, null));
        assertTrue(ev.isSet());
        assertTrue(ok(p.client().enumNetworkEvents(ev)).has(FD_READ));
        assertFalse(ev.isSet());
    }
}
