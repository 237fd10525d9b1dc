package io.jwsp.provider.atm;

import static io.jwsp.provider.atm.AtmLab.pdu;
import static io.jwsp.provider.atm.AtmLab.readUntilError;
import static io.jwsp.provider.atm.AtmLab.recvNow;
import static io.jwsp.provider.atm.AtmLab.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.atm.q2931.Cause;
import io.jwsp.provider.atm.q2931.MessageType;
import io.jwsp.provider.atm.q2931.Q2931Message;
import io.jwsp.spi.close.CloseOutcome;
import io.jwsp.spi.close.CloseType;
import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.trace.WireFrame;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** closesocket, "Notes for ATM" (seeds 000, 001, 004) and the jwsp close table on the local transmit queue. */
class AtmCloseTest {
    private static final int SIZE = 1000; // 21 cells

    @Test
    void atmNotes_closeRightAfterSend_releaseOvertakesTheLastData_whichIsLost() {
        try (AtmLab lab = new AtmLab()) {
            AtmLab.Pair p = lab.connect();
            send(p.client(), pdu(SIZE, 0));
            lab.settle(); // the first PDU arrives
            send(p.client(), pdu(SIZE, 1));
            send(p.client(), pdu(SIZE, 2));
            long t0 = lab.clock.nanoTime();
            assertTrue(p.client().closeSocket().isOk(), "close returns 0");
            assertEquals(t0, lab.clock.nanoTime(), "and at once");
            lab.settle();
            assertEquals(1, readUntilError(p.accepted(), SIZE, WsaError.WSAEDISCON),
                    "the peer reads fewer than 3 PDUs, then WSAEDISCON");
            // The trace: RELEASE reached the switch before the last cells, which found no cross-connect.
            List<String> kinds = lab.context.kinds();
            int release = kinds.indexOf("RELEASE");
            int dropped = kinds.indexOf("CELL_DROPPED");
            assertTrue(release >= 0 && dropped > release, "RELEASE before the dropped cells: " + kinds);
            WireFrame rel = lab.context.frames.get(release);
            assertTrue(rel.detail().contains("cause 16"), rel.detail());
            assertTrue(lab.provider.unwrap(AtmNetwork.class).orElseThrow().statistics().orElseThrow()
                    .cellsDroppedNoConnect() >= 2 * 21);
        }
    }

    @Test
    void atmNotes_aDelayBetweenLastSendAndClose_avoidsTheLoss() {
        try (AtmLab lab = new AtmLab()) {
            AtmLab.Pair p = lab.connect();
            for (int i = 0; i < 3; i++) {
                send(p.client(), pdu(SIZE, i));
            }
            // Drain time of 63 cells plus the data latency: 63 * 2.8 us + 50 ms.
            lab.clock.advance(Duration.ofMillis(51));
            assertTrue(p.client().closeSocket().isOk());
            lab.settle();
            assertEquals(3, readUntilError(p.accepted(), SIZE, WsaError.WSAEDISCON), "all 3 PDUs, then WSAEDISCON");
            assertFalse(lab.context.kinds().contains("CELL_DROPPED"));
        }
    }


    /** Runs one connection and closes the client with {@code linger}; answers the RELEASE bytes it sent. */
    private static byte[] releaseBytesOfClose(Linger linger) {
        try (AtmLab lab = new AtmLab()) {
            AtmLab.Pair p = lab.connect();
            send(p.client(), pdu(SIZE, 0));
            p.client().setSockOpt(SocketOptions.SO_LINGER, linger).value();
            CapturingNetwork capture = CapturingNetwork.install(lab);
            assertTrue(p.client().closeSocket().isOk());
            lab.settle();
            assertEquals(linger.isAbortive() ? CloseType.HARD : CloseType.GRACEFUL,
                    lab.context.closes.getLast().type());
            return capture.releases().getFirst();
        }
    }

    @Test
    void atmNotes_abortiveAndGracefulClose_sendByteIdenticalRelease() {
        byte[] graceful = releaseBytesOfClose(Linger.DONT_LINGER);
        byte[] abortive = releaseBytesOfClose(Linger.of(0));
        assertArrayEquals(graceful, abortive);
        Q2931Message m = Q2931Message.decode(abortive);
        assertEquals(MessageType.RELEASE, m.type());
        assertEquals(Cause.NORMAL, m.cause().orElseThrow(), "cause 16, normal call clearing, location user");
    }

    @Test
    void atmNotes_graceful_letsTheLocalQueueFlow_lingerZero_dropsIt() {
        try (AtmLab lab = new AtmLab()) {
            AtmLab.Pair p = lab.connect();
            send(p.client(), pdu(SIZE, 0));
            p.client().closeSocket().value();
            lab.settle();
            long departed = lab.context.frames.stream().filter(f -> f.kind().equals("CELL")).count();
            assertEquals(21, departed, "every queued cell still left the adapter after a graceful close");
        }
        try (AtmLab lab = new AtmLab()) {
            AtmLab.Pair p = lab.connect();
            send(p.client(), pdu(SIZE, 0));
            p.client().setSockOpt(SocketOptions.SO_LINGER, Linger.of(0)).value();
            p.client().closeSocket().value();
            lab.settle();
            assertEquals(0, lab.context.frames.stream().filter(f -> f.kind().equals("CELL")).count(),
                    "linger(1,0) drops the local transmit queue");
        }
    }

    @Test
    void atmNotes_pdusReassembledBeforeRelease_stayReadableAfterFdClose() {
        try (AtmLab lab = new AtmLab()) {
            AtmLab.Pair p = lab.connect();
            TestUpcalls.Flag ev = new TestUpcalls.Flag();
            p.accepted().eventSelect(ev, FdEvents.FD_READ | FdEvents.FD_CLOSE).value();
            send(p.client(), pdu(SIZE, 0));
            send(p.client(), pdu(SIZE, 1));
            lab.settle();
            p.client().setSockOpt(SocketOptions.SO_LINGER, Linger.of(0)).value();
            p.client().closeSocket().value();
            lab.settle();
            NetworkEvents ne = p.accepted().enumNetworkEvents(ev).value();
            assertTrue(ne.has(FdEvents.FD_CLOSE), "the peer gets FD_CLOSE");
            assertEquals(null, ne.errorOf(FdEvents.FD_CLOSE), "with error 0: cause 16 is a normal release");
            assertEquals(2, readUntilError(p.accepted(), SIZE, WsaError.WSAEDISCON),
                    "even after a hard close the PDUs already received are delivered");
        }
    }

    @Test
    void atmNotes_noHalfClose_shutdownSend_releasesTheVcBothWays() {
        try (AtmLab lab = new AtmLab()) {
            AtmLab.Pair p = lab.connect();
            send(p.accepted(), pdu(SIZE, 0));
            lab.settle();
            assertTrue(p.client().shutdown(ShutdownHow.SD_SEND).isOk());
            assertEquals(WsaError.WSAESHUTDOWN, p.client().send(new ByteBuffer[] {ByteBuffer.wrap(pdu(10, 0))}, 0,
                    null).error());
            assertTrue(lab.context.kinds().contains("RELEASE"), "shutdown(SD_SEND) sends RELEASE");
            // The peer's data sent after the RELEASE never arrives: the VC is gone in both directions.
            WspResult<Integer> late = p.accepted().send(new ByteBuffer[] {ByteBuffer.wrap(pdu(SIZE, 1))}, 0, null);
            lab.settle();
            assertEquals(1, readUntilError(p.client(), SIZE, WsaError.WSAEDISCON),
                    "the PDU queued before shutdown is read, nothing after");
            assertEquals(WsaError.WSAEDISCON, readUntilErrorPeer(p.accepted()));
            assertTrue(late.isOk() || late.is(WsaError.WSAECONNRESET));
            assertEquals(WsaError.WSAECONNRESET, p.accepted().send(new ByteBuffer[] {ByteBuffer.wrap(pdu(10, 0))},
                    0, null).error(), "sending on a released VC");
        }
    }

    private static WsaError readUntilErrorPeer(AtmSocket s) {
        return recvNow(s, 65535).result().error();
    }

    @Test
    void atmNotes_shutdownReceive_isLocal_noRelease_laterPdusDiscarded() {
        try (AtmLab lab = new AtmLab()) {
            AtmLab.Pair p = lab.connect();
            assertTrue(p.accepted().shutdown(ShutdownHow.SD_RECEIVE).isOk());
            lab.settle();
            assertFalse(lab.context.kinds().contains("RELEASE"), "SD_RECEIVE sends nothing");
            send(p.client(), pdu(SIZE, 0));
            lab.settle();
            assertEquals(WsaError.WSAESHUTDOWN, recvNow(p.accepted(), 65535).result().error());
            assertEquals(0, p.accepted().ioctl(io.jwsp.spi.option.IoControls.FIONREAD, null, null).value());
            send(p.accepted(), pdu(SIZE, 1));
            lab.settle();
            assertArrayEquals(pdu(SIZE, 1), recvNow(p.client(), 65535).bytes(), "the other direction still works");
        }
    }

    @Test
    void closeTable_lingerN_blocking_waitsForTheLocalQueueToLeaveTheAdapter_thenReleases() throws Exception {
        try (AtmLab lab = new AtmLab()) {
            AtmLab.Pair p = lab.connect();
            byte[] big = pdu(65535, 0); // 1366 cells: 3.87 ms at the cell rate
            send(p.client(), big);
            p.client().setSockOpt(SocketOptions.SO_LINGER, Linger.of(30)).value();
            long t0 = lab.clock.nanoTime();
            CompletableFuture<WspResult<Void>> closing = CompletableFuture.supplyAsync(() -> p.client().closeSocket());
            lab.clock.awaitWaiters(1, Duration.ofSeconds(10));
            assertFalse(lab.context.kinds().contains("RELEASE"), "no RELEASE while the queue drains");
            long drain = 1366 * lab.provider.timing().cellIntervalNanos();
            lab.clock.advanceNanos(drain - 1);
            assertFalse(closing.isDone(), "one cell still in the adapter");
            lab.clock.advanceNanos(1); // the clock stops where the last cell leaves
            assertTrue(closing.get(10, TimeUnit.SECONDS).isOk(), "close returns 0");
            assertEquals(CloseOutcome.LINGER_WAIT, lab.context.closes.getLast().outcome());
            assertEquals(CloseType.GRACEFUL, lab.context.closes.getLast().type());
            long waited = lab.context.closes.getLast().waitedNanos();
            assertEquals(drain, waited, "waited for the last cell");
            assertTrue(lab.clock.nanoTime() - t0 >= waited);
        }
    }

    @Test
    void closeTable_lingerN_blocking_timeOut_dropsTheRestAndReleases() throws Exception {
        try (AtmLab lab = new AtmLab(java.util.Map.of("atm.cellIntervalNanos", "10000000"))) { // 100 cells/s
            AtmLab.Pair p = lab.connect();
            send(p.client(), pdu(65535, 0)); // 13.66 s of cells
            p.client().setSockOpt(SocketOptions.SO_LINGER, Linger.of(2)).value();
            CompletableFuture<WspResult<Void>> closing = CompletableFuture.supplyAsync(() -> p.client().closeSocket());
            lab.clock.awaitWaiters(1, Duration.ofSeconds(10));
            lab.clock.advance(Duration.ofSeconds(2));
            assertTrue(closing.get(10, TimeUnit.SECONDS).isOk(), "close returns 0 after the time-out too");
            assertEquals(CloseType.HARD_AFTER_LINGER_TIMEOUT, lab.context.closes.getLast().type());
            assertEquals(2_000_000_000L, lab.context.closes.getLast().waitedNanos());
        }
    }

    @Test
    void closeTable_lingerN_nonblocking_dataQueued_wouldBlock_nothingInitiated() {
        try (AtmLab lab = new AtmLab()) {
            AtmLab.Pair p = lab.connect();
            send(p.client(), pdu(SIZE, 0));
            p.client().setSockOpt(SocketOptions.SO_LINGER, Linger.of(30)).value();
            AtmLab.nonBlocking(p.client(), true);
            assertEquals(WsaError.WSAEWOULDBLOCK, p.client().closeSocket().error());
            assertFalse(lab.context.kinds().contains("RELEASE"), "nothing initiated");
            assertTrue(p.client().getPeerName().isOk(), "the socket is untouched");
            lab.settle();
            assertArrayEquals(pdu(SIZE, 0), recvNow(p.accepted(), 65535).bytes());
            assertTrue(p.client().closeSocket().isOk(), "the retry, queue drained, closes at once");
            assertEquals(CloseOutcome.GRACEFUL_NOW, lab.context.closes.getLast().outcome());
        }
    }

    @Test
    void design_closeFromAnotherThread_blockedRecvGetsWsaeintr_overlappedIsAborted() throws Exception {
        try (AtmLab lab = new AtmLab()) {
            AtmLab.Pair p = lab.connect();
            CompletableFuture<WspResult<Integer>> blocked = CompletableFuture.supplyAsync(
                    () -> p.accepted().recv(new ByteBuffer[] {ByteBuffer.allocate(10)}, 0, null));
            lab.clock.awaitWaiters(1, Duration.ofSeconds(10));
            TestUpcalls.Flag done = new TestUpcalls.Flag();
            Overlapped ov = Overlapped.withEvent(done);
            assertTrue(p.accepted().recv(new ByteBuffer[] {ByteBuffer.allocate(10)}, 0, ov).isPending());
            assertTrue(p.accepted().closeSocket().isOk());
            assertEquals(WsaError.WSAEINTR, blocked.get(10, TimeUnit.SECONDS).error());
            assertTrue(done.isSet());
            assertEquals(WsaError.WSA_OPERATION_ABORTED, ov.error());
            assertEquals(WsaError.WSAENOTSOCK, p.accepted().getSockName().error(), "every call after close");
        }
    }

    @Test
    void design_closeFromAnotherThread_sendBlockedOnAFullTransmitQueueGetsWsaeintr() throws Exception {
        try (AtmLab lab = new AtmLab()) {
            AtmLab.Pair p = lab.connect();
            p.client().setSockOpt(SocketOptions.SO_SNDBUF, 1000).value();
            send(p.client(), pdu(SIZE, 0)); // the queue holds 1000 bytes now: the next send waits for room
            CompletableFuture<WspResult<Integer>> blocked = CompletableFuture.supplyAsync(
                    () -> p.client().send(new ByteBuffer[] {ByteBuffer.wrap(pdu(SIZE, 1))}, 0, null));
            lab.clock.awaitWaiters(1, Duration.ofSeconds(10));
            AtmLab.nonBlocking(p.client(), true);
            assertEquals(WsaError.WSAEWOULDBLOCK,
                    p.client().send(new ByteBuffer[] {ByteBuffer.wrap(pdu(10, 2))}, 0, null).error(),
                    "a nonblocking send finds the local queue full");
            AtmLab.nonBlocking(p.client(), false);
            p.client().setSockOpt(SocketOptions.SO_LINGER, Linger.of(0)).value();
            assertTrue(p.client().closeSocket().isOk());
            assertEquals(WsaError.WSAEINTR, blocked.get(10, TimeUnit.SECONDS).error());
        }
    }
}
