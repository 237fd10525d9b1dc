package io.jwsp.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jwsp.runtime.JwspRuntime;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OkHttp 5 and its MockWebServer, unchanged, through the bridge's socket factories ({@code socketFactory()},
 * {@code serverSocketFactory()}): blocking java.net code on both sides, over loopback and over tcp.
 */
class OkHttpOverJwspTest {
    private static final int TIMEOUT_SECONDS = 30;

    /** One server and one client over one provider; closing tears both down and bounds how long that takes. */
    private record Setup(JwspRuntime runtime, JwspSelectorProvider nio, MockWebServer server, OkHttpClient client)
            implements AutoCloseable {
        static Setup open(String provider) throws IOException {
            JwspRuntime runtime = IpProviders.runtime(provider);
            JwspSelectorProvider nio = JwspSelectorProvider.open(runtime, provider);
            MockWebServer server = new MockWebServer();
            server.setServerSocketFactory(nio.serverSocketFactory());
            server.start(InetAddress.getLoopbackAddress(), 0);
            OkHttpClient client = new OkHttpClient.Builder().socketFactory(nio.socketFactory())
                    .connectTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).readTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .build();
            return new Setup(runtime, nio, server, client);
        }

        Response call(Request r) throws IOException {
            return client.newCall(r).execute();
        }

        Request.Builder request(String path) {
            return new Request.Builder().url(server.url(path));
        }

        RecordedRequest taken() throws InterruptedException {
            return server.takeRequest(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }

        /** MockWebServer's close ends its blocked accept and reads: it must return in well under a second. */
        @Override
        public void close() throws Exception {
            CompletableFuture.runAsync(() -> {
                client.dispatcher().executorService().shutdown();
                client.connectionPool().evictAll();
                server.close();
            }).get(1, TimeUnit.SECONDS);
            nio.close();
            runtime.close();
        }
    }

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 17 + 5);
        }
        return b;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jwsp.bridge.IpProviders#names")
    void get(String provider) throws Exception {
        try (Setup s = Setup.open(provider)) {
            s.server().enqueue(new MockResponse.Builder().body("hello").build());
            try (Response r = s.call(s.request("/hello").build())) {
                assertEquals(200, r.code());
                assertEquals("hello", r.body().string());
            }
            assertEquals("/hello", s.taken().getTarget());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jwsp.bridge.IpProviders#names")
    void postOf256Kb(String provider) throws Exception {
        try (Setup s = Setup.open(provider)) {
            byte[] body = pattern(256 * 1024);
            s.server().enqueue(new MockResponse.Builder().body("stored").build());
            try (Response r = s.call(s.request("/upload").post(RequestBody.create(body)).build())) {
                assertEquals("stored", r.body().string());
            }
            assertArrayEquals(body, s.taken().getBody().toByteArray());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jwsp.bridge.IpProviders#names")
    void fiveRequestsOnOneConnection(String provider) throws Exception {
        try (Setup s = Setup.open(provider)) {
            for (int i = 0; i < 5; i++) {
                s.server().enqueue(new MockResponse.Builder().body("r" + i).build());
            }
            for (int i = 0; i < 5; i++) {
                try (Response r = s.call(s.request("/n" + i).build())) {
                    assertEquals("r" + i, r.body().string());
                }
            }
            for (int i = 0; i < 5; i++) {
                RecordedRequest taken = s.taken();
                assertEquals(0, taken.getConnectionIndex(), "one connection");
                assertEquals(i, taken.getExchangeIndex());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jwsp.bridge.IpProviders#names")
    void oneMegabyteChunked(String provider) throws Exception {
        try (Setup s = Setup.open(provider)) {
            byte[] body = pattern(1024 * 1024);
            s.server().enqueue(new MockResponse.Builder().chunkedBody(new Buffer().write(body), 8192).build());
            try (Response r = s.call(s.request("/big").build())) {
                assertEquals("chunked", r.header("Transfer-Encoding"));
                assertArrayEquals(body, r.body().bytes());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jwsp.bridge.IpProviders#names")
    void connectionCloseMakesTheNextRequestOpenAnother(String provider) throws Exception {
        try (Setup s = Setup.open(provider)) {
            s.server().enqueue(new MockResponse.Builder().setHeader("Connection", "close").body("first").build());
            s.server().enqueue(new MockResponse.Builder().body("second").build());
            try (Response r = s.call(s.request("/a").build())) {
                assertEquals("first", r.body().string());
            }
            try (Response r = s.call(s.request("/b").build())) {
                assertEquals("second", r.body().string());
            }
            assertEquals(0, s.taken().getConnectionIndex());
            assertEquals(1, s.taken().getConnectionIndex(), "a new connection after Connection: close");
        }
    }

    /** The server stalls before its response: the client's read time-out (SO_RCVTIMEO) ends the call. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jwsp.bridge.IpProviders#names")
    void aReadTimeOut(String provider) throws Exception {
        try (Setup s = Setup.open(provider)) {
            s.server().enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
            OkHttpClient impatient = s.client().newBuilder().readTimeout(200, TimeUnit.MILLISECONDS).build();
            // SocketTimeoutException is an InterruptedIOException, as OkHttp's own time-outs are
            assertThrows(InterruptedIOException.class,
                    () -> impatient.newCall(s.request("/stall").build()).execute().close());
        }
    }
}
