package io.jwsp.provider.irda;

import static io.jwsp.provider.irda.IrdaBench.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.carriage.Carriage;
import io.jwsp.carriage.CarriageListener;
import io.jwsp.carriage.CarriageSettings;
import io.jwsp.provider.irda.handover.HandoverCodec;
import io.jwsp.provider.irda.handover.HandoverCounters;
import io.jwsp.provider.irda.handover.HandoverFrame.Repoint;
import io.jwsp.provider.irda.handover.HandoverFrame.Repointed;
import io.jwsp.provider.irda.handover.HandoverFrame.State;
import io.jwsp.provider.irda.handover.HandoverToken;
import io.jwsp.provider.irda.handover.MovedOptions;
import io.jwsp.provider.irda.medium.DeviceInfo;
import io.jwsp.provider.irda.medium.UdpTransport;
import io.jwsp.provider.irda.stack.ConnectionImage;
import io.jwsp.provider.irda.stack.TtpConnection.Ending;
import io.jwsp.runtime.duplicate.InProcessDuplicates;
import io.jwsp.spi.catalog.DuplicateInfo;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ProviderReserved;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What WSASocket(FROM_PROTOCOL_INFO) and the hand-over frames refuse, with three IrDA runtimes of this JVM on the
 * UDP medium (each its own process as far as the carriage knows): A holds a connection with P, B accepts
 * duplicates. A bad DuplicateInfo is a WsaError (WSAEINVAL), never an exception, and leaves the connection as it
 * was; hand-over frames from a process other than the one each step expects are dropped and counted.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IrdaDuplicateRefusalsTest {
    private static final String KEY = IrdaUdpMediumTest.TEST_KEY;
    private static final int A_DEVICE = 0x1DA0E001;
    private static final int P_DEVICE = 0x1DA0E003;
    private IrdaBench a;
    private IrdaBench b;
    private IrdaBench p;
    private long accepted;
    private long client;

    private static IrdaBench udp(int device, String... more) {
        List<String> s = new ArrayList<>(List.of("irda.udp.bind", "127.0.0.1:0", "irda.device",
                DeviceInfo.hex(device), "irda.baud", "0", "irda.thresholdMs", "3000", "irda.udp.key", KEY));
        s.addAll(List.of(more));
        return IrdaBench.realTime(s.toArray(String[]::new));
    }

    private static UdpTransport transport(IrdaBench bench) {
        return bench.runtime.providerExtension("irda", UdpTransport.class).orElseThrow();
    }

    private static HandoverCounters counters(IrdaBench bench) {
        return bench.runtime.providerExtension("irda", HandoverCounters.class).orElseThrow();
    }

    private static InetSocketAddress address(IrdaBench bench) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), transport(bench).localPort());
    }

    @BeforeEach
    void connect() {
        a = udp(A_DEVICE);
        b = udp(0x1DA0E002, "irda.acceptduplicates", "true");
        p = udp(P_DEVICE, "irda.udp.peer", "127.0.0.1:" + transport(a).localPort());
        long l = a.listener("refusals");
        client = p.socket();
        ok(p.ws.connect(client, IrdaSockAddr.of(A_DEVICE, "refusals")));
        accepted = ok(a.ws.accept(l));
    }

    @AfterEach
    void stop() {
        for (IrdaBench x : new IrdaBench[] {a, b, p}) {
            if (x != null) {
                x.close();
            }
        }
    }

    /** The connection A-P still carries bytes both ways. */
    private void assertConnectionWhole() {
        ok(a.ws.send(accepted, ByteBuffer.wrap(new byte[] {1, 2}), 0));
        ByteBuffer got = ByteBuffer.allocate(2);
        while (got.hasRemaining()) {
            assertTrue(ok(p.ws.recv(client, got, 0)) > 0, "P reads A's bytes");
        }
        ok(p.ws.send(client, ByteBuffer.wrap(new byte[] {3}), 0));
        assertEquals(1, ok(a.ws.recv(accepted, ByteBuffer.allocate(1), 0)), "A reads P's byte");
    }

    private static void awaitCount(LongSupplier counter, long atLeast, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (counter.getAsLong() < atLeast && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertEquals(atLeast, counter.getAsLong(), what);
    }

    private ProtocolInfo irdaEntry() {
        return ok(a.ws.getSockOpt(accepted, SocketOptions.SO_PROTOCOL_INFO));
    }

    private static byte[] randomToken() {
        byte[] t = new byte[HandoverToken.TOKEN_LENGTH];
        new SecureRandom().nextBytes(t);
        return t;
    }

    @Test
    void badInfos_answerWsaeinval_andTheConnectionStaysWhereItWas() {
        long self = InProcessDuplicates.SELF;
        ProtocolInfo entry = irdaEntry();
        ProviderReserved forged = new HandoverToken(randomToken(), A_DEVICE, address(a)).reserved();

        assertEquals(WsaError.WSAEINVAL, b.ws.socket(new DuplicateInfo(entry, self,
                ProviderReserved.of(new byte[32])), 0).error(), "not an IrDA token (another provider's, or none)");
        assertEquals(WsaError.WSAEINVAL, p.ws.socket(new DuplicateInfo(entry, self, forged), 0).error(),
                "a target that does not accept duplicates (irda.acceptduplicates false)");
        assertEquals(WsaError.WSAEINVAL, b.ws.socket(new DuplicateInfo(entry, self, forged), 0).error(),
                "a token its source never issued");
        assertEquals(1, counters(a).refusedTokens(), "the source counted the forged claim");

        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        DuplicateInfo forParent = ok(a.ws.duplicateSocket(accepted, parent));
        assertEquals(WsaError.WSAEINVAL, b.ws.socket(new DuplicateInfo(entry, self, forParent.reserved()), 0)
                .error(), "a token meant for another process");
        assertEquals(2, counters(a).refusedTokens());
        assertEquals(WsaError.WSAEINVAL, a.ws.duplicateSocket(accepted, parent).error(),
                "one hand-over at a time per connection");
        assertEquals(0, counters(b).movedIn());
        assertConnectionWhole();

        assertEquals(WsaError.WSAEINVAL, a.ws.duplicateSocket(ok(a.ws.socket(26, 1, 0)), parent).error(),
                "only an open connection crosses");
        assertEquals(WsaError.WSAEINVAL, a.ws.duplicateSocket(accepted, Long.MAX_VALUE).error(),
                "no such process");
        try (IrdaBench inProcess = new IrdaBench("irda.baud", "0")) {
            IrdaBench.Pair pair = inProcess.connect(inProcess.listener("x"), IrdaSockAddr.of(0x1DA00001, "x"));
            assertEquals(WsaError.WSAEINVAL, inProcess.ws.duplicateSocket(pair.client(), parent).error(),
                    "the in-process medium reaches no other process");
        }
    }

    @Test
    void handoverFrames_fromTheWrongProcess_areDroppedAndCounted() throws Exception {
        InetSocketAddress toA = address(a);
        InetSocketAddress toB = address(b);
        InetSocketAddress toP = address(p);
        ConnectionImage image = new ConnectionImage(P_DEVICE, 1, true, Ending.NONE, 0, 4, 4, 0, false, false,
                List.of(), new byte[0]);
        try (Carriage rogue = Carriage.open("rogue", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                CarriageSettings.of(HexFormat.of().parseHex(KEY), false, Duration.ofSeconds(5)), new Ignore(),
                1 << 20)) {
            // an answer for a hand-over A never started
            rogue.send(toA, HandoverCodec.encode(new Repointed(42, P_DEVICE, 1, A_DEVICE, 1, true)));
            // a connection for a claim B never made
            rogue.send(toB, HandoverCodec.encode(new State(randomToken(), toP, image,
                    new MovedOptions(false, 0, 0, 0, 0, 0))));
            // "move your connection with A": only A may say so
            for (int lsap = 1; lsap <= 0x6F; lsap++) {
                rogue.send(toP, HandoverCodec.encode(new Repoint(7, P_DEVICE, lsap, A_DEVICE, lsap, 0x1DA0E0FF,
                        1, rogue.localAddress())));
            }
            rogue.send(toA, new byte[] {'I', 'H', 1, 9, 0});
            for (InetSocketAddress to : List.of(toA, toB, toP)) {
                assertTrue(rogue.drain(to, Duration.ofSeconds(20)), "delivered to " + to);
            }
        }
        awaitCount(() -> counters(a).wrongPeer(), 1, "A: an answer for no hand-over of its own");
        awaitCount(() -> counters(b).wrongPeer(), 1, "B: a state for no claim");
        awaitCount(() -> counters(p).wrongPeer(), 0x6F, "P: a re-point from a process that is not the other end");
        awaitCount(() -> counters(a).malformed(), 1, "A: a malformed hand-over frame");
        assertConnectionWhole();
    }

    private static final class Ignore implements CarriageListener {
        @Override
        public void frame(InetSocketAddress peer, byte[] frame) {
        }

        @Override
        public void peerLost(InetSocketAddress peer, String why) {
        }
    }
}
