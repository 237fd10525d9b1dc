package io.jwsp.layer.trace;

import static io.jwsp.layer.support.Session.bytes;
import static io.jwsp.layer.support.Session.recv;
import static io.jwsp.layer.support.Session.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.layer.fake.FakeStreamProvider;
import io.jwsp.layer.support.CapturingLogger;
import io.jwsp.layer.support.Session;
import io.jwsp.layer.support.TestContext;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TraceLayerTest {
    private final VirtualClock clock = new VirtualClock();
    private final FakeStreamProvider base = new FakeStreamProvider(clock);
    private final CapturingLogger log = new CapturingLogger(true);

    private WspProvider traced(Map<String, String> settings) {
        return Session.chain(TestContext.of(clock, settings), base, new TraceLayer(log));
    }

    private String lineOf(String socketAndCall) {
        return log.lines().stream().filter(l -> l.startsWith("DEBUG " + socketAndCall)).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + socketAndCall + " in " + log.lines()));
    }

    @Test
    void trace_writesOneDebugLinePerCall_withSocketCallArgumentsResultAndTime() {
        WspProvider p = traced(Map.of());
        WspSocket listener = Session.listener(p, FakeStreamProvider.ENTRY);
        WspSocket[] pair = Session.connect(p, FakeStreamProvider.ENTRY, listener);
        send(pair[0], "hello").orElseThrow();
        assertEquals("hello", recv(pair[1], 16).orElseThrow());
        pair[0].setSockOpt(SocketOptions.SO_LINGER, Linger.of(0)).orElseThrow();
        pair[0].closeSocket().orElseThrow();
        assertTrue(recv(pair[1], 16).is(WsaError.WSAECONNRESET));

        assertEquals("DEBUG provider socket(entry=1001 fake stream af=AF_INET type=SOCK_STREAM protocol=0 flags=0x0)"
                + " -> s1 in 0ns", lineOf("provider socket"));
        assertEquals("DEBUG s1 bind(name=127.0.0.1:0) -> ok in 0ns", lineOf("s1 bind"));
        assertEquals("DEBUG s2 connect(name=127.0.0.1:40000) -> ok in 0ns", lineOf("s2 connect"));
        assertEquals("DEBUG s1 accept() -> peer=127.0.0.1:40001 socket=s3 in 0ns", lineOf("s1 accept"));
        assertEquals("DEBUG s2 send(len=5 flags=0x0) -> 5 in 0ns", lineOf("s2 send"));
        assertEquals("DEBUG s3 recv(room=16 flags=0x0) -> 5 in 0ns", lineOf("s3 recv"));
        assertEquals("DEBUG s2 setSockOpt(SO_LINGER=linger(1,0)) -> ok in 0ns", lineOf("s2 setSockOpt"));
        assertEquals("DEBUG s2 closeSocket() -> ok in 0ns", lineOf("s2 closeSocket"));
        assertEquals("DEBUG s3 recv(room=16 flags=0x0) -> WSAECONNRESET (10054) in 0ns",
                log.lines().getLast());
        assertTrue(log.lines().stream().noneMatch(l -> l.contains("\n") || l.contains("payload=")));
    }

    @Test
    void trace_timeTaken_isOnTheRuntimesClock_soALingerWaitShowsItsSeconds() throws Exception {
        WspProvider p = traced(Map.of());
        WspSocket listener = Session.listener(p, FakeStreamProvider.ENTRY);
        WspSocket[] pair = Session.connect(p, FakeStreamProvider.ENTRY, listener);
        pair[0].setSockOpt(SocketOptions.SO_LINGER, Linger.of(3)).orElseThrow();
        send(pair[0], "never read").orElseThrow();
        CompletableFuture<WspResult<Void>> close = CompletableFuture.supplyAsync(pair[0]::closeSocket);
        clock.awaitWaiters(1, Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(3));
        assertTrue(close.get(5, TimeUnit.SECONDS).isOk());
        assertEquals("DEBUG s2 closeSocket() -> ok in 3.000s", lineOf("s2 closeSocket"));
    }

    @Test
    void payloadSwitch_addsTheBytesInHex_forSendAndRecv() {
        WspProvider p = traced(Map.of("trace.payload", "true"));
        WspSocket listener = Session.listener(p, FakeStreamProvider.ENTRY);
        WspSocket[] pair = Session.connect(p, FakeStreamProvider.ENTRY, listener);
        send(pair[0], "hello").orElseThrow();
        recv(pair[1], 16).orElseThrow();
        assertEquals("DEBUG s2 send(len=5 flags=0x0) -> 5 in 0ns payload=68656c6c6f", lineOf("s2 send"));
        assertEquals("DEBUG s3 recv(room=16 flags=0x0) -> 5 in 0ns payload=68656c6c6f", lineOf("s3 recv"));
    }

    @Test
    void payloadSwitch_isBounded_andSaysWhenItCut() {
        WspProvider p = traced(Map.of("payload", "true", "payloadLimit", "4"));
        WspSocket listener = Session.listener(p, FakeStreamProvider.ENTRY);
        WspSocket[] pair = Session.connect(p, FakeStreamProvider.ENTRY, listener);
        pair[0].send(new java.nio.ByteBuffer[] {bytes("hel")[0], bytes("lo")[0]}, 0, null).orElseThrow();
        assertEquals("DEBUG s2 send(len=5 flags=0x0) -> 5 in 0ns payload=68656c6c…", lineOf("s2 send"));
    }

    @Test
    void debugOff_writesNothing_andTheCallsStillPassDown() {
        CapturingLogger quiet = new CapturingLogger(false);
        WspProvider p = Session.chain(TestContext.of(clock), base, new TraceLayer(quiet));
        WspSocket listener = Session.listener(p, FakeStreamProvider.ENTRY);
        WspSocket[] pair = Session.connect(p, FakeStreamProvider.ENTRY, listener);
        send(pair[0], "x").orElseThrow();
        assertEquals("x", recv(pair[1], 4).orElseThrow());
        assertEquals(List.of(), quiet.lines());
    }

    @Test
    void failures_showTheWsaSymbolAndNumber() {
        WspProvider p = traced(Map.of());
        WspSocket s = Session.stream(p, FakeStreamProvider.ENTRY);
        assertTrue(s.listen(1).is(WsaError.WSAEINVAL));
        assertFalse(s.connect(io.jwsp.spi.addr.InetSockAddr.loopback4(1)).isOk());
        assertEquals("DEBUG s1 listen(backlog=1) -> WSAEINVAL (10022) in 0ns", lineOf("s1 listen"));
        assertEquals("DEBUG s1 connect(name=127.0.0.1:1) -> WSAECONNREFUSED (10061) in 0ns", lineOf("s1 connect"));
    }
}
