package io.jwsp.provider.loopback;

import static io.jwsp.provider.loopback.Loop.fails;
import static io.jwsp.provider.loopback.Loop.fill;
import static io.jwsp.provider.loopback.Loop.join;
import static io.jwsp.provider.loopback.Loop.linger;
import static io.jwsp.provider.loopback.Loop.name;
import static io.jwsp.provider.loopback.Loop.nonBlocking;
import static io.jwsp.provider.loopback.Loop.ok;
import static io.jwsp.provider.loopback.Loop.peer;
import static io.jwsp.provider.loopback.Loop.readToEnd;
import static io.jwsp.provider.loopback.Loop.room;
import static io.jwsp.provider.loopback.Loop.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.close.CloseOutcome;
import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.close.CloseType;
import io.jwsp.spi.close.TimeWaitQuery;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Every row of the close/linger table (closesocket Remarks; WSPCloseSocket Remarks; DESIGN.md), through the contract. */
class CloseTableTest {
    private final Loop loop = new Loop();

    // ---- row l_onoff = 0

    @Test
    void required_closesocket_dontLinger_returnsAtOnce_queuedDataStillDeliveredThenEof() {
        Loop.Pair p = loop.smallPair();
        int sent = fill(p.client());
        nonBlocking(p.client(), false);
        ok(p.client().closeSocket());
        assertEquals(0L, loop.virtual().nanoTime(), "no time passed");
        Object[] end = readToEnd(p.server());
        assertEquals((long) sent, end[0], "every queued byte reaches the peer after the close");
        assertNull(end[1], "then a graceful end (recv 0)");
        CloseRecord r = loop.tap.lastClose();
        assertEquals(CloseOutcome.GRACEFUL_IN_BACKGROUND, r.outcome());
        assertEquals(CloseType.GRACEFUL, r.type());
        assertTrue(r.timeWait() || loop.provider.inTimeWait(r.local(), r.peer()),
                "the active closer enters TIME_WAIT once its FIN arrived");
    }

    @Test
    void required_closesocket_dontLinger_nonblocking_neverWouldBlock() {
        Loop.Pair p = loop.smallPair();
        int sent = fill(p.client()); // nonblocking now, data queued
        ok(p.client().closeSocket());
        assertEquals((long) sent, readToEnd(p.server())[0]);
    }

    @Test
    void required_closesocket_dontLinger_closerUnreadDataDropped_closeStillGraceful() {
        Loop.Pair p = loop.pair();
        send(p.server(), 100); // the client never reads this
        send(p.client(), 10);
        ok(p.client().closeSocket());
        Object[] end = readToEnd(p.server());
        assertEquals(10L, end[0]);
        assertNull(end[1], "the closer's unread data does not turn the close into a reset here");
    }

    // ---- row l_onoff != 0, l_linger = 0

    @Test
    void required_closesocket_lingerZero_hardClose_peerRecvFailsConnReset_unreadDataDiscarded_noTimeWait() {
        Loop.Pair p = loop.smallPair();
        send(p.client(), 100);
        SockAddr local = name(p.client());
        SockAddr remote = peer(p.client());
        linger(p.client(), 0);
        ok(p.client().closeSocket());
        // Decision: the RST discards what the peer had not read yet; its recv answers WSAECONNRESET at once.
        fails(WsaError.WSAECONNRESET, p.server().recv(room(100), 0, null));
        fails(WsaError.WSAECONNRESET, p.server().send(Loop.bytes(1, 0), 0, null));
        fails(WsaError.WSAENOTCONN, p.server().getPeerName());
        assertFalse(loop.provider.inTimeWait(local, remote), "a hard close never enters TIME_WAIT");
        CloseRecord r = loop.tap.lastClose();
        assertEquals(CloseOutcome.ABORTIVE, r.outcome());
        assertEquals(CloseType.HARD, r.type());
        assertFalse(r.timeWait());
        assertFalse(loop.tap.kinds().contains("FIN"), "a hard close puts an RST on the wire and never a FIN first");
        assertTrue(loop.tap.kinds().contains("RST"));
    }

    @Test
    void required_closesocket_lingerZero_nonblocking_returnsAtOnceWithDataQueued() {
        Loop.Pair p = loop.smallPair();
        fill(p.client());
        linger(p.client(), 0);
        ok(p.client().closeSocket());
        Object[] end = readToEnd(p.server());
        assertEquals(0L, end[0], "unsent and unread data is lost");
        assertEquals(WsaError.WSAECONNRESET, end[1]);
    }

    // ---- row l_onoff != 0, l_linger = N, blocking

    @Test
    void required_closesocket_lingerN_blocking_stalledPeer_30sOnVirtualClockInMilliseconds_thenAbortive()
            throws Exception {
        Loop.Pair p = loop.smallPair();
        int sent = fill(p.client());
        nonBlocking(p.client(), false);
        linger(p.client(), 30);
        SockAddr local = name(p.client());
        SockAddr remote = peer(p.client());
        long realStart = System.nanoTime();
        CompletableFuture<WspResult<Void>> closing = loop.blocked(() -> p.client().closeSocket());
        loop.virtual().advance(Duration.ofSeconds(30).minusNanos(1));
        loop.virtual().awaitWaiters(1, Loop.REAL);
        assertFalse(closing.isDone(), "still lingering 1 ns before l_linger");
        loop.virtual().advance(Duration.ofNanos(1));
        ok(join(closing));
        assertTrue(System.nanoTime() - realStart < Duration.ofSeconds(5).toNanos(), "30 virtual seconds, not real");
        CloseRecord r = loop.tap.lastClose();
        assertEquals(CloseOutcome.LINGER_WAIT, r.outcome());
        assertEquals(CloseType.HARD_AFTER_LINGER_TIMEOUT, r.type());
        assertEquals(Duration.ofSeconds(30).toNanos(), r.waitedNanos(), "close waited exactly l_linger on the clock");
        assertFalse(loop.provider.inTimeWait(local, remote), "a reset after the time-out leaves no TIME_WAIT");
        Object[] end = readToEnd(p.server());
        assertTrue((long) end[0] < sent, "data the stalled peer never took is lost");
        assertEquals(WsaError.WSAECONNRESET, end[1]);
    }

    @Test
    void required_closesocket_lingerN_blocking_readingPeer_gracefulBeforeTimeout_thenTimeWait() throws Exception {
        Loop.Pair p = loop.smallPair();
        int sent = fill(p.client());
        nonBlocking(p.client(), false);
        linger(p.client(), 30);
        SockAddr local = name(p.client());
        SockAddr remote = peer(p.client());
        CompletableFuture<WspResult<Void>> closing = loop.blocked(() -> p.client().closeSocket());
        loop.virtual().advance(Duration.ofSeconds(7));
        Object[] end = readToEnd(p.server());
        ok(join(closing));
        assertEquals((long) sent, end[0], "the reading peer gets every byte");
        assertNull(end[1], "then recv 0: graceful");
        CloseRecord r = loop.tap.lastClose();
        assertEquals(CloseType.GRACEFUL, r.type());
        assertEquals(Duration.ofSeconds(7).toNanos(), r.waitedNanos());
        assertTrue(loop.provider.inTimeWait(local, remote), "a graceful active close enters TIME_WAIT");
    }

    @Test
    void required_closesocket_lingerN_nothingQueued_gracefulNow() {
        Loop.Pair p = loop.pair();
        send(p.client(), 100); // sits in the peer's receive buffer: delivered, not queued
        linger(p.client(), 30);
        ok(p.client().closeSocket());
        assertEquals(CloseOutcome.GRACEFUL_NOW, loop.tap.lastClose().outcome());
        assertEquals(100L, readToEnd(p.server())[0]);
    }

    // ---- row l_onoff != 0, l_linger = N, nonblocking

    @Test
    void required_closesocket_lingerN_nonblocking_dataQueued_wouldBlock_socketUntouchedAndUsable() {
        Loop.Pair p = loop.smallPair();
        int sent = fill(p.client());
        linger(p.client(), 30);
        int frames = loop.tap.frames().size();
        fails(WsaError.WSAEWOULDBLOCK, p.client().closeSocket());
        assertEquals(frames, loop.tap.frames().size(), "nothing initiated: no frame");
        assertTrue(loop.tap.closes().isEmpty(), "no close happened");
        assertEquals(Linger.of(30), ok(p.client().getSockOpt(SocketOptions.SO_LINGER)));
        ok(p.client().getPeerName());
        // The peer drains everything; the connection still works both ways; no FIN arrived.
        byte[] all = new byte[sent];
        int got = 0;
        while (got < sent) {
            got += ok(p.server().recv(new java.nio.ByteBuffer[] {java.nio.ByteBuffer.wrap(all, got, sent - got)}, 0,
                    null));
        }
        nonBlocking(p.server(), true);
        fails(WsaError.WSAEWOULDBLOCK, p.server().recv(room(10), 0, null));
        send(p.server(), 5);
        assertEquals(5, ok(p.client().recv(room(10), 0, null)));
        // A retry behaves like a first call: nothing queued now, so it closes gracefully at once.
        ok(p.client().closeSocket());
        nonBlocking(p.server(), false);
        assertNull(readToEnd(p.server())[1]);
    }

    @Test
    void required_closesocket_lingerN_nonblocking_retryAfterDontLinger_succeedsGracefully() {
        Loop.Pair p = loop.smallPair();
        int sent = fill(p.client());
        linger(p.client(), 30);
        fails(WsaError.WSAEWOULDBLOCK, p.client().closeSocket());
        ok(p.client().setSockOpt(SocketOptions.SO_DONTLINGER, true));
        ok(p.client().closeSocket());
        Object[] end = readToEnd(p.server());
        assertEquals((long) sent, end[0]);
        assertNull(end[1]);
    }

    @Test
    void required_closesocket_lingerN_nonblocking_retryAfterLingerZero_isHardClose() {
        Loop.Pair p = loop.smallPair();
        fill(p.client());
        linger(p.client(), 30);
        fails(WsaError.WSAEWOULDBLOCK, p.client().closeSocket());
        linger(p.client(), 0);
        ok(p.client().closeSocket());
        assertEquals(WsaError.WSAECONNRESET, readToEnd(p.server())[1]);
    }

    @Test
    void required_closesocket_lingerN_nonblocking_retryAfterShutdownSend_succeedsGracefully() {
        Loop.Pair p = loop.smallPair();
        int sent = fill(p.client());
        linger(p.client(), 30);
        fails(WsaError.WSAEWOULDBLOCK, p.client().closeSocket());
        ok(p.client().shutdown(ShutdownHow.SD_SEND));
        ok(p.client().closeSocket());
        Object[] end = readToEnd(p.server());
        assertEquals((long) sent, end[0]);
        assertNull(end[1]);
    }

    // ---- after close, TIME_WAIT, unconnected sockets

    @Test
    void required_closesocket_afterClose_everyCallAnswersWSAENOTSOCK() {
        Loop.Pair p = loop.pair();
        WspSocket s = p.client();
        ok(s.closeSocket());
        fails(WsaError.WSAENOTSOCK, s.closeSocket());
        fails(WsaError.WSAENOTSOCK, s.send(Loop.bytes(1, 0), 0, null));
        fails(WsaError.WSAENOTSOCK, s.recv(room(1), 0, null));
        fails(WsaError.WSAENOTSOCK, s.recvFrom(room(1), 0, null));
        fails(WsaError.WSAENOTSOCK, s.sendTo(Loop.bytes(1, 0), 0, Loop.local(1), null));
        fails(WsaError.WSAENOTSOCK, s.bind(Loop.local(0)));
        fails(WsaError.WSAENOTSOCK, s.listen(1));
        fails(WsaError.WSAENOTSOCK, s.accept(null));
        fails(WsaError.WSAENOTSOCK, s.connect(Loop.local(1)));
        fails(WsaError.WSAENOTSOCK, s.shutdown(ShutdownHow.SD_BOTH));
        fails(WsaError.WSAENOTSOCK, s.getSockName());
        fails(WsaError.WSAENOTSOCK, s.getPeerName());
        fails(WsaError.WSAENOTSOCK, s.getSockOpt(SocketOptions.SO_LINGER));
        fails(WsaError.WSAENOTSOCK, s.setSockOpt(SocketOptions.SO_LINGER, Linger.of(1)));
        fails(WsaError.WSAENOTSOCK, s.ioctl(io.jwsp.spi.option.IoControls.FIONREAD, null, null));
        fails(WsaError.WSAENOTSOCK, s.eventSelect(new RecordingUpcalls.TestEvent(), 1));
        fails(WsaError.WSAENOTSOCK, s.enumNetworkEvents(null));
        fails(WsaError.WSAENOTSOCK, s.duplicateSocket(1));
        fails(WsaError.WSAENOTSOCK, s.sendDisconnect(null));
        fails(WsaError.WSAENOTSOCK, s.recvDisconnect(null));
        fails(WsaError.WSAENOTSOCK, s.joinLeaf(Loop.local(1), 0));
    }

    @Test
    void required_closesocket_unconnectedAndListening_closeAtOnceWithoutConnection() {
        WspSocket fresh = loop.stream();
        linger(fresh, 30);
        ok(fresh.closeSocket());
        assertEquals(CloseType.NO_CONNECTION, loop.tap.lastClose().type());
        WspSocket l = loop.listener();
        linger(l, 30);
        nonBlocking(l, true);
        ok(l.closeSocket());
        assertEquals(CloseType.NO_CONNECTION, loop.tap.lastClose().type());
    }

    @Test
    void required_closesocket_listenerClose_resetsConnectionsNotYetAccepted() {
        WspSocket l = loop.listener();
        WspSocket c = loop.stream();
        ok(c.connect(name(l)));
        ok(l.closeSocket());
        fails(WsaError.WSAECONNRESET, c.recv(room(1), 0, null));
    }

    @Test
    void optional_timeWait_heldForTheConfiguredTimeOnTheClock() {
        Loop short2msl = new Loop(Map.of("timeWaitMillis", "1000"));
        Loop.Pair p = short2msl.pair();
        SockAddr local = name(p.client());
        SockAddr remote = peer(p.client());
        ok(p.client().closeSocket());
        TimeWaitQuery q = short2msl.provider.unwrap(TimeWaitQuery.class).orElseThrow();
        assertTrue(q.inTimeWait(local, remote));
        assertFalse(q.inTimeWait(name(p.server()), remote), "only the closer's (local, peer) pair");
        short2msl.virtual().advance(Duration.ofMillis(999));
        assertTrue(q.inTimeWait(local, remote));
        short2msl.virtual().advance(Duration.ofMillis(1));
        assertFalse(q.inTimeWait(local, remote), "TIME_WAIT ends after timeWaitMillis");
    }

    @Test
    void optional_timeWait_defaultIsWindows2Msl_240s() {
        Loop.Pair p = loop.pair();
        SockAddr local = name(p.client());
        SockAddr remote = peer(p.client());
        ok(p.client().closeSocket());
        loop.virtual().advance(Duration.ofSeconds(239));
        assertTrue(loop.provider.inTimeWait(local, remote));
        loop.virtual().advance(Duration.ofSeconds(1));
        assertFalse(loop.provider.inTimeWait(local, remote));
    }

    @Test
    void optional_timeWait_passiveCloserNeverEntersIt() {
        Loop.Pair p = loop.pair();
        SockAddr clientLocal = name(p.client());
        SockAddr clientPeer = peer(p.client());
        SockAddr serverLocal = name(p.server());
        SockAddr serverPeer = peer(p.server());
        ok(p.server().shutdown(ShutdownHow.SD_SEND)); // the server's FIN arrives first: it is the active closer
        ok(p.client().closeSocket());
        assertFalse(loop.provider.inTimeWait(clientLocal, clientPeer), "the passive closer has no TIME_WAIT");
        ok(p.server().closeSocket());
        assertTrue(loop.provider.inTimeWait(serverLocal, serverPeer), "the active closer does");
        assertEquals(1, loop.provider.timeWaitCount());
    }
}
