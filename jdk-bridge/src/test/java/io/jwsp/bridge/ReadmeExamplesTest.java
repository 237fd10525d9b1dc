package io.jwsp.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.jwsp.provider.loopback.LoopbackProviderFactory;
import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.Winsock;
import io.jwsp.runtime.guice.JwspModule;
import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.kit.ForwardingProvider;
import io.jwsp.spi.kit.ForwardingSocket;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** The README's examples, as written there, so they cannot rot. */
class ReadmeExamplesTest {

    @Test
    void aSocketThroughTheApi() {
        try (JwspRuntime runtime = JwspRuntime.builder().provider(new LoopbackProviderFactory()).build()) {
            Winsock ws = runtime.winsock();
            ws.startup(WsaVersion.V2_2).orElseThrow();

            long listener = ws.socket(2 /* AF_INET */, 1 /* SOCK_STREAM */, 0).orElseThrow();
            ws.bind(listener, InetSockAddr.parse("127.0.0.1:0"));
            ws.listen(listener, 8);
            long client = ws.socket(2, 1, 0).orElseThrow();
            ws.connect(client, ws.getSockName(listener).orElseThrow());
            long server = ws.accept(listener).orElseThrow();

            ws.send(client, ByteBuffer.wrap("hello".getBytes()), 0);
            ws.setSockOpt(client, SocketOptions.SO_LINGER, Linger.of(0));
            ws.closeSocket(client);

            WspResult<Integer> r = ws.recv(server, ByteBuffer.allocate(64), 0);
            WsaError e = r.error();
            assertEquals(WsaError.WSAECONNRESET, e);
            assertEquals(10054, e.code());
            assertEquals(WsaError.WSAENOTSOCK, ws.send(client, ByteBuffer.allocate(1), 0).error());
            assertEquals(WsaError.WSAENOTSOCK, ws.lastError());

            ws.closeSocket(server);
            ws.closeSocket(listener);
            ws.cleanup();
        }
    }

    static final LongAdder SENDS = new LongAdder();

    /** The README's layer, verbatim but for the UUID. */
    public static final class CountingLayer implements LayeredProviderFactory {
        public String name() { return "counting"; }
        public UUID providerId() { return UUID.fromString("8d6f5b1e-2c3a-4e7f-9a1b-0c2d3e4f5a6b"); }
        public WspProvider create(ProviderContext ctx, WspProvider lower) {
            return new ForwardingProvider(lower) {
                @Override protected WspSocket wrap(WspSocket s) {
                    return new ForwardingSocket(this, s) {
                        @Override public WspResult<Integer> send(ByteBuffer[] b, int flags, Overlapped ov) {
                            SENDS.increment();
                            return super.send(b, flags, ov);
                        }
                    };
                }
            };
        }
    }

    @Test
    void aLayerInstalledWithAGuiceModuleSeesTheCalls() {
        Injector injector = Guice.createInjector(JwspModule.withoutDiscovery(),
                JwspModule.providers(new LoopbackProviderFactory()), JwspModule.layers(new CountingLayer()));
        try (JwspRuntime runtime = injector.getInstance(JwspRuntime.class)) {
            assertTrue(runtime.catalog().visibleEntries().getFirst().chain().isChain(), "the chain comes first");
            Winsock ws = runtime.winsock();
            ws.startup(WsaVersion.V2_2).orElseThrow();
            long l = ws.socket(2, 1, 0).orElseThrow();
            ws.bind(l, InetSockAddr.parse("127.0.0.1:0")).orElseThrow();
            ws.listen(l, 1).orElseThrow();
            long c = ws.socket(2, 1, 0).orElseThrow();
            ws.connect(c, ws.getSockName(l).orElseThrow()).orElseThrow();
            long before = SENDS.sum();
            ws.send(c, ByteBuffer.wrap(new byte[] {1}), 0).orElseThrow();
            assertEquals(before + 1, SENDS.sum());
            ws.cleanup();
        }
    }
}
