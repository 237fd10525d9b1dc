package io.jwsp.provider.irda;

import static io.jwsp.provider.irda.IrdaBench.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.irda.medium.DeviceInfo;
import io.jwsp.provider.irda.medium.UdpTransport;
import io.jwsp.spi.result.WspResult;
import io.jwsp.testkit.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * WSADuplicateSocket of an IrDA connection into another process (issue 19), three JVMs: this one is the peer P; A
 * (a listener process) accepts P's connection and duplicates it into B (a worker process), which carries it on after
 * A closed its handle and exited. A transfer runs both ways across the hand-over, with bytes in flight and bytes
 * received but unread at A when it happens; SHA-256 shows nothing lost, doubled or reordered. Only the last close
 * (B's, graceful) ends the connection: P reads every byte, then 0 (docs/design.md, close table; IrDA: no reset).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IrdaDuplicateIntoProcessTest {
    private static final String KEY = IrdaUdpMediumTest.TEST_KEY;
    private static final int A_DEVICE = 0x1DA0D001;
    private static final int B_DEVICE = 0x1DA0D002;
    private static final int P_DEVICE = 0x1DA0D003;
    private static final String THRESHOLD_MS = "3000";
    private static final Duration START = Duration.ofSeconds(60);
    /** P's stream to A, then B; A reads the first FIRST bytes of it. */
    private static final int STREAM = 256 * 1024;
    private static final int FIRST = 4096;
    /** A's bytes to P before the hand-over: more than P's credit lets through while P does not read. */
    private static final int FROM_A = 12_000;
    private static final int FROM_B = 40_000;

    private Child a;
    private Child b;
    private IrdaBench p;

    /** A child process and its control connection: one command line, one answer line. */
    private static final class Child implements AutoCloseable {
        final ChildJvm jvm;
        final ServerSocket controls;
        long pid;
        int udpPort;
        Socket control;
        BufferedReader replies;
        PrintWriter commands;

        /** Starts the process; {@link #connect} waits for it (start both first: the JVMs come up side by side). */
        Child(int device, boolean acceptDuplicates) throws Exception {
            controls = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            controls.setSoTimeout((int) START.toMillis());
            jvm = ChildJvm.start(IrdaHandoverMain.class, DeviceInfo.hex(device), THRESHOLD_MS, KEY,
                    Boolean.toString(acceptDuplicates), Integer.toString(controls.getLocalPort()));
        }

        Child connect() throws Exception {
            String[] ready = jvm.awaitLine(l -> l.startsWith("READY "), START).trim().split(" ");
            pid = Long.parseLong(ready[1]);
            udpPort = Integer.parseInt(ready[2]);
            control = controls.accept();
            control.setSoTimeout((int) START.toMillis());
            replies = new BufferedReader(new InputStreamReader(control.getInputStream(), StandardCharsets.UTF_8));
            commands = new PrintWriter(control.getOutputStream(), true, StandardCharsets.UTF_8);
            return this;
        }

        String ask(String command) throws IOException {
            commands.println(command);
            String reply = replies.readLine(); // bounded by the control socket's SO_TIMEOUT
            return reply == null ? "(no answer; stderr in " + jvm.stderr() + ")" : reply;
        }

        @Override
        public void close() throws Exception {
            if (control != null) {
                control.close();
            }
            controls.close();
            jvm.close();
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {a, b, p}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static String sha(int offset, int length) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(IrdaBench.pattern(offset, length));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Reads exactly {@code n} bytes on P: "n sha", or what ended the stream first. */
    private static String readOnP(IrdaBench bench, long s, int n) throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(n);
        while (buf.hasRemaining()) {
            WspResult<Integer> r = bench.ws.recv(s, buf, 0);
            if (!r.isOk() || r.value() == 0) {
                return (r.isOk() ? "EOF" : r.error().name()) + " after " + buf.position();
            }
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(buf.array());
        return n + " " + HexFormat.of().formatHex(sha.digest());
    }

    @Test
    @DisplayName("a listener process hands an accepted IrDA connection to a worker process and exits; the transfer goes on whole")
    void theConnectionMovesToTheWorker_andOutlivesTheListenerProcess() throws Exception {
        a = new Child(A_DEVICE, false);
        b = new Child(B_DEVICE, true);
        a.connect();
        b.connect();
        p = IrdaBench.realTime("irda.udp.bind", "127.0.0.1:0", "irda.udp.peer", "127.0.0.1:" + a.udpPort,
                "irda.device", DeviceInfo.hex(P_DEVICE), "irda.baud", "0", "irda.thresholdMs", THRESHOLD_MS,
                "irda.udp.key", KEY);
        assertEquals("LISTENING", a.ask("LISTEN worker-demo"));
        long s = p.socket();
        ok(p.ws.connect(s, IrdaSockAddr.of(A_DEVICE, "worker-demo")));
        assertEquals("ACCEPTED", a.ask("ACCEPT"));

        // P sends its whole stream on a thread of its own: TinyTP's credit holds it back whenever nobody reads
        CompletableFuture<String> sending = CompletableFuture.supplyAsync(() -> {
            ByteBuffer all = IrdaBench.pattern(0, STREAM);
            while (all.hasRemaining()) {
                WspResult<Integer> r = p.ws.send(s, all, 0);
                if (!r.isOk()) {
                    return r.error().name() + " after " + all.position();
                }
            }
            return "sent " + STREAM;
        });
        assertEquals("RECEIVED " + FIRST + " " + sha(0, FIRST), a.ask("RECV " + FIRST), "A reads the stream's head");
        assertEquals("SENT " + FROM_A, a.ask("SEND 0 " + FROM_A), "A's bytes, partly still queued at A");

        // P's credit at A is 4 frames of 2045 bytes, so of A's 12,000 at least 3,820 are still queued at A; and P's
        // stream fills A's receive queue as far as A's credit goes
        String unread = a.ask("UNREAD");
        assertTrue(unread.startsWith("UNREAD ") && Integer.parseInt(unread.substring(7)) > 0,
                "bytes received but unread at A when it duplicates: " + unread);
        String info = a.ask("DUP " + b.pid);
        assertEquals("INFO ", info.substring(0, Math.min(5, info.length())), "WSADuplicateSocket(B): " + info);
        assertEquals("OK", a.ask("LINGER0"));
        assertEquals("CLOSED", a.ask("CLOSE"),
                "A closes its handle before B's WSASocket, with linger(1,0): not the last handle, nothing ends");
        assertEquals("ADOPTED replay=WSAEINVAL", b.ask("ADOPT " + info.substring(5)),
                "B's WSASocket(FROM_PROTOCOL_INFO) succeeds once; the same info again is WSAEINVAL");
        assertEquals("BYE", a.ask("EXIT"));
        assertEquals(0, a.jvm.awaitExit(START), "A exits (its WSACleanup lets the hand-over finish first)");

        assertEquals("RECEIVED " + (STREAM - FIRST) + " " + sha(FIRST, STREAM - FIRST),
                b.ask("RECV " + (STREAM - FIRST)),
                "B reads the rest of P's stream: what A had received but not read, what was in flight, what came after");
        assertEquals("sent " + STREAM, sending.get(60, TimeUnit.SECONDS));
        CompletableFuture<String> reading = CompletableFuture.supplyAsync(() -> {
            try {
                return readOnP(p, s, FROM_A + FROM_B);
            } catch (Exception e) {
                return e.toString();
            }
        });
        assertEquals("SENT " + FROM_B, b.ask("SEND " + FROM_A + " " + FROM_B), "B sends, A long gone");
        assertEquals((FROM_A + FROM_B) + " " + sha(0, FROM_A + FROM_B), reading.get(60, TimeUnit.SECONDS),
                "P reads A's bytes (those A still held went on from B), then B's, in order, once each");

        assertEquals("CLOSED", b.ask("CLOSE"), "the last close anywhere: B's, graceful");
        assertEquals(WspResult.ok(0), p.ws.recv(s, ByteBuffer.allocate(16), 0),
                "the graceful row on IrDA: DISCONNECT(1) behind the data, so P reads 0 (no reset)");
        assertEquals("BYE", b.ask("EXIT"));
    }
}
