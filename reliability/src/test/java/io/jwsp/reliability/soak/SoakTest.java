package io.jwsp.reliability.soak;

import static io.jwsp.reliability.fixture.RuntimeUnderTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.irda.stack.IrlmpStack;
import io.jwsp.reliability.ProcessFootprint;
import io.jwsp.reliability.fixture.Bounded;
import io.jwsp.reliability.fixture.Medium;
import io.jwsp.reliability.fixture.RuntimeUnderTest;
import io.jwsp.reliability.fixture.WarmUp;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many concurrent connections per provider, each on virtual threads, sending random data with a SHA-256 taken at
 * both ends and ending with one row of the close table (cycled over {@link CloseMode}). The connections are open
 * at the same moment: every client, once connected and acknowledged, waits at a barrier ({@link AllOpen}) until all
 * of them are, and only then sends and closes; the run asserts that the peak of connections open at once is the
 * full count and that the handle table then holds every one of them (2 per connection, plus the listener).
 * Connects are throttled (at most {@value #CONNECTING} in flight, so the listener's backlog never refuses one); the
 * open count is not. Graceful closes lose no byte (the hashes are equal), except ATM, whose RELEASE may overtake the
 * tail (then the receiver holds an intact prefix); hard closes leave an intact prefix and end as the medium
 * documents (TCP/loopback WSAECONNRESET, IrDA a truncated stream then 0, ATM WSAEDISCON). Afterwards the handle
 * table is empty and the process has no more file descriptors or threads than before. (ATM runs as its own test:
 * {@link #required_atm_soak_losesOnlyATailToRelease}.)
 *
 * <p>IrDA cannot carry 1,000 connections between two devices: a client connection holds an IrLMP selector on the
 * device it leaves from until it has ended (LSAP-SEL 0x01..0x6F, 111 per device; accepted connections share their
 * listener's one selector), so one device pair, i.e. one IrLAP link, carries at most 111 at once; the 112th connect
 * is WSAENOBUFS. The IrDA run therefore puts {@code ceil(connections / 111)} client devices in the space next to
 * the listener's (200 connections: 2; 1,000: 10), and the provider starts each connect from a device with a
 * selector free. (The simulated medium gives every device pair its own link; a real IrLAP station holds one link
 * at a time, so a real device serves at most 111 connections at once.)
 *
 * <p>CI runs {@code soak.connections} (200 by default) per provider. The long run:
 * {@code mvn -B -o -pl reliability -am test -Dtest=SoakTest -Dsoak.connections=1000
 * -Dsurefire.failIfNoSpecifiedTests=false} (add {@code -Dsoak.maxBytes=65536} for more data per connection).
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class SoakTest {
    private static final Logger LOG = LoggerFactory.getLogger(SoakTest.class);
    private static final int CONNECTIONS = Integer.getInteger("soak.connections", 200);
    private static final int MAX_BYTES = Integer.getInteger("soak.maxBytes", 16 * 1024);
    private static final long SEED = Long.getLong("soak.seed", 20261123L);
    /** At most this many connects in flight, so a listener's backlog never refuses one. */
    private static final int CONNECTING = 32;
    /** IrLMP selectors one IrDA device has for connections (0x01..0x6F). */
    private static final int IRDA_SELECTORS = IrlmpStack.LAST_LSAP - IrlmpStack.FIRST_LSAP + 1;
    private static final Duration BOUND = Duration.ofSeconds(60 + CONNECTIONS / 5);

    /** What the client sent. */
    record Sent(int id, CloseMode mode, byte[] payload, String sha256) { }

    /** What the server read: bytes, their hash, and how the stream ended (0 bytes with no error: end of stream). */
    record Read(int id, long bytes, String sha256, int endBytes, WsaError endError, byte[] data) { }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Medium.class, names = {"LOOPBACK", "TCP", "IRDA"})
    void required_soak_gracefulClosesLoseNoByte_hardClosesAreResets(Medium medium) {
        soak(medium);
    }

    /**
     * ATM may lose the tail of a connection to its RELEASE (documented: RELEASE travels on the signalling path and may
     * overtake cells still on their way), never a PDU at the start or in the middle. Under load it once did (issue #9:
     * "bytes 0..2764 were skipped, then the stream went on", 2 to 11 connections of 1,000): with
     * {@code atm.timing=immediate} the switch's zero-delay paths handed each cell on by itself, so two threads could
     * deliver cells of one VC at once and a later PDU (then the RELEASE) overtook an earlier one. The paths are FIFO
     * now (provider-atm {@code DelayLine}; replayed deterministically in {@code AtmCellOrderTest}).
     */
    @Test
    void required_atm_soak_losesOnlyATailToRelease() {
        soak(Medium.ATM);
    }

    private static void soak(Medium medium) {
        WarmUp.once(medium);
        sha256(new byte[1], 1); // the first digest opens /dev/random and /dev/urandom for the JVM's lifetime
        ProcessFootprint before = ProcessFootprint.capture();
        Tally tally = new Tally();
        long started = System.nanoTime();
        List<Sent> sent = new ArrayList<>();
        Map<Integer, Read> read = new ConcurrentHashMap<>();
        long[] atOnce = new long[2]; // connections and handles open when the last client arrived
        try (RuntimeUnderTest rt = new RuntimeUnderTest(medium, settingsFor(medium))) {
            long listener = rt.listener(CONNECTING * 2);
            SockAddr to = rt.nameOf(listener);
            Queue<Bounded<Read>> servers = new ConcurrentLinkedQueue<>();
            Bounded<Integer> acceptor = Bounded.start("acceptor", () -> {
                for (int i = 0; i < CONNECTIONS; i++) {
                    long h = rt.track(ok(rt.ws.accept(listener), "accept #" + i));
                    servers.add(Bounded.start("server " + i, () -> serve(rt, h, read, tally)));
                }
                return CONNECTIONS;
            });
            Semaphore connecting = new Semaphore(CONNECTING);
            AllOpen allOpen = new AllOpen(CONNECTIONS, rt.runtime::openHandles);
            List<Bounded<Sent>> clients = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                int id = i;
                clients.add(Bounded.start("client " + i, () -> client(rt, to, id, connecting, allOpen, tally)));
            }
            long deadline = System.nanoTime() + BOUND.toNanos();
            sent.addAll(joinAll(clients, deadline));
            assertEquals(CONNECTIONS, allOpen.peak(), "connections open at the same moment");
            assertEquals(2L * CONNECTIONS + 1, allOpen.handlesWhenAllOpen(),
                    "handles open when every connection was: a client and an accepted socket each, and the listener");
            atOnce[0] = allOpen.peak();
            atOnce[1] = allOpen.handlesWhenAllOpen();
            assertEquals(CONNECTIONS, acceptor.join(left(deadline)), "connections accepted");
            for (Bounded<Read> s : servers) {
                s.join(left(deadline));
            }
            ok(rt.ws.closeSocket(listener), "close the listener");
            rt.finish(); // every handle the soak made is gone: the table is empty
        }
        List<String> wrong = new ArrayList<>();
        for (Sent s : sent) {
            String problem = judge(medium, s, read.get(s.id()), tally, sent);
            if (problem != null) {
                wrong.add("#" + s.id() + " " + s.mode() + ": " + problem);
            }
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        LOG.info("soak {}: {} connections in {} ms, {} open at once ({} handles); {}", medium, CONNECTIONS, ms,
                atOnce[0], atOnce[1], tally);
        assertTrue(wrong.isEmpty(), () -> wrong.size() + " of " + CONNECTIONS + " connections on " + medium
                + " went wrong, for instance\n  " + String.join("\n  ", wrong.subList(0, Math.min(10, wrong.size()))));
        String left = ProcessFootprint.awaitNothingLeftSince(before, Duration.ofSeconds(20));
        assertTrue(left.isEmpty(), () -> medium + " soak left behind " + left);
    }

    /**
     * IrDA: one client device per 111 connections (the selectors of one device), next to the listener's, so that
     * every connection can be open at once.
     */
    private static Map<String, String> settingsFor(Medium medium) {
        if (medium != Medium.IRDA) {
            return Map.of();
        }
        int clientDevices = (CONNECTIONS + IRDA_SELECTORS - 1) / IRDA_SELECTORS;
        return Map.of("irda.devices", Integer.toString(1 + clientDevices));
    }

    /**
     * Every client's result. When one fails before all are open the others are released with a failure of their
     * own; the one reported is the first that is not such a consequence.
     */
    private static List<Sent> joinAll(List<Bounded<Sent>> clients, long deadline) {
        List<Sent> out = new ArrayList<>();
        AssertionError first = null;
        for (Bounded<Sent> c : clients) {
            try {
                out.add(c.join(left(deadline)));
            } catch (AssertionError e) {
                if (first == null || (AllOpen.isConsequence(first) && !AllOpen.isConsequence(e))) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return out;
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }

    /**
     * One client: connect, say who it is, wait for the server's ack, wait until every client is there, send the
     * payload, close in its mode.
     */
    private static Sent client(RuntimeUnderTest rt, SockAddr to, int id, Semaphore connecting, AllOpen allOpen,
                               Tally tally) throws InterruptedException, TimeoutException {
        SplittableRandom random = new SplittableRandom(SEED * 31 + id);
        CloseMode mode = CloseMode.values()[id % CloseMode.values().length];
        byte[] payload = new byte[1 + random.nextInt(MAX_BYTES)];
        random.nextBytes(payload);
        long c;
        try {
            // The permit is held until the server acks, i.e. until the connection has left the listener's backlog.
            connecting.acquire();
            try {
                c = rt.open();
                ok(rt.ws.connect(c, to), "connect #" + id);
                sendAll(rt, c, ByteBuffer.allocate(4).putInt(0, id), id);
                ByteBuffer ack = ByteBuffer.allocate(1);
                assertEquals(1, ok(rt.ws.recv(c, ack, 0), "ack #" + id), "the server's ack");
            } finally {
                connecting.release();
            }
        } catch (Throwable t) {
            allOpen.giveUp();
            throw t;
        }
        allOpen.arriveAndAwait(id, BOUND);
        int chunk = rt.medium.chunk();
        for (int at = 0; at < payload.length; ) {
            int n = Math.min(payload.length - at, 1 + random.nextInt(chunk));
            sendAll(rt, c, ByteBuffer.wrap(payload, at, n), id);
            at += n;
        }
        close(rt, c, mode, id, tally);
        allOpen.closed();
        tally.connections.get(mode).increment();
        tally.sent.get(mode).add(payload.length);
        return new Sent(id, mode, payload, sha256(payload, payload.length));
    }

    private static void sendAll(RuntimeUnderTest rt, long s, ByteBuffer b, int id) {
        while (b.hasRemaining()) {
            int n = ok(rt.ws.send(s, b, 0), "send #" + id);
            assertTrue(n > 0, "send answered " + n);
        }
    }

    private static void close(RuntimeUnderTest rt, long c, CloseMode mode, int id, Tally tally) {
        String what = "close #" + id + " (" + mode + ")";
        switch (mode) {
            case DEFAULT -> ok(rt.ws.closeSocket(c), what);
            case LINGER_ZERO -> {
                ok(rt.ws.setSockOpt(c, SocketOptions.SO_LINGER, new Linger(true, 0)), "linger(1,0)");
                ok(rt.ws.closeSocket(c), what);
            }
            case LINGER_N -> {
                // 30 s on a clock nobody advances: the close can only return because the data was delivered.
                ok(rt.ws.setSockOpt(c, SocketOptions.SO_LINGER, new Linger(true, 30)), "linger(1,30)");
                ok(rt.ws.closeSocket(c), what);
            }
            case SHUTDOWN_THEN_CLOSE -> {
                WspResult<Void> r = rt.ws.shutdown(c, ShutdownHow.SD_SEND);
                if (r.isOk()) {
                    // Wait for the server's own close: it reads to our end first, so every byte has arrived.
                    ByteBuffer b = ByteBuffer.allocate(16);
                    WspResult<Integer> end = rt.ws.recv(c, b, 0);
                    assertTrue(end.isFailed() || end.value() == 0, "after shutdown, recv answered " + end);
                } else {
                    // IrDA/ATM have no half-close of their own; what they answer is checked, then a plain close.
                    assertTrue(r.is(WsaError.WSAEOPNOTSUPP) || r.is(WsaError.WSAEINVAL),
                            "shutdown(SD_SEND) answered " + r.error());
                    tally.shutdownRefused.increment();
                }
                ok(rt.ws.closeSocket(c), what);
            }
            case NONBLOCKING_LINGER_RETRY -> {
                ok(rt.ws.setSockOpt(c, SocketOptions.SO_LINGER, new Linger(true, 30)), "linger(1,30)");
                ok(rt.ws.ioctl(c, IoControls.FIONBIO, true), "FIONBIO");
                long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                long backOff = 50_000;
                while (true) {
                    WspResult<Void> r = rt.ws.closeSocket(c);
                    if (r.isOk()) {
                        break;
                    }
                    assertEquals(WsaError.WSAEWOULDBLOCK, r.error(), what);
                    tally.wouldBlock.increment();
                    // The handle stays valid and nothing was initiated: the socket still answers as itself.
                    ok(rt.ws.getSockOpt(c, SocketOptions.SO_LINGER), "getsockopt after WSAEWOULDBLOCK");
                    assertTrue(System.nanoTime() < end, what + " answered WSAEWOULDBLOCK for 30 s");
                    // No event says "the queue has drained", so the application polls. It must give up its carrier
                    // while it does: a Thread.yield() loop on hundreds of virtual threads kept both carriers busy
                    // and starved the one virtual thread that held the TCP poller's selector (wakeup's monitor),
                    // so no data moved for 30 s (TCP, 200 connections, soak.maxBytes=262144).
                    LockSupport.parkNanos(backOff);
                    backOff = Math.min(backOff * 2, 5_000_000);
                }
            }
        }
        assertEquals(WsaError.WSAENOTSOCK, rt.ws.closeSocket(c).error(), "a second " + what);
    }

    /** One server: read the client's id, ack it, read to the end with a running hash, then close. */
    private static Read serve(RuntimeUnderTest rt, long h, Map<Integer, Read> read, Tally tally) {
        ByteBuffer header = ByteBuffer.allocate(4);
        while (header.hasRemaining()) {
            int n = ok(rt.ws.recv(h, header, 0), "recv header");
            assertTrue(n > 0, "the stream ended inside the header");
        }
        int id = header.getInt(0);
        tally.peakOpen.accumulateAndGet(rt.runtime.openHandles(), Math::max);
        sendAll(rt, h, ByteBuffer.wrap(new byte[] {1}), id);
        MessageDigest digest = sha256();
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream(); // kept to explain a mismatch
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        long total = 0;
        Read r;
        while (true) {
            b.clear();
            WspResult<Integer> got = rt.ws.recv(h, b, 0);
            if (got.isOk() && got.value() > 0) {
                digest.update(b.array(), 0, got.value());
                data.write(b.array(), 0, got.value());
                total += got.value();
                continue;
            }
            r = new Read(id, total, HexFormat.of().formatHex(digest.digest()), got.isOk() ? got.value() : -1,
                    got.error(), data.toByteArray());
            break;
        }
        read.put(id, r);
        ok(rt.ws.closeSocket(h), "server close #" + id);
        return r;
    }

    /** Whether what the server read fits how the client closed; {@code null} when it does. */
    private static String judge(Medium medium, Sent s, Read r, Tally tally, List<Sent> all) {
        if (r == null) {
            return "the server never read this connection";
        }
        tally.received.get(s.mode()).add(r.bytes());
        if (r.bytes() > s.payload().length) {
            return "read " + r.bytes() + " bytes of " + s.payload().length + " sent";
        }
        if (!r.sha256().equals(sha256(s.payload(), (int) r.bytes()))) {
            return "the " + r.bytes() + " bytes read differ from the first bytes sent (SHA-256): "
                    + Mismatch.explain(s.payload(), r.data(), all.stream().map(Sent::payload).toList());
        }
        Medium.PeerEnd expected = s.mode().graceful ? medium.gracefulEnd() : medium.hardEnd();
        if (!expected.matches(r.endBytes(), r.endError())) {
            return "the stream ended with " + (r.endError() != null ? r.endError() : r.endBytes() + " bytes")
                    + ", expected " + expected;
        }
        if (s.mode().graceful && r.bytes() < s.payload().length) {
            if (!medium.closeMayOvertakeData()) {
                return "a graceful close lost " + (s.payload().length - r.bytes()) + " of " + s.payload().length
                        + " bytes";
            }
            tally.tailLost.increment();
        }
        return null;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] data, int length) {
        MessageDigest d = sha256();
        d.update(data, 0, length);
        return HexFormat.of().formatHex(d.digest());
    }
}
