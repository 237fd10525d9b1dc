package io.jwsp.provider.atm;

import static io.jwsp.provider.atm.AtmLab.pdu;
import static io.jwsp.provider.atm.AtmLab.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** select, event select and cancelled blocking calls on ATM sockets. */
class AtmReadinessTest {
    @Test
    void select_readableOnceAPduArrives_writableWhenConnected() throws Exception {
        try (AtmLab lab = new AtmLab()) {
            AtmLab.Pair p = lab.connect();
            SelectSets sets = new SelectSets(List.of(p.accepted()), List.of(p.client()), List.of());
            SelectSets now = lab.provider.select(sets, 0).value();
            assertEquals(List.of(), now.read());
            assertEquals(List.of(p.client()), now.write());
            CompletableFuture<WspResult<SelectSets>> waiting = CompletableFuture.supplyAsync(() ->
                    lab.provider.select(new SelectSets(List.of(p.accepted()), List.of(), List.of()), -1));
            lab.clock.awaitWaiters(1, Duration.ofSeconds(10));
            send(p.client(), pdu(10, 0));
            lab.settle();
            assertEquals(List.of(p.accepted()), waiting.get(10, TimeUnit.SECONDS).value().read());
        }
    }

    @Test
    void eventSelect_fdAcceptThenFdRead() {
        try (AtmLab lab = new AtmLab()) {
            AtmSocket l = lab.listen(lab.address(1, 1));
            TestUpcalls.Flag ev = new TestUpcalls.Flag();
            l.eventSelect(ev, FdEvents.FD_ACCEPT).value();
            AtmSocket c = lab.open();
            AtmLab.nonBlocking(c, true);
            assertEquals(WsaError.WSAEWOULDBLOCK, c.connect(lab.address(1, 1)).error());
            lab.settle();
            assertTrue(ev.isSet());
            NetworkEvents ne = l.enumNetworkEvents(ev).value();
            assertTrue(ne.has(FdEvents.FD_ACCEPT));
            AtmSocket a = (AtmSocket) l.accept(null).value().socket();
            TestUpcalls.Flag rd = new TestUpcalls.Flag();
            a.eventSelect(rd, FdEvents.FD_READ).value();
            send(c, pdu(5, 0));
            lab.settle();
            assertTrue(a.enumNetworkEvents(rd).value().has(FdEvents.FD_READ));
        }
    }

    @Test
    void cancelBlockingCall_theBlockedRecvReturnsWsaeintr() throws Exception {
        try (AtmLab lab = new AtmLab()) {
            AtmLab.Pair p = lab.connect();
            CompletableFuture<Thread> who = new CompletableFuture<>();
            CompletableFuture<WspResult<Integer>> blocked = CompletableFuture.supplyAsync(() -> {
                who.complete(Thread.currentThread());
                return p.accepted().recv(new ByteBuffer[] {ByteBuffer.allocate(8)}, 0, null);
            });
            lab.clock.awaitWaiters(1, Duration.ofSeconds(10));
            assertTrue(lab.provider.cancelBlockingCall(who.get()).isOk());
            assertEquals(WsaError.WSAEINTR, blocked.get(10, TimeUnit.SECONDS).error());
            assertEquals(WsaError.WSAEINVAL, lab.provider.cancelBlockingCall(Thread.currentThread()).error(),
                    "nothing to cancel");
            assertTrue(p.accepted().getPeerName().isOk(), "the socket itself is untouched");
        }
    }
}
