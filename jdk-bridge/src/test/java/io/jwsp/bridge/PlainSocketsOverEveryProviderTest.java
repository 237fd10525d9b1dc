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
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.testkit.EachProvider;
import io.jwsp.testkit.JwspTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A plain java.net.Socket client and ServerSocket, code that knows nothing of jwsp, over every provider: the
 * server echoes what it reads; the client checks the echo, then closes, and the server sees the end. One
 * {@link EachProvider} line runs it once per provider, each on its own runtime (the real clock: the simulated media
 * pace their transfers in real time).
 */
@JwspTest(virtualClock = false)
class PlainSocketsOverEveryProviderTest {

    /** Where the provider's listener binds. */
    private static SocketAddress bindAddress(String provider, JwspRuntime runtime) {
        return switch (provider) {
            case "loopback" -> new InetSocketAddress("127.0.0.1", 7007);
            case "irda" -> new JwspSocketAddress(IrdaSockAddr.local("echo"));
            case "atm" -> atm(runtime, "@0.7");
            default -> new InetSocketAddress("127.0.0.1", 0);
        };
    }

    /** How a client reaches the listener: by its device address on IrDA, by the listener's own name elsewhere. */
    private static SocketAddress connectAddress(String provider, ServerSocket server) {
        return "irda".equals(provider)
                ? new JwspSocketAddress(IrdaSockAddr.of(0x1DA00001, "echo"))
                : server.getLocalSocketAddress();
    }

    /** An ATM address in the provider's own notation ({@code @PORT.SELECTOR} on its switch). */
    private static SocketAddress atm(JwspRuntime runtime, String text) {
        WspProvider p = runtime.providerExtension("atm", WspProvider.class).orElseThrow();
        return new JwspSocketAddress(p.stringToAddress(text, AddressFamily.AF_ATM, null).value());
    }

    @EachProvider({LoopbackProviderFactory.class, TcpProviderFactory.class, IrdaProviderFactory.class,
            AtmProviderFactory.class})
    void echoThenEndOfStream(JwspRuntime runtime) throws Exception {
        String provider = runtime.catalog().providerNames().getFirst();
        byte[] payload = new byte[4000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 11 + 3);
        }
        try (JwspSelectorProvider nio = JwspSelectorProvider.open(runtime, provider);
             ServerSocket server = nio.serverSocketFactory().createServerSocket()) {
            server.bind(bindAddress(provider, runtime));
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
                client.connect(connectAddress(provider, server));
                client.getOutputStream().write(payload);
                byte[] echoed = client.getInputStream().readNBytes(payload.length);
                assertArrayEquals(payload, echoed);
            } // every byte has made the round trip, so no provider's close can lose any
            assertEquals(payload.length, served.get(30, TimeUnit.SECONDS));
        }
    }
}
