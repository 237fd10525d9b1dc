package io.jwsp.layer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import io.jwsp.layer.fake.FakeStreamFactory;
import io.jwsp.layer.faults.FaultLayer;
import io.jwsp.layer.faults.FaultPlan;
import io.jwsp.layer.metrics.MetricsLayer;
import io.jwsp.layer.trace.TraceLayer;
import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.Winsock;
import io.jwsp.runtime.guice.JwspModule;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped layers installed the way an application does it, with Guice modules, and an application written
 * against the Winsock-style API whose error paths the fault layer drives.
 */
class GuiceInstalledLayersTest {
    private final VirtualClock clock = new VirtualClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FaultLayer faults = new FaultLayer(FaultPlan.none());
    private final JwspRuntime runtime = Guice.createInjector(
            JwspModule.withoutDiscovery(),
            JwspModule.providers(new FakeStreamFactory()),
            JwspModule.timeSource(clock),
            // known by name; layers(...) would install each as its own two-entry chain over the base
            JwspModule.availableLayers(new TraceLayer(), new MetricsLayer(registry), faults))
            .getInstance(JwspRuntime.class);
    private final Winsock ws = runtime.winsock();

    GuiceInstalledLayersTest() {
        // one chain, top first: trace sees what the application does, faults sit right above the base
        int base = runtime.catalog().entries().getFirst().catalogEntryId();
        for (String layer : List.of("trace", "metrics", "faults")) {
            runtime.catalog().installLayer(layer, List.of()).orElseThrow();
        }
        runtime.catalog().installChain(List.of("trace", "metrics", "faults"), base).orElseThrow();
    }

    @AfterEach
    void close() {
        runtime.close();
    }

    /** The client's and the accepted socket's handles. */
    private long[] connect() {
        ws.startup(WsaVersion.V2_2).orElseThrow();
        long l = ws.socket(AddressFamily.AF_INET, SocketType.SOCK_STREAM, 0).orElseThrow();
        ws.bind(l, InetSockAddr.loopback4(0)).orElseThrow();
        ws.listen(l, 1).orElseThrow();
        long c = ws.socket(AddressFamily.AF_INET, SocketType.SOCK_STREAM, 0).orElseThrow();
        ws.connect(c, ws.getSockName(l).orElseThrow()).orElseThrow();
        return new long[] {c, ws.accept(l).orElseThrow()};
    }

    /** The application: reads records of 8 bytes until the end; answers how many, or the error that stopped it. */
    private WspResult<Integer> readRecords(long s) {
        int records = 0;
        ByteBuffer b = ByteBuffer.allocate(8);
        while (true) {
            b.clear();
            WspResult<Integer> r = ws.recv(s, b, 0);
            if (!r.isOk()) {
                return r;
            }
            if (r.value() == 0) {
                return WspResult.ok(records);
            }
            records++;
        }
    }

    @Test
    void theChain_isFirstInTheCatalog_topLayerFirst() {
        ProtocolInfo first = runtime.catalog().visibleEntries().getFirst();
        assertEquals(4, first.chain().length());
        List<java.util.UUID> ids = first.chain().entries().subList(0, 3).stream()
                .map(id -> runtime.catalog().entry(id).orElseThrow().providerId()).toList();
        assertEquals(List.of(TraceLayer.PROVIDER_ID, MetricsLayer.PROVIDER_ID, FaultLayer.PROVIDER_ID), ids);
    }

    @Test
    void aSingleLayerModule_isEnoughForFaults() {
        FaultLayer only = new FaultLayer(FaultPlan.on("connect").fail(WsaError.WSAENETUNREACH));
        try (JwspRuntime rt = Guice.createInjector(JwspModule.withoutDiscovery(),
                JwspModule.providers(new FakeStreamFactory()), JwspModule.timeSource(clock),
                JwspModule.layers(only)).getInstance(JwspRuntime.class)) {
            Winsock w = rt.winsock();
            w.startup(WsaVersion.V2_2).orElseThrow();
            long c = w.socket(AddressFamily.AF_INET, SocketType.SOCK_STREAM, 0).orElseThrow();
            assertTrue(w.connect(c, InetSockAddr.loopback4(1)).is(WsaError.WSAENETUNREACH));
            assertEquals(1, only.fired().size());
        }
    }

    @Test
    void netDownMidStream_theApplicationReportsIt_andTheMetricsLayerAboveCountsIt() {
        long[] s = connect();
        faults.arm(FaultPlan.on("recv").onAccepted().after(2).fail(WsaError.WSAENETDOWN));
        for (int i = 0; i < 5; i++) {
            ws.send(s[0], ByteBuffer.allocate(8), 0).orElseThrow();
        }

        WspResult<Integer> outcome = readRecords(s[1]);

        assertTrue(outcome.is(WsaError.WSAENETDOWN), outcome.toString());
        assertEquals(WsaError.WSAENETDOWN, ws.lastError());
        assertEquals(1, registry.find("jwsp.errors").tag("error", "WSAENETDOWN").counter().count());
        assertEquals(16, registry.find("jwsp.bytes.received").counter().count());
    }

    @Test
    void resetAtClose_thePeersLoopEndsWithConnReset_notWithItsRecordCount() {
        long[] s = connect();
        faults.arm(FaultPlan.on("closeSocket").onCreated().reset());
        ws.send(s[0], ByteBuffer.allocate(8), 0).orElseThrow();
        assertTrue(ws.closeSocket(s[0]).isOk());

        assertTrue(readRecords(s[1]).is(WsaError.WSAECONNRESET));
        // the layers above saw a graceful close requested; the reset happened below them
        assertEquals(1, registry.find("jwsp.closes").tag("outcome", "GRACEFUL_IN_BACKGROUND").counter().count());
    }

    @Test
    void withoutFaults_theSameLoopCountsEveryRecord_andALingerZeroCloseIsCountedHard() {
        long[] s = connect();
        for (int i = 0; i < 3; i++) {
            ws.send(s[0], ByteBuffer.allocate(8), 0).orElseThrow();
        }
        ws.setSockOpt(s[0], SocketOptions.SO_DONTLINGER, true).orElseThrow();
        ws.closeSocket(s[0]).orElseThrow();
        assertEquals(3, readRecords(s[1]).orElseThrow());
        ws.setSockOpt(s[1], SocketOptions.SO_LINGER, Linger.of(0)).orElseThrow();
        ws.closeSocket(s[1]).orElseThrow();
        assertEquals(1, registry.find("jwsp.closes").tags("outcome", "ABORTIVE", "type", "NO_CONNECTION")
                .counter().count());
    }
}
