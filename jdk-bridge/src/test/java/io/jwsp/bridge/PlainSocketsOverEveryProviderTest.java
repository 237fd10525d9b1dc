package io.jwsp.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jwsp.provider.atm.AtmProviderFactory;
import io.jwsp.provider.irda.IrdaProviderFactory;
import io.jwsp.provider.irda.IrdaSockAddr;
import io.jwsp.provider.loopback.LoopbackProviderFactory;
import io.jwsp.provider.tcp.TcpProviderFactory;
import io.jwsp.runtime.JwspRuntime;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.addr.AddressFamily;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A plain java.net.Socket client and ServerSocket, code that knows nothing of jwsp, over every provider: the
 * server echoes what it reads; the client checks the echo, then closes, and the server sees the end.
 */
class PlainSocketsOverEveryProviderTest {

    /** How a provider names a listener and how a client reaches it. */
    record Case(String name, WspProviderFactory factory, SocketAddress bind,
                Function<JwspRuntime, SocketAddress> connectTo) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> providers() {
        return Stream.of(
                Arguments.of(new Case("loopback", new LoopbackProviderFactory(),
                        new InetSocketAddress("127.0.0.1", 7007), rt -> new InetSocketAddress("127.0.0.1", 7007))),
                Arguments.of(new Case("tcp", new TcpProviderFactory(), new InetSocketAddress("127.0.0.1", 0), null)),
                Arguments.of(new Case("irda", new IrdaProviderFactory(),
                        new JwspSocketAddress(IrdaSockAddr.local("echo")),
                        rt -> new JwspSocketAddress(IrdaSockAddr.of(0x1DA00001, "echo")))),
                Arguments.of(new Case("atm", new AtmProviderFactory(), atm("@0.7"), null)));
    }

    /** An ATM address in the provider's own notation ({@code @PORT.SELECTOR} on its switch). */
    private static SocketAddress atm(String text) {
        try (JwspRuntime rt = JwspRuntime.builder().provider(new AtmProviderFactory()).build()) {
            WspProvider p = rt.providerExtension("atm", WspProvider.class).orElseThrow();
            return new JwspSocketAddress(p.stringToAddress(text, AddressFamily.AF_ATM, null).value());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void echoThenEndOfStream(Case c) throws Exception {
        byte[] payload = new byte[4000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 11 + 3);
        }
        try (JwspRuntime runtime = JwspRuntime.builder().provider(c.factory()).build();
             JwspSelectorProvider nio = JwspSelectorProvider.open(runtime, c.name());
             ServerSocket server = nio.serverSocketFactory().createServerSocket()) {
            server.bind(c.bind());
            SocketAddress where = c.connectTo() != null ? c.connectTo().apply(runtime) : server.getLocalSocketAddress();
            CompletableFuture<Integer> served = CompletableFuture.supplyAsync(() -> {
                try (Socket peer = server.accept(); InputStream in = peer.getInputStream();
                     OutputStream out = peer.getOutputStream()) {
                    byte[] buf = new byte[65536];
                    int total = 0;
                    for (int n; (n = in.read(buf)) > 0; total += n) {
                        out.write(buf, 0, n);
                    }
                    return total;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket client = nio.socketFactory().createSocket()) {
                client.connect(where);
                client.getOutputStream().write(payload);
                byte[] echoed = client.getInputStream().readNBytes(payload.length);
                assertArrayEquals(payload, echoed);
            } // every byte has made the round trip, so no provider's close can lose any
            assertEquals(payload.length, served.get(30, TimeUnit.SECONDS));
        }
    }
}
