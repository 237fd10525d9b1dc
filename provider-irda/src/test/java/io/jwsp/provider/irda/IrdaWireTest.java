package io.jwsp.provider.irda;

import static io.jwsp.provider.irda.IrdaBench.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.irda.medium.DeviceInfo;
import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.close.CloseType;
import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.event.WspEvent;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What crosses the timed medium, on the virtual clock: frames take their air time, DISCONNECT travels behind the
 * data, TinyTP credit holds a sender back, a link out of range fails, and every close row as the peer sees it.
 */
@Timeout(value = 15, unit = TimeUnit.SECONDS)
class IrdaWireTest {
    private static final Duration LONG = Duration.ofSeconds(600);
    private IrdaBench bench;

    @AfterEach
    void close() {
        if (bench != null) {
            bench.close();
        }
    }

    private IrdaBench bench(String... settings) {
        bench = new IrdaBench(settings);
        return bench;
    }

    /** Nonblocking sends until WSAEWOULDBLOCK; answers the bytes accepted. */
    private int fill(long s) {
        bench.nonBlocking(s, true);
        int total = 0;
        while (true) {
            WspResult<Integer> r = bench.ws.send(s, IrdaBench.pattern(total, 1000), 0);
            if (r.is(WsaError.WSAEWOULDBLOCK)) {
                return total;
            }
            total += ok(r);
        }
    }

    /** Nonblocking reads until WSAEWOULDBLOCK; answers bytes read, or -1 after recv answered 0. */
    private int drain(long s, int[] offset) {
        bench.nonBlocking(s, true);
        int got = 0;
        while (true) {
            ByteBuffer b = ByteBuffer.allocate(4096);
            WspResult<Integer> r = bench.ws.recv(s, b, 0);
            if (r.is(WsaError.WSAEWOULDBLOCK)) {
                return got;
            }
            int n = ok(r);
            if (n == 0) {
                return got > 0 ? got : -1;
            }
            assertTrue(IrdaBench.matches(b, offset[0]), "bytes at " + offset[0] + " differ from what was sent");
            offset[0] += n;
            got += n;
        }
    }

    @Test
    void frame_takesItsAirTime_atTheBaudRate() {
        bench("irda.baud", "9600");
        IrdaBench.Pair p = bench.connectByService("air");
        long t0 = bench.clock.nanoTime();
        ok(bench.ws.send(p.client(), IrdaBench.pattern(0, 100), 0));
        bench.until(() -> !bench.tap.ofKind("DATA").isEmpty(), LONG);
        WireFrame data = bench.tap.ofKind("DATA").getFirst();
        // IrLAP framing 6 + IrLMP 2 + TinyTP 1 + 100 payload bytes, 10 bits each at 9600 bit/s
        assertEquals(109L * 10 * 1_000_000_000L / 9600, data.timeNanos() - t0, "air time of a 100-byte frame");
        assertEquals(100, data.bytes());
    }

    @Test
    void connect_bringsTheLinkUp_snrmUa_thenIasThenConnectConfirm() {
        bench("irda.baud", "115200");
        bench.connectByService("order");
        List<String> kinds = bench.tap.frames().stream().map(WireFrame::kind).toList();
        int snrm = kinds.indexOf("SNRM");
        int ua = kinds.indexOf("UA");
        int ias = kinds.indexOf("IAS");
        int connect = kinds.indexOf("CONNECT");
        int confirm = kinds.indexOf("CONFIRM");
        assertTrue(snrm >= 0 && snrm < ua && ua < ias && ias < connect && connect < confirm, "frame order " + kinds);
        assertTrue(bench.tap.ofKind("CONNECT").getFirst().detail().contains("initial credit 4"), "TinyTP credit");
    }

    @Test
    void closesocket_sendThenCloseAtOnce_disconnectTravelsAfterTheLastDataFrame_fdCloseOnlyAfterEveryByteIsRead() {
        bench("irda.baud", "115200");
        IrdaBench.Pair p = bench.connectByService("wait");
        WspEvent ev = bench.ws.createEvent();
        ok(bench.ws.eventSelect(p.accepted(), ev, FdEvents.FD_READ | FdEvents.FD_CLOSE));
        ok(bench.ws.send(p.client(), IrdaBench.pattern(0, 5000), 0));
        long t0 = bench.clock.nanoTime();
        ok(bench.ws.closeSocket(p.client()));
        assertEquals(t0, bench.clock.nanoTime(), "close with SO_DONTLINGER returns at once");
        bench.until(() -> !bench.tap.ofKind("DISCONNECT").isEmpty(), LONG);

        List<WireFrame> frames = bench.tap.frames();
        int lastData = bench.tap.lastIndexOf("DATA");
        int disconnect = bench.tap.firstIndexOf("DISCONNECT");
        assertTrue(lastData >= 0 && lastData < disconnect, "DISCONNECT after the last data frame: " + frames);
        assertTrue(frames.get(disconnect).detail().contains("reason 1"), frames.get(disconnect).detail());
        assertEquals(5000, bench.tap.ofKind("DATA").stream().mapToInt(WireFrame::bytes).sum(), "bytes on the air");

        // disconnect-wait: the peer has the DISCONNECT, but FD_CLOSE waits until its application read everything
        NetworkEvents before = ok(bench.ws.enumNetworkEvents(p.accepted(), ev));
        assertTrue(before.has(FdEvents.FD_READ), "FD_READ for the data");
        assertFalse(before.has(FdEvents.FD_CLOSE), "FD_CLOSE before the data was read");
        int[] offset = {0};
        assertEquals(5000, drain(p.accepted(), offset), "every byte sent before the close");
        assertEquals(-1, drain(p.accepted(), offset), "then the end of the stream");
        NetworkEvents after = ok(bench.ws.enumNetworkEvents(p.accepted(), ev));
        assertTrue(after.has(FdEvents.FD_CLOSE), "FD_CLOSE once the data was read");
        assertNull(after.errorOf(FdEvents.FD_CLOSE), "an orderly end: no error");
        CloseRecord rec = bench.tap.closes().getFirst();
        assertEquals(CloseType.GRACEFUL, rec.type());
    }

    @Test
    void closesocket_send64KbThenCloseAtOnce_peerReadsAllOfItThenZero() {
        bench("irda.baud", "115200");
        IrdaBench.Pair p = bench.connectByService("bulk");
        ok(bench.ws.setSockOpt(p.client(), SocketOptions.SO_SNDBUF, 65536));
        ok(bench.ws.send(p.client(), IrdaBench.pattern(0, 65536), 0));
        ok(bench.ws.closeSocket(p.client()));
        int[] offset = {0};
        boolean[] ended = {false};
        bench.until(() -> {
            ended[0] = drain(p.accepted(), offset) < 0;
            return ended[0];
        }, LONG);
        assertEquals(65536, offset[0], "the peer read all 64 KB before the end");
        assertTrue(bench.tap.lastIndexOf("DATA") < bench.tap.firstIndexOf("DISCONNECT"));
        assertTrue(bench.tap.ofKind("CREDIT").size() > 0, "the reader's credit kept the sender going");
    }

    @Test
    void closesocket_lingerZero_dropsTheQueue_peerSeesTruncatedDataThenZero_neverAReset() {
        bench("irda.baud", "115200");
        IrdaBench.Pair p = bench.connectByService("hard");
        int sent = fill(p.client());
        ok(bench.ws.setSockOpt(p.client(), SocketOptions.SO_LINGER, Linger.of(0)));
        long t0 = bench.clock.nanoTime();
        ok(bench.ws.closeSocket(p.client()));
        assertEquals(t0, bench.clock.nanoTime(), "linger(1,0) returns at once");
        bench.until(() -> !bench.tap.ofKind("DISCONNECT").isEmpty(), LONG);
        assertTrue(bench.tap.ofKind("DISCONNECT").getFirst().detail().contains("reason 1"),
                "an abortive close still says reason 1 (user request)");
        int[] offset = {0};
        int[] end = {0};
        bench.until(() -> (end[0] = drain(p.accepted(), offset)) < 0, LONG);
        assertTrue(offset[0] < sent, "unsent data is lost: read " + offset[0] + " of " + sent);
        assertTrue(offset[0] > 0, "what was already on the air still arrives");
        assertEquals(CloseType.HARD, bench.tap.closes().getFirst().type());
    }

    @Test
    void closesocket_lingerN_stalledPeer_blocksLingerSecondsOfVirtualTime_thenPartialStreamThenZero() throws Exception {
        bench("irda.baud", "115200");
        IrdaBench.Pair p = bench.connectByService("linger");
        int sent = fill(p.client());
        bench.nonBlocking(p.client(), false);
        ok(bench.ws.setSockOpt(p.client(), SocketOptions.SO_LINGER, Linger.of(2)));
        long t0 = bench.clock.nanoTime();
        CompletableFuture<WspResult<Void>> closing = CompletableFuture.supplyAsync(() -> bench.ws.closeSocket(p.client()));
        bench.clock.awaitWaiters(1, Duration.ofSeconds(10));
        bench.advance(Duration.ofSeconds(2).minusMillis(1));
        assertFalse(closing.isDone(), "close still lingering 1 ms before l_linger");
        bench.advance(Duration.ofMillis(1));
        ok(closing.get(10, TimeUnit.SECONDS));
        CloseRecord rec = bench.tap.closes().getFirst();
        assertEquals(CloseType.HARD_AFTER_LINGER_TIMEOUT, rec.type());
        assertEquals(Duration.ofSeconds(2).toNanos(), rec.waitedNanos(), "waited l_linger on the clock");
        assertTrue(bench.clock.nanoTime() - t0 >= Duration.ofSeconds(2).toNanos());
        int[] offset = {0};
        bench.until(() -> drain(p.accepted(), offset) < 0, LONG);
        assertTrue(offset[0] > 0 && offset[0] < sent, "a partial stream (" + offset[0] + " of " + sent + "), then 0");
    }

    @Test
    void closesocket_lingerN_readingPeer_returnsOnceTheTransmitQueueIsEmpty_graceful() throws Exception {
        bench("irda.baud", "115200");
        IrdaBench.Pair p = bench.connectByService("drain");
        int sent = fill(p.client());
        bench.nonBlocking(p.client(), false);
        ok(bench.ws.setSockOpt(p.client(), SocketOptions.SO_LINGER, Linger.of(30)));
        CompletableFuture<WspResult<Void>> closing = CompletableFuture.supplyAsync(() -> bench.ws.closeSocket(p.client()));
        bench.clock.awaitWaiters(1, Duration.ofSeconds(10));
        int[] offset = {0};
        bench.until(() -> {
            drain(p.accepted(), offset);
            return offset[0] == sent;
        }, Duration.ofSeconds(29));
        ok(closing.get(10, TimeUnit.SECONDS));
        bench.until(() -> drain(p.accepted(), offset) < 0, Duration.ofSeconds(29));
        assertEquals(sent, offset[0], "everything delivered before the end");
        CloseRecord rec = bench.tap.closes().getFirst();
        assertEquals(CloseType.GRACEFUL, rec.type());
        assertTrue(rec.waitedNanos() > 0 && rec.waitedNanos() < Duration.ofSeconds(30).toNanos());
    }

    @Test
    void closesocket_lingerN_nonblocking_creditBlocked_isWouldBlock_andNothingGoesOnTheWire() {
        bench("irda.baud", "115200");
        IrdaBench.Pair p = bench.connectByService("nb");
        fill(p.client());
        ok(bench.ws.setSockOpt(p.client(), SocketOptions.SO_LINGER, Linger.of(5)));
        int framesBefore = bench.tap.frames().size();
        WspResult<Void> r = bench.ws.closeSocket(p.client());
        assertTrue(r.is(WsaError.WSAEWOULDBLOCK), "nonblocking lingering close with data queued: " + r);
        assertEquals(framesBefore, bench.tap.frames().size(), "the refused close put nothing on the wire");
        bench.until(() -> bench.clock.nextDeadline() < 0, LONG);
        assertTrue(bench.tap.ofKind("DISCONNECT").isEmpty(), "no disconnect was initiated");
        ok(bench.ws.getPeerName(p.client()));
        assertTrue(bench.tap.closes().isEmpty(), "no close was performed");
        // the runtime's cleanup would linger (blocking) on a clock nobody advances: end it without lingering
        ok(bench.ws.setSockOpt(p.client(), SocketOptions.SO_DONTLINGER, true));
        ok(bench.ws.closeSocket(p.client()));
    }

    @Test
    void closesocket_inBackground_stallCutOff_givesUpOnAPeerThatStoppedReading() {
        bench("irda.baud", "115200", "irda.stallMs", "1000");
        IrdaBench.Pair p = bench.connectByService("stall");
        int sent = fill(p.client());
        ok(bench.ws.closeSocket(p.client()));
        bench.until(() -> !bench.tap.ofKind("DISCONNECT").isEmpty(), Duration.ofSeconds(10));
        int[] offset = {0};
        bench.until(() -> drain(p.accepted(), offset) < 0, LONG);
        assertTrue(offset[0] < sent, "the stalled remainder was dropped: " + offset[0] + " of " + sent);
    }

    @Test
    void shutdownSend_drainsThenDisconnects_laterSendIsWSAESHUTDOWN_receiveShutdownIsLocal() {
        bench("irda.baud", "115200");
        IrdaBench.Pair p = bench.connectByService("shut");
        ok(bench.ws.shutdown(p.accepted(), io.jwsp.spi.io.ShutdownHow.SD_RECEIVE));
        assertTrue(bench.tap.ofKind("DISCONNECT").isEmpty(), "SD_RECEIVE puts nothing on the wire");
        ok(bench.ws.send(p.accepted(), IrdaBench.pattern(0, 10), 0));
        int[] back = {0};
        bench.until(() -> {
            drain(p.client(), back);
            return back[0] == 10;
        }, LONG);
        bench.nonBlocking(p.client(), false);
        ok(bench.ws.send(p.client(), IrdaBench.pattern(0, 3000), 0));
        ok(bench.ws.shutdown(p.client(), io.jwsp.spi.io.ShutdownHow.SD_SEND));
        assertEquals(WsaError.WSAESHUTDOWN, bench.ws.send(p.client(), IrdaBench.pattern(0, 1), 0).error());
        bench.until(() -> !bench.tap.ofKind("DISCONNECT").isEmpty(), LONG);
        assertTrue(bench.tap.lastIndexOf("DATA") < bench.tap.firstIndexOf("DISCONNECT"), "drain, then DISCONNECT");
        assertEquals(WsaError.WSAESHUTDOWN, bench.ws.recv(p.accepted(), ByteBuffer.allocate(8), 0).error());
    }

    @Test
    void send_withoutCredit_blocks_untilThePeerReads_whichGrantsCredit() throws Exception {
        bench("irda.baud", "115200");
        IrdaBench.Pair p = bench.connectByService("credit");
        ok(bench.ws.setSockOpt(p.client(), SocketOptions.SO_SNDBUF, 2048));
        int total = 20_000;
        CompletableFuture<WspResult<Integer>> sending =
                CompletableFuture.supplyAsync(() -> bench.ws.send(p.client(), IrdaBench.pattern(0, total), 0));
        bench.clock.awaitWaiters(1, Duration.ofSeconds(10));
        bench.until(() -> bench.clock.nextDeadline() < 0, LONG);
        assertEquals(4, bench.tap.ofKind("DATA").size(), "the initial credit (4) spent, then the sender stops");
        assertTrue(bench.tap.ofKind("CREDIT").isEmpty(), "a receiver that does not read grants nothing");
        assertFalse(sending.isDone(), "send blocks for lack of credit");
        int[] offset = {0};
        bench.until(() -> {
            drain(p.accepted(), offset);
            return sending.isDone() && offset[0] == total;
        }, LONG);
        assertEquals(total, ok(sending.get(10, TimeUnit.SECONDS)));
        assertTrue(bench.tap.ofKind("CREDIT").getFirst().detail().startsWith("credit +"));
    }

    @Test
    void send_nonblocking_withoutCredit_isWouldBlock_thenFdWriteFollowsThePeersRecv() {
        bench("irda.baud", "115200");
        IrdaBench.Pair p = bench.connectByService("fdwrite");
        WspEvent ev = bench.ws.createEvent();
        ok(bench.ws.eventSelect(p.client(), ev, FdEvents.FD_WRITE));
        fill(p.client());
        bench.until(() -> bench.clock.nextDeadline() < 0, LONG);
        ok(bench.ws.enumNetworkEvents(p.client(), ev));
        assertTrue(bench.ws.send(p.client(), IrdaBench.pattern(0, 10), 0).is(WsaError.WSAEWOULDBLOCK));
        int[] offset = {0};
        drain(p.accepted(), offset);
        bench.until(() -> ev.isSet(), LONG);
        NetworkEvents seen = ok(bench.ws.enumNetworkEvents(p.client(), ev));
        assertTrue(seen.has(FdEvents.FD_WRITE), "FD_WRITE after the peer read and granted credit: " + seen);
    }

    @Test
    void link_outOfRangePastItsThreshold_fails_bothSidesSeeWSAECONNRESET() throws Exception {
        bench("irda.baud", "115200", "irda.thresholdMs", "3000");
        IrdaBench.Pair p = bench.connectByService("range");
        List<DeviceInfo> devices = bench.space().localDevices();
        WspEvent ev = bench.ws.createEvent();
        ok(bench.ws.eventSelect(p.accepted(), ev, FdEvents.FD_CLOSE));
        CompletableFuture<WspResult<Integer>> blocked =
                CompletableFuture.supplyAsync(() -> bench.ws.recv(p.client(), ByteBuffer.allocate(16), 0));
        bench.clock.awaitWaiters(1, Duration.ofSeconds(10));
        bench.space().setInRange(devices.get(0).id(), devices.get(1).id(), false);
        bench.advance(Duration.ofMillis(2999));
        assertFalse(blocked.isDone(), "the link survives until its threshold");
        bench.advance(Duration.ofMillis(1));
        assertEquals(WsaError.WSAECONNRESET, blocked.get(10, TimeUnit.SECONDS).error(), "the client's recv");
        assertEquals(WsaError.WSAECONNRESET, bench.ws.recv(p.accepted(), ByteBuffer.allocate(16), 0).error(),
                "the accepted side's recv");
        NetworkEvents seen = ok(bench.ws.enumNetworkEvents(p.accepted(), ev));
        assertEquals(WsaError.WSAECONNRESET, seen.errorOf(FdEvents.FD_CLOSE), "FD_CLOSE carries the reset");
        assertTrue(bench.tap.ofKind("DISCONNECT").getFirst().detail().contains("reason 2"));
        assertTrue(bench.ws.send(p.client(), IrdaBench.pattern(0, 1), 0).is(WsaError.WSAECONNRESET));
    }

    @Test
    void link_backInRangeBeforeItsThreshold_survives_andQueuedFramesArrive() {
        bench("irda.baud", "115200", "irda.thresholdMs", "3000");
        IrdaBench.Pair p = bench.connectByService("blink");
        List<DeviceInfo> devices = bench.space().localDevices();
        bench.space().setInRange(devices.get(0).id(), devices.get(1).id(), false);
        ok(bench.ws.send(p.client(), IrdaBench.pattern(0, 300), 0));
        bench.advance(Duration.ofSeconds(2));
        assertTrue(bench.tap.ofKind("DATA").isEmpty(), "nothing crosses while out of range");
        bench.space().setInRange(devices.get(0).id(), devices.get(1).id(), true);
        int[] offset = {0};
        bench.until(() -> {
            drain(p.accepted(), offset);
            return offset[0] == 300;
        }, LONG);
        assertEquals(300, offset[0]);
    }
}
