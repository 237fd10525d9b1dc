package io.jwsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code jwsp listen} and {@code jwsp send} against each other, each with its own runtime as two processes would
 * be: over tcp on 127.0.0.1 (loopback is private to one runtime). The listener binds port 0; the test reads the
 * port from its "listening on" line, so nothing races.
 */
@Timeout(60)
class SendListenTest {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    /** A listen command on its own thread, and the address it reported. */
    private record Listener(CompletableFuture<CliRun> run, int port) {
    }

    private static Listener listen() throws InterruptedException {
        CountDownLatch bound = new CountDownLatch(1);
        StringBuilder errText = new StringBuilder();
        Writer err = new Writer() {
            @Override
            public synchronized void write(char[] c, int off, int len) {
                errText.append(c, off, len);
                if (LISTENING.matcher(errText).find()) {
                    bound.countDown();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        StringWriter out = new StringWriter();
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> {
            int code = Main.run(new String[] {"listen", "--provider", "tcp", "--bind", "127.0.0.1:0"},
                    new PrintWriter(out), new PrintWriter(err));
            return new CliRun(code, out.toString(), errText.toString());
        });
        assertTrue(bound.await(30, TimeUnit.SECONDS), "the listener never reported its address: " + errText);
        Matcher m = LISTENING.matcher(errText);
        assertTrue(m.find());
        return new Listener(run, Integer.parseInt(m.group(1)));
    }

    @Test
    void defaultClose_listenerGetsEveryByte_thenEof_sameSha256() throws Exception {
        Listener l = listen();
        CliRun send = CliRun.of("send", "--provider", "tcp", "--to", "127.0.0.1:" + l.port(), "--bytes", "300000");
        CliRun got = l.run().get(30, TimeUnit.SECONDS);
        assertEquals(ExitCode.OK, send.exit(), send.err());
        assertEquals(ExitCode.OK, got.exit(), got.err());
        Map<String, Object> s = JsonReader.object(send.out());
        Map<String, Object> g = JsonReader.object(got.out());
        assertEquals(300000L, s.get("sent"));
        assertEquals(0L, s.get("close"));
        assertTrue(s.get("closeMillis") instanceof Long);
        assertEquals(300000L, g.get("bytes"));
        assertEquals("EOF", g.get("end"));
        assertEquals(s.get("sha256"), g.get("sha256"), "what arrived is what was sent");
    }

    @Test
    void lingerZero_listenerSeesWSAECONNRESET() throws Exception {
        Listener l = listen();
        CliRun send = CliRun.of("send", "--provider", "tcp", "--to", "127.0.0.1:" + l.port(), "--bytes", "1000",
                "--linger", "on:0");
        CliRun got = l.run().get(30, TimeUnit.SECONDS);
        assertEquals(ExitCode.OK, send.exit(), send.err());
        assertEquals(0L, JsonReader.object(send.out()).get("close"));
        assertEquals("WSAECONNRESET", JsonReader.object(got.out()).get("end"));
    }

    @Test
    void shutdownSend_thenClose_listenerSeesEof() throws Exception {
        Listener l = listen();
        CliRun send = CliRun.of("send", "--provider", "tcp", "--to", "127.0.0.1:" + l.port(), "--bytes", "5000",
                "--shutdown", "send", "--linger", "on:1");
        CliRun got = l.run().get(30, TimeUnit.SECONDS);
        assertEquals(ExitCode.OK, send.exit(), send.err());
        Map<String, Object> g = JsonReader.object(got.out());
        assertEquals(5000L, g.get("bytes"));
        assertEquals("EOF", g.get("end"));
    }

    @Test
    void nonblockingClose_reportsItsOutcome_andTheHandleIsClosedEitherWay() throws Exception {
        Listener l = listen();
        CliRun send = CliRun.of("send", "--provider", "tcp", "--to", "127.0.0.1:" + l.port(), "--bytes", "2000",
                "--linger", "on:5", "--nonblocking");
        CliRun got = l.run().get(30, TimeUnit.SECONDS);
        assertEquals(ExitCode.OK, send.exit(), send.err());
        Map<String, Object> s = JsonReader.object(send.out());
        // With the listener reading, the kernel may already have everything acknowledged (close 0), or not
        // (WSAEWOULDBLOCK, then the zero-linger retry): both are the table's answers; the retry must succeed.
        if (Boolean.TRUE.equals(s.get("wouldBlock"))) {
            assertEquals("WSAEWOULDBLOCK", s.get("close"));
            assertEquals(0L, s.get("secondClose"));
        } else {
            assertEquals(0L, s.get("close"));
        }
        assertTrue(Duration.ofMillis((Long) s.get("closeMillis")).toSeconds() < 5, "a nonblocking close never lingers");
        assertTrue(JsonReader.object(got.out()).containsKey("end"));
    }
}
