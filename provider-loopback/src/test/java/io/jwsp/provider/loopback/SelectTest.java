package io.jwsp.provider.loopback;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** WSPSelect over the provider's sockets, waiting on the provider-wide wake-up through the time source. */
class SelectTest {
    private final Loop loop = new Loop();

    private static SelectSets sets(List<WspSocket> r, List<WspSocket> w, List<WspSocket> e) {
        return new SelectSets(r, w, e);
    }

    @Test
    void required_select_pollReportsReadWriteAndAccept() {
        WspSocket l = loop.listener();
        WspSocket c = loop.stream();
        SelectSets none = ok(loop.provider.select(sets(List.of(l), List.of(), List.of()), 0));
        assertEquals(0, none.total(), "nothing pending: a poll answers no socket");
        ok(c.connect(name(l)));
        assertEquals(List.of(l), ok(loop.provider.select(sets(List.of(l), List.of(), List.of()), 0)).read());
        WspSocket a = ok(l.accept(null)).socket();
        SelectSets s = ok(loop.provider.select(sets(List.of(a), List.of(c), List.of()), 0));
        assertEquals(List.of(), s.read());
        assertEquals(List.of(c), s.write(), "a connected socket with room is writable");
        send(c, 1);
        assertEquals(List.of(a), ok(loop.provider.select(sets(List.of(a), List.of(), List.of()), 0)).read());
    }

    @Test
    void required_select_waitsOnTheClockUntilDataArrives() throws Exception {
        Loop.Pair p = loop.pair();
        CompletableFuture<WspResult<SelectSets>> sel = loop.blocked(
                () -> loop.provider.select(sets(List.of(p.server()), List.of(), List.of()), -1));
        send(p.client(), 2);
        assertEquals(List.of(p.server()), ok(join(sel)).read());
    }

    @Test
    void required_select_timeoutOnTheVirtualClock() throws Exception {
        Loop.Pair p = loop.pair();
        CompletableFuture<WspResult<SelectSets>> sel = loop.blocked(
                () -> loop.provider.select(sets(List.of(p.server()), List.of(), List.of()),
                        Duration.ofSeconds(5).toNanos()));
        loop.virtual().advance(Duration.ofSeconds(4));
        loop.virtual().awaitWaiters(1, Loop.REAL);
        assertFalse(sel.isDone());
        loop.virtual().advance(Duration.ofSeconds(1));
        assertEquals(0, ok(join(sel)).total());
    }

    @Test
    void required_select_writableAgainWhenThePeerReads() throws Exception {
        Loop.Pair p = loop.smallPair();
        fill(p.client());
        assertEquals(0, ok(loop.provider.select(sets(List.of(), List.of(p.client()), List.of()), 0)).total());
        CompletableFuture<WspResult<SelectSets>> sel = loop.blocked(
                () -> loop.provider.select(sets(List.of(), List.of(p.client()), List.of()), -1));
        ok(p.server().recv(room(512), 0, null));
        assertEquals(List.of(p.client()), ok(join(sel)).write());
    }

    @Test
    void required_select_failedNonblockingConnect_inExceptSet() {
        WspSocket c = loop.stream();
        nonBlocking(c, true);
        fails(WsaError.WSAEWOULDBLOCK, c.connect(Loop.local(9)));
        SelectSets s = ok(loop.provider.select(sets(List.of(), List.of(c), List.of(c)), 0));
        assertEquals(List.of(c), s.except());
        assertEquals(List.of(), s.write());
    }

    @Test
    void required_select_endOfStreamIsReadable() {
        Loop.Pair p = loop.pair();
        ok(p.client().closeSocket());
        assertEquals(List.of(p.server()), ok(loop.provider.select(sets(List.of(p.server()), List.of(), List.of()), 0))
                .read());
    }

    @Test
    void required_select_badSets() {
        fails(WsaError.WSAEINVAL, loop.provider.select(sets(List.of(), List.of(), List.of()), 0));
        fails(WsaError.WSAEFAULT, loop.provider.select(null, 0));
        WspSocket closed = loop.stream();
        ok(closed.closeSocket());
        fails(WsaError.WSAENOTSOCK, loop.provider.select(sets(List.of(closed), List.of(), List.of()), 0));
        WspSocket foreign = new Loop().stream();
        fails(WsaError.WSAENOTSOCK, loop.provider.select(sets(List.of(foreign), List.of(), List.of()), 0));
    }

    @Test
    void required_select_cancelBlockingCall_WSAEINTR() throws Exception {
        Loop.Pair p = loop.pair();
        Thread[] t = new Thread[1];
        CompletableFuture<WspResult<SelectSets>> sel = loop.blocked(() -> {
            t[0] = Thread.currentThread();
            return loop.provider.select(sets(List.of(p.server()), List.of(), List.of()), -1);
        });
        ok(loop.provider.cancelBlockingCall(t[0]));
        fails(WsaError.WSAEINTR, join(sel));
    }
}
