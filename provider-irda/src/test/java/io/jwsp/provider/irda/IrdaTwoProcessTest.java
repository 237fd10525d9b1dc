package io.jwsp.provider.irda;

import static io.jwsp.provider.irda.IrdaBench.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.carriage.Carriage;
import io.jwsp.carriage.CarriageListener;
import io.jwsp.carriage.CarriageSettings;
import io.jwsp.carriage.CarriageStatistics;
import io.jwsp.provider.irda.medium.DeviceInfo;
import io.jwsp.provider.irda.medium.FrameCodec;
import io.jwsp.provider.irda.medium.IrSpace;
import io.jwsp.provider.irda.medium.LmpFrame;
import io.jwsp.provider.irda.medium.UdpTransport;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.testkit.ChildJvm;
import io.jwsp.testkit.DatagramFuzzer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * IrDA between two JVMs over the authenticated UDP carriage: what another local process can do to a live
 * connection (inject, send malformed frames) changes nothing, and a killed peer ends the connection on the other
 * side with WSAECONNRESET within IrLAP's disconnect threshold (IrLAP 6.13.4: the link is dropped when the
 * threshold timer expires; IrLMP then reports reason 2, unexpected IrLAP disconnect).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IrdaTwoProcessTest {
    static final String KEY = IrdaUdpMediumTest.TEST_KEY;
    private static final int LISTENER = 0x1DA0C001;
    private static final int SENDER = 0x1DA0C002;
    private static final int THRESHOLD_MS = 1000;
    /** Above the threshold: the keepalive's tick, a JVM on a shared machine, and the socket's wake-up. */
    private static final long MARGIN_MS = 2000;
    private static final Duration START = Duration.ofSeconds(40);
    private IrdaBench bench;
    private ChildJvm child;

    @AfterEach
    void stop() throws InterruptedException {
        if (child != null) {
            child.close();
        }
        if (bench != null) {
            bench.close();
        }
    }

    private int listenHere() {
        bench = IrdaBench.realTime("irda.udp.bind", "127.0.0.1:0", "irda.device", DeviceInfo.hex(LISTENER),
                "irda.baud", "0", "irda.thresholdMs", Integer.toString(THRESHOLD_MS), "irda.udp.key", KEY);
        return transport().localPort();
    }

    private UdpTransport transport() {
        return bench.runtime.providerExtension("irda", UdpTransport.class).orElseThrow();
    }

    private ChildJvm sender(int listenerPort, long bytes) throws Exception {
        return ChildJvm.start(IrdaPeerMain.class, "send", "127.0.0.1:0", "127.0.0.1:" + listenerPort,
                DeviceInfo.hex(SENDER), DeviceInfo.hex(LISTENER), "jwsp-test", Long.toString(bytes),
                Integer.toString(THRESHOLD_MS), KEY);
    }

    /** Listens here, starts the other process sending {@code bytes} (-1: until an error), accepts its connection. */
    private long acceptFrom(int port, long bytes) throws Exception {
        long l = bench.listener("jwsp-test");
        child = sender(port, bytes);
        return CompletableFuture.supplyAsync(() -> ok(bench.ws.accept(l))).get(40, TimeUnit.SECONDS);
    }

    /** Reads a connection to its end on a thread of its own; {@code gate} holds it after {@code firstBytes}. */
    private record Reading(CompletableFuture<String> result) {
        static Reading start(IrdaBench b, long s, long firstBytes, CountDownLatch gate) {
            return new Reading(CompletableFuture.supplyAsync(() -> {
                try {
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    long n = 0;
                    while (true) {
                        if (n >= firstBytes && !gate.await(60, TimeUnit.SECONDS)) {
                            return "gate never opened";
                        }
                        ByteBuffer buf = ByteBuffer.allocate(8192);
                        WspResult<Integer> r = b.ws.recv(s, buf, 0);
                        if (!r.isOk()) {
                            return n + " " + HexFormat.of().formatHex(sha.digest()) + " " + r.error().name();
                        }
                        if (r.value() == 0) {
                            return n + " " + HexFormat.of().formatHex(sha.digest()) + " EOF";
                        }
                        sha.update(buf.array(), 0, r.value());
                        n += r.value();
                    }
                } catch (Exception e) {
                    return e.toString();
                }
            }));
        }
    }

    @Test
    void forgedAndMalformedDatagrams_fromAnotherProcess_leaveTheTransferWhole() throws Exception {
        int port = listenHere();
        long s = acceptFrom(port, 300_000);
        CountDownLatch attacked = new CountDownLatch(1);
        Reading reading = Reading.start(bench, s, 50_000, attacked);

        int sent = 0;
        try (DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            for (int lsap = 0; lsap < 128; lsap++) {
                // the attack: DATA with the sender's device id as its source, for every selector pair
                byte[] data = IrdaDatagrams.of(new LmpFrame(SENDER, LISTENER, LmpFrame.Kind.DATA, lsap, lsap, 1,
                        new byte[8]));
                attacker.send(new DatagramPacket(data, data.length, to));
                sent++;
            }
            // the short XID and 1-byte IAS request, as IrLAP bytes: an XID cut after 8 octets, an IAS
            // GetValueByClass whose only octet is the class name's length
            byte[] xid = IrdaDatagrams.of(new LmpFrame(SENDER, IrSpace.BROADCAST, LmpFrame.Kind.XID_CMD, 0, 0, 0,
                    FrameCodec.encodeDevice(DeviceInfo.computer(SENDER, "x"))));
            byte[] shortXid = Arrays.copyOf(xid, IrdaDatagrams.SRC_OFFSET + 8 + 2 + 8);
            ByteBuffer.wrap(shortXid).putShort(IrdaDatagrams.SRC_OFFSET + 8, (short) 8);
            byte[] shortIas = IrdaDatagrams.of(new LmpFrame(SENDER, LISTENER, LmpFrame.Kind.IAS_REQUEST, 1, 0, 1,
                    new byte[1]));
            for (byte[] d : new byte[][] {shortXid, shortIas, new byte[0], new byte[] {'J', 'C', 1, 3}}) {
                attacker.send(new DatagramPacket(d, d.length, to));
                sent++;
            }
        }
        awaitRefused(sent);
        attacked.countDown();

        String childSaid = child.awaitLine(x -> x.startsWith("sent "), START);
        String[] c = childSaid.split(" ");
        String got = reading.result().get(40, TimeUnit.SECONDS);
        assertEquals("300000 " + c[2] + " EOF", got, "every byte the other process sent, nothing else, then EOF");
        assertEquals("0", c[3], "the sender's close");
        assertTrue(transport().statistics().refused() >= sent, "every forged datagram refused and counted: "
                + transport().statistics());
    }

    @Test
    void fuzz_100000DatagramsWithoutTheKey_and20000MalformedFramesWithIt_duringATransfer() throws Exception {
        int port = listenHere();
        long s = acceptFrom(port, 1_000_000);
        CountDownLatch fuzzed = new CountDownLatch(1);
        Reading reading = Reading.start(bench, s, 100_000, fuzzed);
        InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);

        // the keyed frames come from the fuzzer's own device: it cannot speak for another (FrameCodec.decode
        // refuses an XID whose device is not the datagram's source)
        byte[] data = IrdaDatagrams.of(new LmpFrame(FUZZER, LISTENER, LmpFrame.Kind.DATA, 1, 1, 1, new byte[64]));
        byte[] xid = IrdaDatagrams.of(new LmpFrame(FUZZER, IrSpace.BROADCAST, LmpFrame.Kind.XID_CMD, 0, 0, 0,
                FrameCodec.encodeDevice(DeviceInfo.computer(FUZZER, "x"))));
        byte[] ias = IrdaDatagrams.of(new LmpFrame(FUZZER, LISTENER, LmpFrame.Kind.IAS_REQUEST, 1, 0, 1,
                new byte[] {3, 'a', 'b', 'c', 1, 'd'}));
        List<byte[]> frames = List.of(data, xid, ias);
        List<byte[]> templates = new ArrayList<>(frames);
        for (byte[] f : frames) {
            // an envelope around a frame, as a capture would show one, with a tag made without the key
            ByteBuffer e = ByteBuffer.allocate(36 + f.length + 16).put(new byte[] {'J', 'C', 1, 3});
            e.putLong(7).putLong(9).putLong(1).putLong(0).put(f).put(new byte[16]);
            templates.add(e.array());
        }
        long refusedBefore = transport().statistics().refused();
        int raw = new DatagramFuzzer(1, templates).send(List.of(target), 100_000, 2000,
                () -> transport().statistics().refused());

        // a process that holds the key sends malformed frames: they are dropped above the carriage
        DatagramFuzzer mutate = new DatagramFuzzer(2, frames);
        try (Carriage keyed = Carriage.open("fuzzer", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                CarriageSettings.of(HexFormat.of().parseHex(KEY), false, Duration.ofSeconds(5)), new Ignore(),
                1 << 20)) {
            for (int i = 0; i < 20_000; i++) {
                byte[] f = mutate.next(i);
                if (f.length >= IrdaDatagrams.SRC_OFFSET + 4) {
                    ByteBuffer.wrap(f).putInt(IrdaDatagrams.SRC_OFFSET, FUZZER); // mutation may have changed it
                }
                keyed.send(target, f);
                if (i % 1000 == 999) {
                    assertTrue(keyed.drain(target, Duration.ofSeconds(20)), "the listener takes them");
                }
            }
            assertTrue(keyed.drain(target, Duration.ofSeconds(20)));
        }
        fuzzed.countDown();

        String[] c = child.awaitLine(x -> x.startsWith("sent "), START).split(" ");
        String got = reading.result().get(60, TimeUnit.SECONDS);
        assertEquals("1000000 " + c[2] + " EOF", got, "the transfer's SHA-256 is unchanged");
        CarriageStatistics st = transport().statistics();
        System.out.println("irda fuzz: " + raw + " datagrams without the key, " + (st.refused() - refusedBefore)
                + " refused and counted; 20000 keyed malformed frames, " + transport().framesMalformed()
                + " did not decode; " + st);
        assertTrue(st.refused() - refusedBefore >= raw * 95L / 100, "refused and counted: " + st);
    }

    private static final int FUZZER = 0x1DA0F022;

    /** A carriage listener that wants nothing. */
    private static final class Ignore implements CarriageListener {
        @Override
        public void frame(InetSocketAddress peer, byte[] frame) {
        }

        @Override
        public void peerLost(InetSocketAddress peer, String why) {
        }
    }

    private void awaitRefused(long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (transport().statistics().refused() < atLeast && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5); // polls a counter, up to the deadline
        }
        CarriageStatistics st = transport().statistics();
        assertTrue(st.refused() >= atLeast, "refused " + st);
    }

    @Test
    void killedSender_theListenerSeesWsaeconnreset_withinTheThreshold() throws Exception {
        int port = listenHere();
        long s = acceptFrom(port, -1);
        CountDownLatch open = new CountDownLatch(0);
        ByteBuffer first = ByteBuffer.allocate(4096);
        assertTrue(ok(bench.ws.recv(s, first, 0)) > 0, "data flows");
        Reading reading = Reading.start(bench, s, 0, open);

        long killedAt = System.nanoTime();
        child.kill();
        String end = reading.result().get(THRESHOLD_MS + MARGIN_MS + 10_000, TimeUnit.MILLISECONDS);
        long tookMs = (System.nanoTime() - killedAt) / 1_000_000;
        assertTrue(end.endsWith(WsaError.WSAECONNRESET.name()), "the listener's recv ends with a reset: " + end);
        assertTrue(tookMs <= THRESHOLD_MS + MARGIN_MS, "noticed in " + tookMs + " ms");
        System.out.println("irda: killed sender noticed by the listener in " + tookMs + " ms");
        assertTrue(transport().statistics().peersLost() >= 1, "the peer is counted lost");
    }

    @Test
    void killedListener_theSenderSeesWsaeconnreset_withinTheThreshold() throws Exception {
        bench = IrdaBench.realTime("irda.udp.bind", "127.0.0.1:0", "irda.device", DeviceInfo.hex(SENDER),
                "irda.baud", "0", "irda.thresholdMs", Integer.toString(THRESHOLD_MS), "irda.udp.key", KEY);
        int myPort = transport().localPort();
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int childPort = probe.getLocalPort();
            probe.close();
            child = ChildJvm.start(IrdaPeerMain.class, "listen", "127.0.0.1:" + childPort, DeviceInfo.hex(LISTENER),
                    "jwsp-test", Integer.toString(THRESHOLD_MS), KEY);
            child.awaitLine("ready"::equals, START);
            bench.close();
            bench = IrdaBench.realTime("irda.udp.bind", "127.0.0.1:" + myPort, "irda.udp.peer",
                    "127.0.0.1:" + childPort, "irda.device", DeviceInfo.hex(SENDER), "irda.baud", "0",
                    "irda.thresholdMs", Integer.toString(THRESHOLD_MS), "irda.udp.key", KEY);
        }
        long s = bench.socket();
        ok(bench.ws.connect(s, IrdaSockAddr.of(LISTENER, "jwsp-test")));
        child.awaitLine("accepted"::equals, START);
        CountDownLatch flowing = new CountDownLatch(1);
        CompletableFuture<WsaError> sending = CompletableFuture.supplyAsync(() -> {
            for (int off = 0; ; off += 4096) {
                WspResult<Integer> r = bench.ws.send(s, IrdaBench.pattern(off, 4096), 0);
                if (!r.isOk()) {
                    return r.error();
                }
                if (off >= 64 * 4096) {
                    flowing.countDown();
                }
            }
        });
        assertTrue(flowing.await(30, TimeUnit.SECONDS), "256 KB crossed to the other process");
        long killedAt = System.nanoTime();
        child.kill();
        WsaError end = sending.get(THRESHOLD_MS + MARGIN_MS + 10_000, TimeUnit.MILLISECONDS);
        long tookMs = (System.nanoTime() - killedAt) / 1_000_000;
        assertEquals(WsaError.WSAECONNRESET, end, "the sender's send fails with a reset");
        assertTrue(tookMs <= THRESHOLD_MS + MARGIN_MS, "noticed in " + tookMs + " ms");
        System.out.println("irda: killed listener noticed by the sender in " + tookMs + " ms");
        assertFalse(sending.isCompletedExceptionally());
    }
}
