package io.jwsp.bridge.jvmwide;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.spi.SelectorProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JDK's HTTP stack, unchanged ({@link HttpServer} and {@link HttpClient} in one JVM), with jwsp as the JVM-wide
 * SelectorProvider. Runs only in the surefire executions that start the JVM with
 * {@code -Djava.nio.channels.spi.SelectorProvider=io.jwsp.bridge.jvmwide.JvmWideSelectorProvider} (one over the
 * loopback provider, one over tcp); the default execution leaves it out.
 */
class JdkHttpOverJvmWideProviderTest {
    private static final int CONCURRENT = 16;
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static HttpServer server;
    private static ExecutorService handlers;
    private static HttpClient client;
    private static final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(SelectorProvider.provider() instanceof JvmWideSelectorProvider,
                "needs -Djava.nio.channels.spi.SelectorProvider=" + JvmWideSelectorProvider.class.getName());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/get", ex -> reply(ex, "hello".getBytes()));
        server.createContext("/echo", ex -> reply(ex, readAll(ex.getRequestBody())));
        server.createContext("/chunked", ex -> {
            ex.sendResponseHeaders(200, 0); // length 0: chunked
            try (OutputStream out = ex.getResponseBody()) {
                byte[] block = pattern(64 * 1024);
                for (int i = 0; i < 32; i++) {
                    out.write(block);
                }
            }
        });
        server.createContext("/port", ex -> {
            clientPorts.add(ex.getRemoteAddress().getPort());
            reply(ex, "ok".getBytes());
        });
        handlers = Executors.newFixedThreadPool(4);
        server.setExecutor(handlers);
        server.start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(BOUND).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            client.close();
            server.stop(0);
            handlers.shutdownNow();
        }
    }

    private static void reply(HttpExchange ex, byte[] body) throws IOException {
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 1);
        }
        return b;
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(BOUND);
    }

    @Test
    void theServerIsOnTheKernelOnlyOverTcp() throws IOException {
        String provider = ((JvmWideSelectorProvider) SelectorProvider.provider()).settings().provider();
        boolean onKernel = kernelListens(server.getAddress().getPort());
        assertEquals("tcp".equals(provider), onKernel, "a kernel listener on the server's port, over " + provider);
    }

    /** Whether /proc/net/tcp or tcp6 lists a socket in LISTEN (state 0A) on {@code port}. */
    private static boolean kernelListens(int port) throws IOException {
        String hexPort = String.format(":%04X ", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (Files.isReadable(p)) {
                for (String line : Files.readAllLines(p)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && (f[1] + " ").endsWith(hexPort) && f[3].equals("0A")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Test
    void get() throws Exception {
        HttpResponse<String> r = client.send(request("/get").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("hello", r.body());
    }

    @Test
    void postOf200KbIsEchoed() throws Exception {
        byte[] body = pattern(200 * 1024);
        HttpResponse<byte[]> r = client.send(request("/echo").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertArrayEquals(body, r.body());
    }

    @Test
    void twoMegabytesChunked() throws Exception {
        HttpResponse<byte[]> r = client.send(request("/chunked").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("transfer-encoding").orElse("").contains("chunked"));
        assertEquals(2 * 1024 * 1024, r.body().length);
        byte[] block = pattern(64 * 1024);
        for (int i = 0; i < 32; i++) {
            assertArrayEquals(block, Arrays.copyOfRange(r.body(), i * block.length, (i + 1) * block.length));
        }
    }

    @Test
    void fiveRequestsKeepOneConnection() throws Exception {
        clientPorts.clear();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = client.send(request("/port").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("ok", r.body());
        }
        assertEquals(1, clientPorts.size(), "one connection for all five: " + clientPorts);
    }

    @Test
    void sixteenConcurrentRequests() throws Exception {
        List<CompletableFuture<HttpResponse<byte[]>>> all = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            byte[] body = pattern(1000 + i);
            all.add(client.sendAsync(request("/echo").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (int i = 0; i < CONCURRENT; i++) {
            HttpResponse<byte[]> r = all.get(i).get(BOUND.toSeconds(), TimeUnit.SECONDS);
            assertEquals(200, r.statusCode());
            assertArrayEquals(pattern(1000 + i), r.body());
        }
    }

    @Test
    void aPipeOpensOverTheProvider() throws Exception {
        var pipe = Pipe.open();
        try (var sink = pipe.sink(); var source = pipe.source()) {
            assertFalse(pipe.getClass().getName().startsWith("sun."), pipe.getClass().getName());
            sink.write(ByteBuffer.wrap(new byte[] {5, 6}));
            var two = ByteBuffer.allocate(2);
            while (two.hasRemaining()) {
                source.read(two);
            }
            assertArrayEquals(new byte[] {5, 6}, two.array());
        }
    }
}
