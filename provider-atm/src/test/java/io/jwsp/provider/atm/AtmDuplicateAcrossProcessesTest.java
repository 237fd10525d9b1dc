package io.jwsp.provider.atm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.carriage.Carriage;
import io.jwsp.carriage.CarriageListener;
import io.jwsp.carriage.CarriageSettings;
import io.jwsp.provider.atm.sw.HandOverMessage;
import io.jwsp.provider.atm.sw.SwitchStatistics;
import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.Winsock;
import io.jwsp.runtime.duplicate.DuplicateInfoCodec;
import io.jwsp.spi.catalog.DuplicateInfo;
import io.jwsp.spi.catalog.ProviderReserved;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.testkit.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * WSADuplicateSocket of an ATM socket into another process through the switch (issue 19): this JVM hosts the switch
 * and is the far end R (listening on @0.1); child A calls R and hands its VC to child B, both attached to the switch
 * over the authenticated carriage and driven by {@link AtmDupPeerMain}'s line protocol. WSADuplicateSocket's page: the
 * target's WSASocket(FROM_PROTOCOL_INFO) makes a descriptor of the same connection; closesocket's page: only the
 * last close of a connection closes it (README, "Handing a socket to another process", for what ATM does).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AtmDuplicateAcrossProcessesTest {
    private static final String KEY = AtmUdpTransportTest.TEST_KEY;
    private static final String KEEPALIVE_MS = "2000";
    private static final Duration START = Duration.ofSeconds(60);
    /** PDUs R sends before A hands its VC over; A reads the first {@link #READ_BY_A}, the rest wait unread. */
    private static final int BEFORE = 300;
    private static final int READ_BY_A = 100;
    /** The most PDUs R sends in all (it stops sooner, once B has the VC). */
    private static final int CAP = 4000;
    private JwspRuntime runtime;
    private Winsock ws;
    private long listener;
    private ServerSocket controls;
    private String sig;
    private String cells;
    private Peer a;
    private Peer b;

    /** A child process and its control connection. */
    private record Peer(ChildJvm jvm, Socket control, BufferedReader in, PrintWriter out, long pid) {
        String ask(String command) throws IOException {
            out.println(command);
            String reply = in.readLine(); // bounded by the control socket's SO_TIMEOUT
            return reply == null ? "(the child closed its control connection; stderr in " + jvm.stderr() + ")"
                    : reply;
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (Peer p : new Peer[] {a, b}) {
            if (p != null) {
                p.control.close();
                p.jvm.close();
            }
        }
        if (controls != null) {
            controls.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    private void start(String ttlMillisOfA) throws Exception {
        try (DatagramSocket x = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             DatagramSocket y = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            sig = "127.0.0.1:" + x.getLocalPort();
            cells = "127.0.0.1:" + y.getLocalPort();
        }
        runtime = AtmPeerMain.runtime("switch", sig, cells, KEEPALIVE_MS, KEY);
        ws = runtime.winsock();
        listener = AtmPeerMain.socket(ws);
        ws.bind(listener, AtmPeerMain.sap()).value();
        ws.listen(listener, 4).value();
        controls = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        controls.setSoTimeout((int) START.toMillis());
        String port = Integer.toString(controls.getLocalPort());
        ChildJvm ja = ChildJvm.start(AtmDupPeerMain.class, sig, cells, KEEPALIVE_MS, KEY, port, "false", ttlMillisOfA);
        ChildJvm jb = ChildJvm.start(AtmDupPeerMain.class, sig, cells, KEEPALIVE_MS, KEY, port, "true", "30000");
        Peer first = accept(ja, jb);
        Peer second = accept(ja, jb);
        a = first.jvm == ja ? first : second;
        b = first.jvm == jb ? first : second;
    }

    /** The next control connection, whichever child it is (its READY line says whether it takes duplicates). */
    private Peer accept(ChildJvm ja, ChildJvm jb) throws IOException {
        Socket c = controls.accept();
        c.setSoTimeout(60_000);
        BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(c.getOutputStream(), true, StandardCharsets.UTF_8);
        String ready = in.readLine();
        assertTrue(ready != null && ready.startsWith("READY "), "a child's first line: " + ready);
        String[] w = ready.split(" ");
        return new Peer(w[2].equals("true") ? jb : ja, c, in, out, Long.parseLong(w[1]));
    }

    /** A calls R: R's end of the call. */
    private long connectA() throws Exception {
        CompletableFuture<Long> accepted = CompletableFuture.supplyAsync(() -> ws.accept(listener).value());
        assertEquals("CONNECTED", a.ask("CONNECT"));
        long r = accepted.get(30, TimeUnit.SECONDS);
        ws.setSockOpt(r, SocketOptions.SO_RCVBUF, 64 << 20).value();
        return r;
    }

    private SwitchStatistics switchStatistics() {
        return runtime.providerExtension("atm", AtmNetwork.class).orElseThrow().statistics().orElseThrow();
    }

    @Test
    void theVcMovesToTheTargetProcess_nothingLostOrDoubled_andOutlivesTheSourceProcess() throws Exception {
        start("30000");
        long r = connectA();
        CountDownLatch sentBefore = new CountDownLatch(1);
        CountDownLatch handing = new CountDownLatch(1);
        CountDownLatch adopted = new CountDownLatch(1);
        // R's stream to the VC: BEFORE PDUs, then (once A starts handing over) on until B has the VC
        CompletableFuture<Integer> rSends = CompletableFuture.supplyAsync(() -> {
            for (int i = 0; i < CAP; i++) {
                if (i == BEFORE) {
                    sentBefore.countDown();
                    await(handing);
                } else if (i > BEFORE && adopted.getCount() == 0) {
                    return i;
                }
                assertEquals(PduStream.pdu(i).length, ws.send(r, ByteBuffer.wrap(PduStream.pdu(i)), 0).value());
            }
            return CAP;
        });
        CompletableFuture<String> rReads = CompletableFuture.supplyAsync(() -> PduStream.receive(ws, r, 400, 0));

        assertEquals("RECEIVED " + READ_BY_A + " " + PduStream.digest(0, READ_BY_A),
                a.ask("RECV " + READ_BY_A + " 0"), "A reads the first PDUs itself");
        assertEquals("SENT 200", a.ask("SEND 200 0"), "A's last data, some of it still in its adapter");
        assertTrue(sentBefore.await(30, TimeUnit.SECONDS));
        handing.countDown(); // R's cells are on their way while the VC moves
        String info = a.ask("DUP " + b.pid);
        assertTrue(info.startsWith("INFO "), info);
        assertEquals("ADOPTED", b.ask("ADOPT " + info.substring(5)), "B's WSASocket(FROM_PROTOCOL_INFO)");
        adopted.countDown();
        int sent = rSends.get(60, TimeUnit.SECONDS);
        assertTrue(sent > BEFORE, "R sent across the hand-over: " + sent);

        assertEquals("ERROR WSAESHUTDOWN", a.ask("SEND 1 999"), "the original no longer sends: the VC moved");
        assertEquals("CLOSED 0", a.ask("CLOSE"), "the original's closesocket");
        assertEquals("BYE", a.ask("EXIT"), "A cleans up (DETACH from the switch) and exits");
        assertEquals(0, a.jvm.awaitExit(Duration.ofSeconds(30)));

        // with A gone: every PDU R sent after A's reads, in order, once, and B's own reach R behind A's
        assertEquals("RECEIVED " + (sent - READ_BY_A) + " " + PduStream.digest(READ_BY_A, sent - READ_BY_A),
                b.ask("RECV " + (sent - READ_BY_A) + " " + READ_BY_A), "unread, held and in-flight PDUs, once each");
        assertEquals("SENT 200", b.ask("SEND 200 200"));
        assertEquals("RECEIVED 400 " + PduStream.digest(0, 400), rReads.get(60, TimeUnit.SECONDS),
                "A's last data, then B's, in order");
        assertEquals(1, switchStatistics().handOvers());

        assertEquals("CLOSED 0", b.ask("CLOSE"), "the last close of the VC");
        ws.setSockOpt(r, SocketOptions.SO_RCVTIMEO, 30_000).value();
        WspResult<Integer> end = ws.recv(r, ByteBuffer.allocate(100), 0);
        assertEquals(WsaError.WSAEDISCON, end.isOk() ? null : end.error(), "B's close released the VC (cause 16)");
        System.out.println("atm dup: " + sent + " PDUs from R, " + (sent - READ_BY_A) + " read by B after A exited; "
                + switchStatistics());
    }

    @Test
    void badInfos_andHandOverMessagesFromTheWrongPort_areRefusedAndCounted() throws Exception {
        start("30000");
        long r1 = connectA();
        long before = switchStatistics().handOversRefused();
        assertEquals("ERROR WSAEINVAL", a.ask("DUP " + ProcessHandle.current().pid()),
                "the switch host does not take duplicates (atm.acceptDuplicates unset)");
        assertEquals("ERROR WSAEINVAL", a.ask("DUP " + Integer.MAX_VALUE), "no such process on the switch");
        assertEquals("SENT 1", a.ask("SEND 1 0"), "a refused hand-over leaves the socket as it was");
        assertEquals("RECEIVED 1 " + PduStream.digest(0, 1), PduStream.receive(ws, r1, 1, 0));

        String text = a.ask("DUP " + b.pid).substring(5);
        DuplicateInfo info = DuplicateInfoCodec.decodeText(text).value();
        byte[] reserved = info.reserved().bytes();
        byte[] token = Arrays.copyOfRange(reserved, 8, 8 + HandOverMessage.TOKEN);
        assertTrue(claimFromAnotherPort(token), "a keyed process that is not the target is refused");

        byte[] forgedBytes = reserved.clone();
        forgedBytes[reserved.length - 1] ^= 1;
        assertEquals("ERROR WSAEINVAL", b.ask("ADOPT " + with(info, forgedBytes)), "a forged token");
        assertEquals("ERROR WSAEINVAL", b.ask("ADOPT " + with(info, new byte[reserved.length])), "another provider's");
        assertEquals("ADOPTED", b.ask("ADOPT " + text), "the token was not spent by the refusals");
        assertEquals("ERROR WSAEINVAL", b.ask("ADOPT " + text), "a replay");

        // HOLD twice without a target, the wrong port's CLAIM, the forged CLAIM, the replay (an expired token:
        // AtmHandOverInProcessTest, on a virtual clock)
        assertEquals(5, switchStatistics().handOversRefused() - before, "refused and counted");
        assertEquals("SENT 1", b.ask("SEND 1 1"), "the adopted VC works");
        assertEquals("RECEIVED 1 " + PduStream.digest(1, 1), PduStream.receive(ws, r1, 1, 1));
    }

    private static String with(DuplicateInfo info, byte[] reserved) {
        return DuplicateInfoCodec.encodeText(new DuplicateInfo(info.info(), info.processId(),
                ProviderReserved.of(reserved)));
    }

    /**
     * A process with the key attaches a port of its own (the short ATTACH, no pid) and claims {@code token}: the
     * switch answers REFUSED; answers whether it did within the wait.
     */
    private boolean claimFromAnotherPort(byte[] token) throws Exception {
        CountDownLatch assigned = new CountDownLatch(1);
        CountDownLatch refused = new CountDownLatch(1);
        CarriageListener l = new CarriageListener() {
            @Override
            public void frame(InetSocketAddress peer, byte[] d) {
                if (d.length > 1 && d[0] == 0 && d[1] == 'K') {
                    assigned.countDown();
                } else if (d.length > 1 && d[0] == 0 && d[1] == 'N') {
                    refused.countDown();
                }
            }

            @Override
            public void peerLost(InetSocketAddress peer, String why) {
            }
        };
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.parseInt(sig.substring(sig.indexOf(':') + 1)));
        try (Carriage c = Carriage.open("claimer", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                CarriageSettings.of(HexFormat.of().parseHex(KEY), false, Duration.ofSeconds(5)), l, 1 << 16)) {
            c.send(to, new byte[] {0, 'A', 0x10, 0x00});
            assertTrue(assigned.await(20, TimeUnit.SECONDS), "attached");
            c.send(to, new HandOverMessage.Claim(token).encode());
            return refused.await(20, TimeUnit.SECONDS);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(60, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
