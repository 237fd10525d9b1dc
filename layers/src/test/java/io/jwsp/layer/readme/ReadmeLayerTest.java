package io.jwsp.layer.readme;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import io.jwsp.provider.loopback.LoopbackProviderFactory;
import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.Winsock;
import io.jwsp.runtime.guice.JwspModule;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.time.VirtualClock;
import org.junit.jupiter.api.Test;

/** The README's layer, installed the two ways the README shows, over loopback. */
class ReadmeLayerTest {
    private static void blocksOnlyItsPort(JwspRuntime runtime) {
        Winsock ws = runtime.winsock();
        ws.startup(WsaVersion.V2_2).orElseThrow();
        for (int port : new int[] {2525, 8080}) {
            long l = ws.socket(AddressFamily.AF_INET, SocketType.SOCK_STREAM, 0).orElseThrow();
            ws.bind(l, InetSockAddr.loopback4(port)).orElseThrow();
            ws.listen(l, 1).orElseThrow();
        }
        long blocked = ws.socket(AddressFamily.AF_INET, SocketType.SOCK_STREAM, 0).orElseThrow();
        assertTrue(ws.connect(blocked, InetSockAddr.loopback4(2525)).is(WsaError.WSAEACCES));
        long allowed = ws.socket(AddressFamily.AF_INET, SocketType.SOCK_STREAM, 0).orElseThrow();
        assertTrue(ws.connect(allowed, InetSockAddr.loopback4(8080)).isOk());
    }

    @Test
    void installedWithAGuiceModule() {
        try (JwspRuntime runtime = Guice.createInjector(
                JwspModule.withoutDiscovery(),
                JwspModule.providers(new LoopbackProviderFactory()),
                JwspModule.timeSource(new VirtualClock()),
                JwspModule.layers(new BlockPortLayer(2525)))
                .getInstance(JwspRuntime.class)) {
            blocksOnlyItsPort(runtime);
        }
    }

    @Test
    void installedWithTheBuilder() {
        try (JwspRuntime runtime = JwspRuntime.builder()
                .provider(new LoopbackProviderFactory())
                .timeSource(new VirtualClock())
                .layer(new BlockPortLayer(2525))
                .build()) {
            blocksOnlyItsPort(runtime);
        }
    }
}
