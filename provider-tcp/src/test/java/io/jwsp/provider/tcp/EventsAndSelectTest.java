package io.jwsp.provider.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.tcp.support.TcpHarness;
import io.jwsp.provider.tcp.support.TestEvent;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.time.VirtualClock;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Event select and select, driven by the provider's poller; the peers are plain java.net sockets. */
class EventsAndSelectTest {
    private static final Duration BOUND = Duration.ofSeconds(10);
    private final TcpHarness h = new TcpHarness(new VirtualClock());

    @AfterEach
    void tearDown() {
        h.close();
    }

    /** Waits for the event, then answers what was recorded (accumulating until {@code bit} shows up). */
    private static NetworkEvents until(WspSocket s, TestEvent ev, int bit) throws InterruptedException {
        int seen = 0;
        int[] errors = new int[FdEvents.FD_MAX_EVENTS];
        while ((seen & bit) == 0) {
            assertTrue(ev.await(BOUND), "no event carrying " + FdEvents.names(bit));
            NetworkEvents n = s.enumNetworkEvents(ev).value();
            seen |= n.occurred();
            for (int i = 0; i < errors.length; i++) {
                if ((n.occurred() & (1 << i)) != 0) {
                    errors[i] = n.errorCodes()[i];
                }
            }
        }
        return new NetworkEvents(seen, errors);
    }

    @Test
    void required_eventSelect_connectWriteRead_thenFdCloseWithoutErrorAfterPeerFin() throws Exception {
        try (ServerSocket server = TcpHarness.listener4()) {
            WspSocket s = h.socket4();
            TestEvent ev = new TestEvent();
            s.eventSelect(ev, FdEvents.FD_CONNECT | FdEvents.FD_WRITE | FdEvents.FD_READ | FdEvents.FD_CLOSE).value();
            WsaError connect = s.connect(InetSockAddr.loopback4(server.getLocalPort())).error();
            assertTrue(connect == null || connect == WsaError.WSAEWOULDBLOCK, String.valueOf(connect));
            NetworkEvents first = until(s, ev, FdEvents.FD_CONNECT);
            assertNull(first.errorOf(FdEvents.FD_CONNECT));
            try (Socket peerSocket = server.accept()) {
                if (!first.has(FdEvents.FD_WRITE)) {
                    until(s, ev, FdEvents.FD_WRITE);
                }
                peerSocket.getOutputStream().write(new byte[] {9, 8, 7});
                until(s, ev, FdEvents.FD_READ);
                ByteBuffer b = ByteBuffer.allocate(8);
                assertEquals(3, s.recv(new ByteBuffer[] {b}, 0, null).value());
                peerSocket.shutdownOutput(); // a FIN
                NetworkEvents close = until(s, ev, FdEvents.FD_CLOSE);
                assertNull(close.errorOf(FdEvents.FD_CLOSE), "FD_CLOSE after a FIN carries 0");
                assertEquals(0, s.recv(new ByteBuffer[] {b}, 0, null).value());
            }
            assertTrue(s.closeSocket().isOk());
        }
    }

    @Test
    void required_eventSelect_fdCloseAtThePeersFin_withDataUnread() throws Exception {
        // observed Windows (WSAEventSelect): FD_CLOSE is posted when the FIN arrives, before the data is read
        try (ServerSocket server = TcpHarness.listener4()) {
            WspSocket s = h.connectTo(server);
            try (Socket peerSocket = server.accept()) {
                TestEvent ev = new TestEvent();
                s.eventSelect(ev, FdEvents.FD_READ | FdEvents.FD_CLOSE).value();
                peerSocket.getOutputStream().write(new byte[] {1, 2, 3, 4, 5});
                until(s, ev, FdEvents.FD_READ); // posted for the data; nothing read yet
                peerSocket.shutdownOutput(); // the FIN, behind five unread bytes
                NetworkEvents close = until(s, ev, FdEvents.FD_CLOSE);
                assertNull(close.errorOf(FdEvents.FD_CLOSE), "FD_CLOSE after a FIN carries 0");
                ByteBuffer b = ByteBuffer.allocate(8);
                assertEquals(5, s.recv(new ByteBuffer[] {b}, 0, null).value(), "the data is still there");
                assertEquals(0, s.recv(new ByteBuffer[] {b}, 0, null).value(), "then the end");
            }
            assertTrue(s.closeSocket().isOk());
        }
    }

    @Test
    void required_eventSelect_fdCloseCarriesWsaeconnreset_afterPeerRst() throws Exception {
        try (ServerSocket server = TcpHarness.listener4()) {
            WspSocket s = h.connectTo(server);
            TestEvent ev = new TestEvent();
            s.eventSelect(ev, FdEvents.FD_READ | FdEvents.FD_CLOSE).value();
            Socket peerSocket = server.accept();
            peerSocket.setSoLinger(true, 0);
            peerSocket.close();
            NetworkEvents close = until(s, ev, FdEvents.FD_CLOSE);
            assertEquals(WsaError.WSAECONNRESET, close.errorOf(FdEvents.FD_CLOSE));
            assertTrue(s.closeSocket().isOk());
        }
    }

    @Test
    void required_eventSelect_fdAccept_onTheListener_andNothingForTheCloser() throws Exception {
        WspSocket l = h.socket4();
        l.bind(InetSockAddr.loopback4(0)).value();
        l.listen(5).value();
        TestEvent ev = new TestEvent();
        l.eventSelect(ev, FdEvents.FD_ACCEPT).value();
        try (Socket client = new Socket(((InetSockAddr) l.getSockName().value()).address(),
                ((InetSockAddr) l.getSockName().value()).port())) {
            until(l, ev, FdEvents.FD_ACCEPT);
            WspSocket a = l.accept(null).value().socket();
            TestEvent aev = new TestEvent();
            a.eventSelect(aev, FdEvents.FD_READ | FdEvents.FD_CLOSE).value();
            a.enumNetworkEvents(aev).value();
            assertTrue(a.closeSocket().isOk());
            assertEquals(-1, client.getInputStream().read());
            client.close();
            assertFalse(aev.isSet(), "FD_CLOSE never reaches the closing side");
        }
        assertTrue(l.closeSocket().isOk());
    }

    @Test
    void required_select_reportsReadableOnceDataArrives_andPollsWithZeroTimeout() throws Exception {
        try (ServerSocket server = TcpHarness.listener4()) {
            WspSocket s = h.connectTo(server);
            try (Socket peerSocket = server.accept()) {
                SelectSets none = h.provider.select(new SelectSets(List.of(s), List.of(), List.of()), 0).value();
                assertTrue(none.read().isEmpty(), "nothing to read yet");
                SelectSets w = h.provider.select(new SelectSets(List.of(), List.of(s), List.of()), 0).value();
                assertEquals(List.of(s), w.write(), "a connected socket with room is writable");
                peerSocket.getOutputStream().write(1);
                SelectSets r = h.provider.select(new SelectSets(List.of(s), List.of(), List.of()), -1).value();
                assertEquals(List.of(s), r.read());
                assertEquals(WsaError.WSAEINVAL,
                        h.provider.select(new SelectSets(List.of(), List.of(), List.of()), 0).error());
            }
            assertTrue(s.closeSocket().isOk());
        }
    }

    @Test
    void required_select_nonblockingConnectCompletes_inTheWriteSet_andListenerIsReadableWithAPendingConnection()
            throws Exception {
        WspSocket l = h.socket4();
        l.bind(InetSockAddr.loopback4(0)).value();
        l.listen(5).value();
        WspSocket c = h.socket4();
        c.ioctl(io.jwsp.spi.option.IoControls.FIONBIO, true, null).value();
        WsaError e = c.connect(l.getSockName().value()).error();
        assertTrue(e == null || e == WsaError.WSAEWOULDBLOCK, String.valueOf(e));
        SelectSets w = h.provider.select(new SelectSets(List.of(), List.of(c), List.of(c)), -1).value();
        assertEquals(List.of(c), w.write(), "a completed connect is writable");
        assertTrue(w.except().isEmpty());
        assertTrue(c.getPeerName().isOk());
        SelectSets r = h.provider.select(new SelectSets(List.of(l), List.of(), List.of()), -1).value();
        assertEquals(List.of(l), r.read(), "a listener with a pending connection is readable");
        WspSocket a = l.accept(null).value().socket();
        assertTrue(a.closeSocket().isOk());
        assertTrue(c.closeSocket().isOk());
        assertTrue(l.closeSocket().isOk());
    }

    @Test
    void required_select_failedNonblockingConnect_inTheExceptSet_soErrorSaysRefused() throws Exception {
        int port;
        try (ServerSocket gone = TcpHarness.listener4()) {
            port = gone.getLocalPort();
        }
        WspSocket c = h.socket4();
        c.ioctl(io.jwsp.spi.option.IoControls.FIONBIO, true, null).value();
        WsaError e = c.connect(InetSockAddr.loopback4(port)).error();
        if (e == WsaError.WSAEWOULDBLOCK) {
            SelectSets x = h.provider.select(new SelectSets(List.of(), List.of(c), List.of(c)), -1).value();
            assertEquals(List.of(c), x.except(), "a failed connect is in the except set");
            assertEquals(WsaError.WSAECONNREFUSED.code(),
                    c.getSockOpt(io.jwsp.spi.option.SocketOptions.SO_ERROR).value());
        } else {
            assertEquals(WsaError.WSAECONNREFUSED, e, "refused at once");
        }
        assertTrue(c.closeSocket().isOk());
    }
}
