package io.jwsp.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.close.TimeWaitQuery;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every row of the close/linger table (closesocket Remarks, seeds 000-004; WSPCloseSocket, seed 003; DESIGN.md).
 */
public abstract class CloseTableContract extends LingerOptionContract {

    // ---- row 1: l_onoff = 0

    @Test
    @DisplayName("closesocket row l_onoff=0, blocking: returns at once; queued data still sent; graceful end")
    public void required_closesocket_dontLinger_blocking_returnsAtOnce_peerGetsAllBytesThenGracefulEnd() {
        Connection c = connect();
        long sent = queue(c.client());
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "closesocket with SO_DONTLINGER");
        assertGracefulEnd(readAll(c.accepted(), 0), sent);
    }

    @Test
    @DisplayName("closesocket row l_onoff=0, nonblocking: never WSAEWOULDBLOCK; queued data still sent")
    public void required_closesocket_dontLinger_nonblocking_neverWouldBlock_peerGetsAllBytes() {
        Connection c = connect();
        long sent = queue(c.client());
        setBlocking(c.client(), false);
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "nonblocking closesocket with SO_DONTLINGER");
        assertGracefulEnd(readAll(c.accepted(), 0), sent);
    }

    // ---- row 2: l_onoff != 0, l_linger = 0

    @Test
    @DisplayName("closesocket row linger(1,0): returns at once; hard close; unsent data lost; peer sees the hard close")
    public void required_closesocket_lingerZero_returnsAtOnce_peerSeesHardClose() {
        Connection c = connect();
        long sent = queue(c.client());
        setLinger(c.client(), true, 0);
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "closesocket with linger(1,0)");
        StreamEnd end = readAll(c.accepted(), 0);
        assertHardEnd(end, sent);
        if (put.peerFlowControl()) {
            assertTrue(end.bytes() < sent, "data still queued at the sender must be lost by a hard close: " + end);
        }
    }

    @Test
    @DisplayName("closesocket row linger(1,0), nonblocking: the same, returns at once (never WSAEWOULDBLOCK)")
    public void required_closesocket_lingerZero_nonblocking_returnsAtOnce_peerSeesHardClose() {
        Connection c = connect();
        long sent = queue(c.client());
        setBlocking(c.client(), false);
        setLinger(c.client(), true, 0);
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "nonblocking closesocket with linger(1,0)");
        assertHardEnd(readAll(c.accepted(), 0), sent);
    }

    @Test
    @DisplayName("closesocket row linger(1,0) with nothing queued: still a hard close at the peer")
    public void required_closesocket_lingerZero_nothingQueued_peerSeesHardClose() {
        Connection c = connect();
        send(c.client(), 0, 100);
        readExactly(c.accepted(), 0, 100);
        setLinger(c.client(), true, 0);
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "closesocket with linger(1,0)");
        assertHardEnd(readAll(c.accepted(), 100), 0);
    }

    // ---- row 3: l_onoff != 0, l_linger = N, blocking

    @Test
    @DisplayName("closesocket row linger(1,N), blocking, reading peer: blocks until delivered, graceful, returns 0")
    public void required_closesocket_lingerN_blocking_readingPeer_deliversEverythingAndReturnsZero() {
        Connection c = connect();
        long sent = queue(c.client());
        setLinger(c.client(), true, put.lingerSeconds());
        long t0 = now();
        BackgroundCall<Returned<WspResult<Void>>> closing = inBackground("closesocket",
                () -> new Returned<>(ws.closeSocket(c.client()), now()));
        if (put.peerFlowControl()) {
            awaitBlocked(closing, 1);
        }
        StreamEnd end = readAll(c.accepted(), 0);
        Returned<WspResult<Void>> r = closing.join(put.realTimeout());
        ok(r.result(), "closesocket with linger(1," + put.lingerSeconds() + ") and a reading peer");
        assertTrue(r.clockNanos() - t0 < lingerTime().toNanos(),
                "close returned only after the linger time-out although the peer read everything");
        assertGracefulEnd(end, sent);
    }

    @Test
    @DisplayName("closesocket row linger(1,N), blocking, stalled peer: waits l_linger, then hard close; returns 0")
    public void required_closesocket_lingerN_blocking_stalledPeer_waitsLingerThenHardClose() {
        requiresFlowControl();
        Connection c = connect();
        long sent = closeWithStalledPeerAfterLinger(c);
        StreamEnd end = readAll(c.accepted(), 0);
        assertHardEnd(end, sent);
        assertTrue(end.bytes() < sent, "data the stalled peer never took must be lost: " + end);
    }

    /**
     * Fills the client's queue, sets linger(1,N) and closes it (blocking) while the peer reads nothing; asserts the
     * close waited l_linger (exactly, on a virtual clock) and answered 0. Answers the bytes queued.
     */
    protected long closeWithStalledPeerAfterLinger(Connection c) {
        long sent = fill(c.client());
        setBlocking(c.client(), true);
        setLinger(c.client(), true, put.lingerSeconds());
        long lingerNanos = lingerTime().toNanos();
        long t0 = now();
        BackgroundCall<Returned<WspResult<Void>>> closing = inBackground("closesocket",
                () -> new Returned<>(ws.closeSocket(c.client()), now()));
        Returned<WspResult<Void>> r;
        if (rt.isVirtual()) {
            awaitBlocked(closing, 1);
            clock().advance(lingerTime().minusMillis(1));
            awaitBlocked(closing, 1);
            clock().advance(Duration.ofMillis(1));
            r = closing.join(put.realTimeout());
            assertEquals(lingerNanos, r.clockNanos() - t0, "closesocket waits exactly l_linger on the clock");
        } else {
            r = closing.join(lingerTime().plus(put.realTimeout()));
            long waited = r.clockNanos() - t0;
            assertTrue(waited >= lingerNanos - Duration.ofMillis(20).toNanos(),
                    "closesocket returned after " + waited / 1_000_000 + " ms, before l_linger");
            assertTrue(waited < lingerNanos + Duration.ofSeconds(5).toNanos(),
                    "closesocket returned " + waited / 1_000_000 + " ms after it started, far beyond l_linger");
        }
        ok(r.result(), "closesocket after the linger time-out (it returns 0 either way)");
        return sent;
    }

    @Test
    @DisplayName("DESIGN (transactional WSAEWOULDBLOCK): after WSAEWOULDBLOCK a blocking retry lingers like a first call")
    public void required_closesocket_lingerN_afterWouldBlock_blockingRetryLingersLikeAFirstCall() {
        requiresFlowControl();
        Connection c = connect();
        long sent = fill(c.client());
        setLinger(c.client(), true, put.lingerSeconds());
        fails(WsaError.WSAEWOULDBLOCK, atOnce("closesocket", () -> ws.closeSocket(c.client())),
                "nonblocking closesocket with linger(1,N) and data queued");
        setBlocking(c.client(), true);
        long t0 = now();
        BackgroundCall<Returned<WspResult<Void>>> closing = inBackground("closesocket",
                () -> new Returned<>(ws.closeSocket(c.client()), now()));
        awaitBlocked(closing, 1);
        StreamEnd end = readAll(c.accepted(), 0);
        Returned<WspResult<Void>> r = closing.join(put.realTimeout());
        ok(r.result(), "the blocking retry of closesocket");
        assertTrue(r.clockNanos() - t0 < lingerTime().toNanos(), "the retry waited out l_linger with a reading peer");
        assertGracefulEnd(end, sent);
    }

    @Test
    @DisplayName("closesocket row linger(1,N), blocking, nothing queued: a graceful close at once")
    public void required_closesocket_lingerN_blocking_nothingQueued_closesAtOnce() {
        Connection c = connect();
        send(c.client(), 0, 100);
        readExactly(c.accepted(), 0, 100);
        setLinger(c.client(), true, put.lingerSeconds());
        ok(closeWhileAcknowledging(c.client()), "closesocket with linger(1,N) and nothing queued");
        assertGracefulEnd(readAll(c.accepted(), 100), 0);
    }

    // ---- row 3: l_onoff != 0, l_linger = N, nonblocking

    @Test
    @DisplayName("closesocket row linger(1,N), nonblocking, data queued: WSAEWOULDBLOCK; the handle stays valid and usable")
    public void required_closesocket_lingerN_nonblocking_dataQueued_wouldBlock_handleStaysValid() {
        requiresFlowControl();
        Connection c = connect();
        long sent = fill(c.client());
        setLinger(c.client(), true, put.lingerSeconds());
        fails(WsaError.WSAEWOULDBLOCK, atOnce("closesocket", () -> ws.closeSocket(c.client())),
                "nonblocking closesocket with linger(1,N) and data queued");
        assertEquals(Linger.of(put.lingerSeconds()), linger(c.client()), "SO_LINGER on the still-valid handle");
        ok(ws.getPeerName(c.client()), "getpeername on the still-valid handle");
        fails(WsaError.WSAEWOULDBLOCK, ws.send(c.client(), Payload.at(sent, put.fillChunk()), 0),
                "send on the still-valid handle (queue still full)");
        fails(WsaError.WSAEWOULDBLOCK, atOnce("closesocket", () -> ws.closeSocket(c.client())),
                "a second closesocket with the queue still full");
    }

    @Test
    @DisplayName("closesocket row linger(1,N), nonblocking: after WSAEWOULDBLOCK nothing is initiated; a retry is a first call")
    public void required_closesocket_lingerN_nonblocking_wouldBlock_initiatesNothing_retryClosesOnceDelivered() {
        requiresFlowControl();
        Connection c = connect();
        long sent = fill(c.client());
        setLinger(c.client(), true, put.lingerSeconds());
        fails(WsaError.WSAEWOULDBLOCK, atOnce("closesocket", () -> ws.closeSocket(c.client())),
                "nonblocking closesocket with linger(1,N) and data queued");
        readExactly(c.accepted(), 0, sent);
        StreamEnd rest = drain(c.accepted(), sent);
        assertEquals(StreamEnd.Kind.OPEN, rest.kind(), "after WSAEWOULDBLOCK no disconnect may start: " + rest);
        assertEquals(0, rest.bytes(), "bytes beyond what was sent");
        // The connection still works both ways.
        send(c.accepted(), 0, 100);
        readExactly(c.client(), 0, 100);
        setBlocking(c.client(), false);
        ok(closeWhileAcknowledging(c.client()), "the retried nonblocking closesocket once everything was delivered");
        assertGracefulEnd(readAll(c.accepted(), sent), 0);
    }

    @Test
    @DisplayName("closesocket, nonblocking linger(1,N) after WSAEWOULDBLOCK: SO_DONTLINGER makes the next close succeed")
    public void required_closesocket_lingerN_nonblocking_afterWouldBlock_dontLingerThenCloseSucceeds() {
        requiresFlowControl();
        Connection c = connect();
        long sent = fill(c.client());
        setLinger(c.client(), true, put.lingerSeconds());
        fails(WsaError.WSAEWOULDBLOCK, atOnce("closesocket", () -> ws.closeSocket(c.client())), "first closesocket");
        ok(ws.setSockOpt(c.client(), SocketOptions.SO_DONTLINGER, true), "setsockopt(SO_DONTLINGER, true)");
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "closesocket after SO_DONTLINGER");
        assertGracefulEnd(readAll(c.accepted(), 0), sent);
    }

    @Test
    @DisplayName("closesocket, nonblocking linger(1,N) after WSAEWOULDBLOCK: linger(1,0) makes the next close a hard close")
    public void required_closesocket_lingerN_nonblocking_afterWouldBlock_lingerZeroThenCloseSucceeds() {
        requiresFlowControl();
        Connection c = connect();
        long sent = fill(c.client());
        setLinger(c.client(), true, put.lingerSeconds());
        fails(WsaError.WSAEWOULDBLOCK, atOnce("closesocket", () -> ws.closeSocket(c.client())), "first closesocket");
        setLinger(c.client(), true, 0);
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "closesocket after linger(1,0)");
        StreamEnd end = readAll(c.accepted(), 0);
        assertHardEnd(end, sent);
        assertTrue(end.bytes() < sent, "data still queued at the sender must be lost by a hard close: " + end);
    }

    @Test
    @DisplayName("closesocket, nonblocking linger(1,N) after WSAEWOULDBLOCK: shutdown(SD_SEND) makes the next close succeed")
    public void required_closesocket_lingerN_nonblocking_afterWouldBlock_shutdownSendThenCloseSucceeds() {
        requiresFlowControl();
        Connection c = connect();
        long sent = fill(c.client());
        setLinger(c.client(), true, put.lingerSeconds());
        fails(WsaError.WSAEWOULDBLOCK, atOnce("closesocket", () -> ws.closeSocket(c.client())), "first closesocket");
        ok(atOnce("shutdown", () -> ws.shutdown(c.client(), ShutdownHow.SD_SEND)), "shutdown(SD_SEND)");
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "closesocket after shutdown(SD_SEND)");
        assertGracefulEnd(readAll(c.accepted(), 0), sent);
    }

    @Test
    @DisplayName("closesocket row linger(1,N), nonblocking, nothing queued: closes at once")
    public void required_closesocket_lingerN_nonblocking_nothingQueued_closesAtOnce() {
        Connection c = connect();
        send(c.client(), 0, 100);
        readExactly(c.accepted(), 0, 100);
        setBlocking(c.client(), false);
        setLinger(c.client(), true, put.lingerSeconds());
        ok(closeWhileAcknowledging(c.client()), "nonblocking closesocket with linger(1,N) and nothing queued");
        assertGracefulEnd(readAll(c.accepted(), 100), 0);
    }

    @Test
    @DisplayName("closesocket of sockets never connected (new, bound, listening with linger(1,N)): closes at once")
    public void required_closesocket_unconnectedSockets_closeAtOnce() {
        long fresh = open();
        ok(atOnce("closesocket", () -> ws.closeSocket(fresh)), "closesocket of a new socket");
        long bound = open();
        setLinger(bound, true, put.lingerSeconds());
        ok(ws.bind(bound, put.listenAddress()), "bind");
        ok(atOnce("closesocket", () -> ws.closeSocket(bound)), "closesocket of a bound socket with linger(1,N)");
        long l = listener();
        setLinger(l, true, put.lingerSeconds());
        setBlocking(l, false);
        ok(atOnce("closesocket", () -> ws.closeSocket(l)), "closesocket of a nonblocking listener with linger(1,N)");
    }

    // ---- TIME_WAIT

    @Test
    @DisplayName("closesocket Remarks: after a graceful close the socket may enter TIME_WAIT")
    public void optional_closesocket_gracefulActiveClose_entersTimeWait() {
        requires(put.hasTimeWait(), "hasTimeWait() = false");
        TimeWaitQuery query = timeWaitQuery();
        Connection c = connect();
        SockAddr local = ok(ws.getSockName(c.client()), "getsockname");
        SockAddr peer = ok(ws.getPeerName(c.client()), "getpeername");
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "closesocket");
        assertGracefulEnd(readAll(c.accepted(), 0), 0);
        ok(atOnce("closesocket", () -> ws.closeSocket(c.accepted())), "closesocket of the peer");
        assertTrue(eventually(() -> query.inTimeWait(local, peer)), "the active closer should be in TIME_WAIT");
    }

    @Test
    @DisplayName("closesocket Remarks: a reset (linger(1,0)) close never enters TIME_WAIT")
    public void optional_closesocket_lingerZero_noTimeWait() {
        requires(put.hasTimeWait(), "hasTimeWait() = false");
        TimeWaitQuery query = timeWaitQuery();
        Connection c = connect();
        SockAddr local = ok(ws.getSockName(c.client()), "getsockname");
        SockAddr peer = ok(ws.getPeerName(c.client()), "getpeername");
        setLinger(c.client(), true, 0);
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "closesocket with linger(1,0)");
        assertHardEnd(readAll(c.accepted(), 0), 0);
        ok(atOnce("closesocket", () -> ws.closeSocket(c.accepted())), "closesocket of the peer");
        assertFalse(query.inTimeWait(local, peer), "a hard close must not enter TIME_WAIT");
    }

    @Test
    @DisplayName("closesocket Remarks: a connection reset because the linger time-out expired never enters TIME_WAIT")
    public void optional_closesocket_lingerTimeout_noTimeWait() {
        requires(put.hasTimeWait(), "hasTimeWait() = false");
        requiresFlowControl();
        TimeWaitQuery query = timeWaitQuery();
        Connection c = connect();
        SockAddr local = ok(ws.getSockName(c.client()), "getsockname");
        SockAddr peer = ok(ws.getPeerName(c.client()), "getpeername");
        long sent = closeWithStalledPeerAfterLinger(c);
        assertHardEnd(readAll(c.accepted(), 0), sent);
        ok(atOnce("closesocket", () -> ws.closeSocket(c.accepted())), "closesocket of the peer");
        assertFalse(query.inTimeWait(local, peer), "a close reset by the linger time-out must not enter TIME_WAIT");
    }

    private TimeWaitQuery timeWaitQuery() {
        return rt.runtime().providerExtension(put.factory().name(), TimeWaitQuery.class)
                .orElseThrow(() -> new AssertionError("hasTimeWait() is true but the provider offers no TimeWaitQuery"));
    }

    /**
     * closesocket when nothing is queued. On a real network the last acknowledgement may still be on its way, so a
     * nonblocking lingering close may answer WSAEWOULDBLOCK for a moment; a virtual-time provider must close at once.
     */
    protected WspResult<Void> closeWhileAcknowledging(long s) {
        WspResult<Void> r = atOnce("closesocket", () -> ws.closeSocket(s));
        if (rt.isVirtual()) {
            return r;
        }
        long end = System.nanoTime() + put.realTimeout().toNanos();
        while (r.is(WsaError.WSAEWOULDBLOCK) && System.nanoTime() < end) {
            LockSupport.parkNanos(10_000_000);
            r = atOnce("closesocket", () -> ws.closeSocket(s));
        }
        return r;
    }

    /** True at once on a virtual clock; on the real clock, true within the real-time bound. */
    protected boolean eventually(java.util.function.BooleanSupplier condition) {
        if (condition.getAsBoolean() || rt.isVirtual()) {
            return condition.getAsBoolean();
        }
        long end = System.nanoTime() + put.realTimeout().toNanos();
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(10_000_000);
            if (condition.getAsBoolean()) {
                return true;
            }
        }
        return false;
    }
}
