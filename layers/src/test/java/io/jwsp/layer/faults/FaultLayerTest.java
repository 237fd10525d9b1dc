package io.jwsp.layer.faults;

import static io.jwsp.layer.support.Session.recv;
import static io.jwsp.layer.support.Session.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.layer.fake.FakeStreamProvider;
import io.jwsp.layer.faults.StreamApps.Outcome;
import io.jwsp.layer.support.Session;
import io.jwsp.layer.support.TestContext;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An application's error paths, driven through the fault layer over a fake base. */
class FaultLayerTest {
    private final VirtualClock clock = new VirtualClock();

    private WspProvider chain(FaultLayer layer) {
        return chain(layer, Map.of());
    }

    private WspProvider chain(FaultLayer layer, Map<String, String> settings) {
        return Session.chain(TestContext.of(clock, settings), new FakeStreamProvider(clock), layer);
    }

    /** [client, server] over a fresh listener: the listener is socket 1, the client 2, the accepted socket 3. */
    private static WspSocket[] pair(WspProvider p) {
        return Session.connect(p, FakeStreamProvider.ENTRY, Session.listener(p, FakeStreamProvider.ENTRY));
    }

    private static void serve(WspSocket server, int chunks, int size) {
        for (int i = 0; i < chunks; i++) {
            server.send(new ByteBuffer[] {ByteBuffer.allocate(size)}, 0, null).orElseThrow();
        }
        server.closeSocket().orElseThrow();
    }

    @Test
    void netDownMidStream_theDownloadLoopReportsTheFailure_withTheBytesItHad() {
        FaultLayer faults = new FaultLayer(FaultPlan.on("recv").onCreated().after(3).fail(WsaError.WSAENETDOWN));
        WspSocket[] s = pair(chain(faults));
        serve(s[1], 10, 100);

        Outcome o = StreamApps.download(s[0], 100);

        assertEquals(new Outcome(300, WsaError.WSAENETDOWN, false), o);
        assertEquals(List.of(new FaultEvent(2, "recv", 4, 0, new FaultAction.Fail(WsaError.WSAENETDOWN))),
                faults.fired());
    }

    @Test
    void withoutFaults_theSameDownloadCompletes() {
        WspSocket[] s = pair(chain(new FaultLayer(FaultPlan.none())));
        serve(s[1], 10, 100);
        assertEquals(new Outcome(1000, null, true), StreamApps.download(s[0], 100));
    }

    @Test
    void resetAtClose_thePeerSeesAResetInsteadOfTheOrderlyEnd_andTheClosingSideSucceeds() {
        FaultLayer faults = new FaultLayer(FaultPlan.on("closeSocket").onCreated().reset());
        WspSocket[] s = pair(chain(faults));

        Outcome up = StreamApps.upload(s[0], 3, 50);
        Outcome down = StreamApps.receiveUpload(s[1], 64);

        assertTrue(up.completed(), "close answered " + up.error());
        assertEquals(WsaError.WSAECONNRESET, down.error());
        assertEquals(1, faults.fired().size());
    }

    @Test
    void resetMidStream_answersConnReset_fromThenOn_andThePeerSeesTheReset() {
        FaultLayer faults = new FaultLayer(FaultPlan.on("recv").onAccepted().afterBytes(10).reset());
        WspSocket[] s = pair(chain(faults));
        send(s[0], "0123456789").orElseThrow();
        assertEquals("0123456789", recv(s[1], 10).orElseThrow());
        send(s[0], "more").orElseThrow();

        assertTrue(recv(s[1], 10).is(WsaError.WSAECONNRESET));
        assertTrue(send(s[1], "late").is(WsaError.WSAECONNRESET));
        assertTrue(s[1].getPeerName().is(WsaError.WSAECONNRESET));
        assertTrue(recv(s[0], 10).is(WsaError.WSAECONNRESET), "the peer sees the abortive close");
        assertTrue(s[1].closeSocket().isOk());
    }

    @Test
    void delayedConnect_waitsOnTheVirtualClock_thenPassesDown() throws Exception {
        FaultLayer faults = new FaultLayer(FaultPlan.on("connect").delay(Duration.ofSeconds(5)));
        WspProvider p = chain(faults);
        WspSocket listener = Session.listener(p, FakeStreamProvider.ENTRY);
        WspSocket client = Session.stream(p, FakeStreamProvider.ENTRY);
        var to = listener.getSockName().orElseThrow();

        CompletableFuture<WspResult<Void>> connect = CompletableFuture.supplyAsync(() -> client.connect(to));
        clock.awaitWaiters(1, Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(4));
        assertFalse(connect.isDone());
        clock.advance(Duration.ofSeconds(1));

        assertTrue(connect.get(5, TimeUnit.SECONDS).isOk());
        assertEquals(Duration.ofSeconds(5).toNanos(), clock.nanoTime());
        assertTrue(listener.accept(null).isOk());
    }

    @Test
    void droppedSend_isDetectedByTheReceiversChecksum() {
        FaultLayer faults = new FaultLayer(FaultPlan.on("send").onCreated().nth(2).drop());
        WspSocket[] s = pair(chain(faults));

        Outcome up = StreamApps.upload(s[0], 4, 32);
        Outcome down = StreamApps.receiveUpload(s[1], 64);

        assertEquals(new Outcome(4 * 32 + 8, null, true), up, "the sender saw every send succeed");
        assertEquals(new Outcome(3 * 32 + 8, null, false), down);
    }

    @Test
    void droppedRecv_isDetectedByTheReceiversChecksum_tooAndNothingElseIsLost() {
        FaultLayer faults = new FaultLayer(FaultPlan.on("recv").onAccepted().nth(1).drop());
        WspSocket[] s = pair(chain(faults));

        StreamApps.upload(s[0], 4, 32);
        Outcome down = StreamApps.receiveUpload(s[1], 40);

        assertEquals(new Outcome(4 * 32 + 8 - 40, null, false), down);
    }

    @Test
    void withoutFaults_theUploadArrivesIntact() {
        WspSocket[] s = pair(chain(new FaultLayer(FaultPlan.none())));
        StreamApps.upload(s[0], 4, 32);
        assertEquals(new Outcome(4 * 32 + 8, null, true), StreamApps.receiveUpload(s[1], 64));
    }

    /** Which of 40 sends failed, under a plan that fails each with probability 0.3. */
    private List<Boolean> failedSends(long seed, List<FaultEvent> firedOut) {
        FaultLayer faults = new FaultLayer(FaultPlan.on("send").withProbability(0.3).fail(WsaError.WSAENOBUFS)
                .seed(seed));
        WspSocket[] s = pair(chain(faults));
        List<Boolean> failed = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            WspResult<Integer> r = send(s[0], "x");
            failed.add(r.is(WsaError.WSAENOBUFS));
        }
        firedOut.addAll(faults.fired());
        return failed;
    }

    @Test
    void sameSeed_givesTheSameFaultSequence_anotherSeedAnother() {
        List<FaultEvent> first = new ArrayList<>();
        List<FaultEvent> second = new ArrayList<>();
        List<Boolean> a = failedSends(42, first);
        List<Boolean> b = failedSends(42, second);
        List<Boolean> c = failedSends(43, new ArrayList<>());

        assertEquals(a, b);
        assertEquals(first, second);
        assertNotEquals(a, c);
        assertTrue(a.contains(true) && a.contains(false), a.toString());
    }

    @Test
    void providerCalls_canFailToo_nthSocketAnswersTheChosenError() {
        WspProvider p = chain(new FaultLayer(FaultPlan.on("socket").nth(2).fail(WsaError.WSAEMFILE)));
        assertTrue(Session.stream(p, FakeStreamProvider.ENTRY) != null);
        assertTrue(p.socket(FakeStreamProvider.ENTRY, 2, 1, 0, 0).is(WsaError.WSAEMFILE));
        assertTrue(p.socket(FakeStreamProvider.ENTRY, 2, 1, 0, 0).isOk());
    }

    @Test
    void armAndDisarm_changeThePlanForTheNextCalls_withFreshCounts() {
        FaultLayer faults = new FaultLayer(FaultPlan.none());
        WspSocket[] s = pair(chain(faults));
        assertTrue(send(s[0], "a").isOk());
        faults.arm(FaultPlan.on("send").nth(2).fail(WsaError.WSAENETRESET));
        assertTrue(send(s[0], "b").isOk());
        assertTrue(send(s[0], "c").is(WsaError.WSAENETRESET));
        faults.disarm();
        assertTrue(send(s[0], "d").isOk());
    }

    @Test
    void settingsPlan_isReadByTheServiceLoaderInstance() {
        WspProvider p = chain(new FaultLayer(), Map.of("faults.plan", "send socket 2 nth 1 fail WSAEHOSTUNREACH"));
        WspSocket[] s = pair(p);
        assertTrue(send(s[0], "a").is(WsaError.WSAEHOSTUNREACH));
        assertTrue(send(s[0], "a").isOk());
        assertTrue(send(s[1], "a").isOk());
    }

    @Test
    void planText_readsEveryConditionAndAction() {
        FaultPlan plan = FaultPlan.parse(
                "recv after 3 fail WSAENETDOWN; send,sendTo p 0.5 times 2 drop; connect delay 500ms;"
                        + " closeSocket bytes 100 reset; recv nth 2 fail 10054");
        List<FaultRule> r = plan.rules();
        assertEquals(5, r.size());
        assertEquals(3, r.get(0).skip());
        assertEquals(new FaultAction.Fail(WsaError.WSAENETDOWN), r.get(0).action());
        assertEquals(java.util.Set.of("send", "sendTo"), r.get(1).calls());
        assertEquals(0.5, r.get(1).probability());
        assertEquals(2, r.get(1).times());
        assertEquals(new FaultAction.Drop(), r.get(1).action());
        assertEquals(new FaultAction.Delay(Duration.ofMillis(500)), r.get(2).action());
        assertEquals(100, r.get(3).afterBytes());
        assertEquals(new FaultAction.Reset(), r.get(3).action());
        assertEquals(1, r.get(4).skip());
        assertEquals(1, r.get(4).times());
        assertEquals(new FaultAction.Fail(WsaError.WSAECONNRESET), r.get(4).action());
    }

    @Test
    void planText_saysWhatIsWrong() {
        var e = assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("recv after 3"));
        assertTrue(e.getMessage().contains("no action"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("recv fail WSAENOPE"));
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("recv delay 5"));
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.on("recv").withProbability(2).drop());
    }
}
