package io.jwsp.provider.tcp.tck;

import static io.jwsp.provider.tcp.tck.DuplicateBench.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jwsp.runtime.duplicate.DuplicateInfoCodec;
import io.jwsp.spi.catalog.DuplicateInfo;
import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.testkit.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * WSADuplicateSocket into a second JVM (issue 19's "done when"): the child redeems the protocol info once, sends
 * bytes a plain JDK peer receives, and the original's closesocket, even with linger(1,0), neither disconnects nor
 * resets while the duplicate is open (closesocket seed: only the last reference to the socket closes it; DESIGN.md,
 * Handles); the last close performs its own row of the table.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DuplicateIntoChildJvmTest {
    private static final Duration START = Duration.ofSeconds(60);
    @TempDir
    Path dir;
    private DuplicateBench bench;
    private ServerSocket peers;
    private ServerSocket controls;
    private ChildJvm child;
    private Socket control;
    private BufferedReader replies;
    private PrintWriter commands;
    private long childPid;

    @BeforeEach
    void start() throws Exception {
        bench = new DuplicateBench(dir);
        peers = DuplicateBench.peerListener();
        controls = DuplicateBench.peerListener();
        child = ChildJvm.start(DuplicateTargetMain.class, dir.toString(), Integer.toString(controls.getLocalPort()));
        String ready = child.awaitLine(l -> l.startsWith("READY "), START);
        childPid = Long.parseLong(ready.substring("READY ".length()).trim());
        control = DuplicateBench.accepted(controls);
        replies = new BufferedReader(new InputStreamReader(control.getInputStream(), StandardCharsets.UTF_8));
        commands = new PrintWriter(control.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() throws Exception {
        if (commands != null) {
            commands.println("EXIT");
        }
        if (child != null) {
            child.awaitExit(Duration.ofSeconds(30));
            child.close();
        }
        if (control != null) {
            control.close();
        }
        controls.close();
        peers.close();
        bench.close();
    }

    private String ask(String command) throws IOException {
        commands.println(command);
        String reply = replies.readLine(); // bounded by the control socket's SO_TIMEOUT
        return reply == null ? "(the child closed its control connection; stderr in " + child.stderr() + ")" : reply;
    }

    @Test
    @DisplayName("a tcp socket duplicated into a second JVM sends bytes a peer receives; the original's close (linger(1,0)) ends nothing")
    void theDuplicateInAnotherJvmCarriesTheConnectionAfterTheOriginalCloses() throws Exception {
        try (var c = new DuplicateInboxTest.JwspClient(bench, peers)) {
            ok(bench.ws.setSockOpt(c.handle, SocketOptions.SO_LINGER, Linger.of(0)), "linger(1,0) on the original");
            DuplicateInfo info = ok(bench.ws.duplicateSocket(c.handle, childPid), "WSADuplicateSocket(child)");
            assertEquals("ADOPTED replay=WSAEINVAL", ask("ADOPT " + DuplicateInfoCodec.encodeText(info)),
                    "the child's WSASocket(FROM_PROTOCOL_INFO) succeeds once, and a replay is WSAEINVAL");
            ok(bench.ws.closeSocket(c.handle), "closesocket of the original (linger(1,0))");

            assertEquals("SENT 16", ask("SEND hello from child"), "the duplicate sends after the original closed");
            assertArrayEquals("hello from child".getBytes(StandardCharsets.US_ASCII),
                    c.peer.getInputStream().readNBytes(16), "the peer receives the child's bytes, no FIN or RST before");
            c.peer.getOutputStream().write("pong".getBytes(StandardCharsets.US_ASCII));
            assertEquals("RECEIVED pong", ask("RECV 4"), "the connection is whole in both directions");

            assertEquals("CLOSED", ask("CLOSE"), "closesocket of the duplicate, the last descriptor");
            assertEquals(-1, c.peer.getInputStream().read(),
                    "the last close performs its own row (graceful: a FIN), not the original's linger(1,0)");
        }
    }

    @Test
    @DisplayName("an event-selected original's graceful close sends no FIN; the duplicate's linger(1,0) close, the last, resets")
    void theLastCloseWithLingerZeroResets() throws Exception {
        try (var c = new DuplicateInboxTest.JwspClient(bench, peers)) {
            // registered with the provider's selector: the JDK would shut the output down when closing such a channel
            ok(bench.ws.eventSelect(c.handle, bench.ws.createEvent(), FdEvents.FD_READ | FdEvents.FD_CLOSE),
                    "WSAEventSelect on the original");
            DuplicateInfo info = ok(bench.ws.duplicateSocket(c.handle, childPid), "WSADuplicateSocket(child)");
            assertEquals("ADOPTED replay=WSAEINVAL", ask("ADOPT " + DuplicateInfoCodec.encodeText(info)));
            ok(bench.ws.closeSocket(c.handle), "closesocket of the original (graceful row)");
            assertEquals("SENT 2", ask("SEND ok"), "no FIN went out with the original's close: the duplicate sends");
            assertArrayEquals("ok".getBytes(StandardCharsets.US_ASCII), c.peer.getInputStream().readNBytes(2));
            assertEquals("OK", ask("LINGER0"));
            assertEquals("CLOSED", ask("CLOSE"));
            assertThrows(SocketException.class, () -> c.peer.getInputStream().read(),
                    "linger(1,0) on the last descriptor: the peer's read fails with a reset");
        }
    }
}
