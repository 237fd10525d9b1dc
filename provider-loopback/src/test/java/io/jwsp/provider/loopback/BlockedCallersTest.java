package io.jwsp.provider.loopback;

import static io.jwsp.provider.loopback.Loop.bytes;
import static io.jwsp.provider.loopback.Loop.fails;
import static io.jwsp.provider.loopback.Loop.fill;
import static io.jwsp.provider.loopback.Loop.join;
import static io.jwsp.provider.loopback.Loop.name;
import static io.jwsp.provider.loopback.Loop.nonBlocking;
import static io.jwsp.provider.loopback.Loop.ok;
import static io.jwsp.provider.loopback.Loop.room;
import static io.jwsp.provider.loopback.Loop.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.io.MsgFlags;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Callers blocked in recv, send, accept and connect when another thread closes the socket (DESIGN.md: WSAEINTR),
 * WSPCancelBlockingCall, and the SO_RCVTIMEO / SO_SNDTIMEO time-outs on the provider's clock. Each blocked call is
 * known to be parked through {@code VirtualClock.awaitWaiters}: no sleeps.
 */
class BlockedCallersTest {
    private final Loop loop = new Loop();

    @Test
    void required_closesocket_threadBlockedInRecv_returnsWSAEINTR() throws Exception {
        Loop.Pair p = loop.pair();
        CompletableFuture<WspResult<Integer>> recv = loop.blocked(() -> p.client().recv(room(10), 0, null));
        ok(p.client().closeSocket());
        fails(WsaError.WSAEINTR, join(recv));
    }

    @Test
    void required_closesocket_threadBlockedInSend_returnsWSAEINTR() throws Exception {
        Loop.Pair p = loop.smallPair();
        fill(p.client());
        nonBlocking(p.client(), false);
        CompletableFuture<WspResult<Integer>> send = loop.blocked(() -> p.client().send(bytes(100, 0), 0, null));
        ok(p.client().closeSocket());
        fails(WsaError.WSAEINTR, join(send));
    }

    @Test
    void required_closesocket_threadBlockedInAccept_returnsWSAEINTR() throws Exception {
        WspSocket l = loop.listener();
        CompletableFuture<WspResult<Accepted>> accept = loop.blocked(() -> l.accept(null));
        ok(l.closeSocket());
        fails(WsaError.WSAEINTR, join(accept));
    }

    @Test
    void required_closesocket_threadBlockedInConnect_returnsWSAEINTR() throws Exception {
        WspSocket l = loop.stream();
        ok(l.setSockOpt(LoopbackOptions.SO_CONDITIONAL_ACCEPT, true)); // connect waits for the accept's decision
        ok(l.bind(Loop.local(0)));
        ok(l.listen(4));
        WspSocket c = loop.stream();
        CompletableFuture<WspResult<Void>> connect = loop.blocked(() -> c.connect(name(l)));
        ok(c.closeSocket());
        fails(WsaError.WSAEINTR, join(connect));
    }

    @Test
    void required_closesocket_peerThreadBlockedInRecv_isNotInterrupted_seesEndOfStream() throws Exception {
        Loop.Pair p = loop.pair();
        CompletableFuture<WspResult<Integer>> recv = loop.blocked(() -> p.server().recv(room(10), 0, null));
        ok(p.client().closeSocket());
        assertEquals(0, ok(join(recv)), "the peer's blocked recv ends with 0, not WSAEINTR");
    }

    @Test
    void required_cancelBlockingCall_blockedRecv_returnsWSAEINTR_socketStaysUsable() throws Exception {
        Loop.Pair p = loop.pair();
        Thread[] caller = new Thread[1];
        CompletableFuture<WspResult<Integer>> recv = loop.blocked(() -> {
            caller[0] = Thread.currentThread();
            return p.client().recv(room(10), 0, null);
        });
        ok(loop.provider.cancelBlockingCall(caller[0]));
        fails(WsaError.WSAEINTR, join(recv));
        send(p.server(), 3);
        assertEquals(3, ok(p.client().recv(room(10), 0, null)));
    }

    @Test
    void required_cancelBlockingCall_threadNotBlocked_isWSAEINVAL() {
        fails(WsaError.WSAEINVAL, loop.provider.cancelBlockingCall(Thread.currentThread()));
        fails(WsaError.WSAEINVAL, loop.provider.cancelBlockingCall(null));
    }

    @Test
    void required_sorcvtimeo_recvTimesOutOnTheClock_WSAETIMEDOUT() throws Exception {
        Loop.Pair p = loop.pair();
        ok(p.client().setSockOpt(SocketOptions.SO_RCVTIMEO, 1500));
        CompletableFuture<WspResult<Integer>> recv = loop.blocked(() -> p.client().recv(room(10), 0, null));
        loop.virtual().advance(Duration.ofMillis(1499));
        loop.virtual().awaitWaiters(1, Loop.REAL);
        assertFalse(recv.isDone());
        loop.virtual().advance(Duration.ofMillis(1));
        fails(WsaError.WSAETIMEDOUT, join(recv));
    }

    @Test
    void required_sosndtimeo_sendTimesOutOnTheClock_WSAETIMEDOUT() throws Exception {
        Loop.Pair p = loop.smallPair();
        fill(p.client());
        nonBlocking(p.client(), false);
        ok(p.client().setSockOpt(SocketOptions.SO_SNDTIMEO, 200));
        CompletableFuture<WspResult<Integer>> send = loop.blocked(() -> p.client().send(bytes(10, 0), 0, null));
        loop.virtual().advance(Duration.ofMillis(200));
        fails(WsaError.WSAETIMEDOUT, join(send));
    }

    @Test
    void required_blockingRecv_wakesWhenDataArrives() throws Exception {
        Loop.Pair p = loop.pair();
        CompletableFuture<WspResult<Integer>> recv = loop.blocked(() -> p.client().recv(room(10), 0, null));
        send(p.server(), 4);
        assertEquals(4, ok(join(recv)));
    }

    @Test
    void required_blockingSend_largerThanBuffers_completesAsThePeerReads() throws Exception {
        Loop.Pair p = loop.smallPair();
        int total = 64 * 1024;
        CompletableFuture<WspResult<Integer>> send = Loop.inBackground(() -> p.client().send(bytes(total, 0), 0, null));
        long got = 0;
        ByteBuffer b = ByteBuffer.allocate(3000);
        while (got < total) {
            b.clear();
            got += ok(p.server().recv(new ByteBuffer[] {b}, 0, null));
        }
        assertEquals(total, ok(join(send)), "a blocking send returns once every byte was taken");
    }

    @Test
    void required_msgWaitAll_blockingRecvWaitsForTheWholeBuffer() throws Exception {
        Loop.Pair p = loop.pair();
        CompletableFuture<WspResult<Integer>> recv = loop.blocked(
                () -> p.client().recv(room(10), MsgFlags.MSG_WAITALL, null));
        send(p.server(), 4);
        loop.virtual().awaitWaiters(1, Loop.REAL);
        assertFalse(recv.isDone(), "4 of 10 bytes: MSG_WAITALL keeps waiting");
        send(p.server(), 6);
        assertEquals(10, ok(join(recv)));
        nonBlocking(p.client(), true);
        fails(WsaError.WSAEOPNOTSUPP, p.client().recv(room(10), MsgFlags.MSG_WAITALL, null));
    }

    @Test
    void required_cancelBlockingCall_lingeringClose_endsAbortively_WSAEINTR() throws Exception {
        Loop.Pair p = loop.smallPair();
        fill(p.client());
        nonBlocking(p.client(), false);
        Loop.linger(p.client(), 30);
        Thread[] closer = new Thread[1];
        CompletableFuture<WspResult<Void>> closing = loop.blocked(() -> {
            closer[0] = Thread.currentThread();
            return p.client().closeSocket();
        });
        ok(loop.provider.cancelBlockingCall(closer[0]));
        fails(WsaError.WSAEINTR, join(closing));
        fails(WsaError.WSAENOTSOCK, p.client().closeSocket(), "the socket is gone all the same");
        fails(WsaError.WSAECONNRESET, p.server().recv(room(1), 0, null));
    }
}
