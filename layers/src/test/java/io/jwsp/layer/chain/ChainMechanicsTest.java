package io.jwsp.layer.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.layer.fake.FakeStreamFactory;
import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.Winsock;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ProviderFlags;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Protocol chains through the runtime's catalog, with a layer built on the forwarding kit. */
class ChainMechanicsTest {
    private final io.jwsp.spi.time.VirtualClock clock = new io.jwsp.spi.time.VirtualClock();
    private final FakeStreamFactory fake = new FakeStreamFactory();
    private final JwspRuntime runtime = JwspRuntime.builder().provider(fake).timeSource(clock).build();
    private final Winsock ws = runtime.winsock();

    @AfterEach
    void close() {
        runtime.close();
    }

    private ProtocolInfo baseEntry() {
        return runtime.catalog().entries().stream().filter(e -> e.chain().isBase()).findFirst().orElseThrow();
    }

    private long streamSocket() {
        return ws.socket(AddressFamily.AF_INET, SocketType.SOCK_STREAM, 0).orElseThrow();
    }

    /** Connects a client to a fresh listener and sends one byte from it. */
    private void sendOnce() {
        long l = streamSocket();
        ws.bind(l, InetSockAddr.loopback4(0)).orElseThrow();
        ws.listen(l, 1).orElseThrow();
        long c = streamSocket();
        ws.connect(c, ws.getSockName(l).orElseThrow()).orElseThrow();
        ws.send(c, ByteBuffer.wrap(new byte[] {1}), 0).orElseThrow();
    }

    @Test
    void installLayer_addsAHiddenOwnEntryAndAChainBeforeTheBase() {
        ProtocolInfo base = baseEntry();
        CountingLayer layer = new CountingLayer("counting");

        List<ProtocolInfo> chains = runtime.catalog().installLayer(layer, List.of(base.catalogEntryId()))
                .orElseThrow();

        List<ProtocolInfo> entries = runtime.catalog().entries();
        ProtocolInfo own = entries.stream().filter(e -> e.chain().isLayer()).findFirst().orElseThrow();
        ProtocolInfo chain = chains.getFirst();
        assertEquals(0, own.chain().length());
        assertEquals(layer.providerId(), own.providerId());
        assertTrue(own.hasProviderFlag(ProviderFlags.PFL_HIDDEN) || !runtime.catalog().visibleEntries().contains(own));
        assertEquals(List.of(own.catalogEntryId(), base.catalogEntryId()), chain.chain().entries());
        assertTrue(entries.indexOf(chain) < entries.indexOf(base), "the chain comes first: " + entries);
        assertTrue(runtime.catalog().visibleEntries().contains(chain));
    }

    @Test
    void socketOnTheChain_goesThroughTheLayer_andTheBaseSeesItsOwnEntry() {
        ProtocolInfo base = baseEntry();
        CountingLayer layer = new CountingLayer("counting");
        ProtocolInfo chain = runtime.catalog().installLayer(layer, List.of(base.catalogEntryId())).orElseThrow()
                .getFirst();
        ws.startup(WsaVersion.V2_2).orElseThrow();

        sendOnce();

        assertEquals(1, layer.sends.get());
        assertEquals(chain.catalogEntryId(), layer.socketInfos.getFirst().catalogEntryId());
        assertTrue(layer.socketInfos.getFirst().chain().isChain());
        for (ProtocolInfo seen : fake.made().socketInfos) {
            assertEquals(base.catalogEntryId(), seen.catalogEntryId());
            assertTrue(seen.chain().isBase(), "the base never sees a chain: " + seen.chain());
        }
    }

    @Test
    void twoLayersInOneChain_eachSeesTheChain_theBaseItsOwnEntry() {
        ProtocolInfo base = baseEntry();
        CountingLayer upper = new CountingLayer("upper");
        CountingLayer lower = new CountingLayer("lower");
        runtime.catalog().installLayer(upper, List.of()).orElseThrow();
        runtime.catalog().installLayer(lower, List.of()).orElseThrow();
        ProtocolInfo chain = runtime.catalog().installChain(List.of("upper", "lower"), base.catalogEntryId())
                .orElseThrow();
        assertEquals(3, chain.chain().length());
        ws.startup(WsaVersion.V2_2).orElseThrow();

        sendOnce();

        assertEquals(1, upper.sends.get());
        assertEquals(1, lower.sends.get());
        assertEquals(chain.catalogEntryId(), upper.socketInfos.getFirst().catalogEntryId());
        assertEquals(chain.catalogEntryId(), lower.socketInfos.getFirst().catalogEntryId());
        assertTrue(fake.made().socketInfos.stream().allMatch(i -> i.catalogEntryId() == base.catalogEntryId()));
    }

    @Test
    void removingTheChain_sendsNewSocketsStraightToTheBase() {
        ProtocolInfo base = baseEntry();
        CountingLayer layer = new CountingLayer("counting");
        ProtocolInfo chain = runtime.catalog().installLayer(layer, List.of(base.catalogEntryId())).orElseThrow()
                .getFirst();
        ws.startup(WsaVersion.V2_2).orElseThrow();
        sendOnce();
        runtime.catalog().remove(chain.catalogEntryId()).orElseThrow();

        sendOnce();

        assertEquals(1, layer.sends.get());
        assertTrue(runtime.catalog().entries().stream().noneMatch(e -> e.catalogEntryId() == chain.catalogEntryId()));
    }

    @Test
    void removingTheLayersOwnEntry_takesItsChainsWithIt() {
        ProtocolInfo base = baseEntry();
        CountingLayer layer = new CountingLayer("counting");
        runtime.catalog().installLayer(layer, List.of(base.catalogEntryId())).orElseThrow();
        ProtocolInfo own = runtime.catalog().entries().stream().filter(e -> e.chain().isLayer()).findFirst()
                .orElseThrow();

        runtime.catalog().remove(own.catalogEntryId()).orElseThrow();

        assertEquals(List.of(base), runtime.catalog().entries());
    }

    @Test
    void builderLayer_isInstalledOverEveryBaseEntry() {
        CountingLayer layer = new CountingLayer("counting");
        try (JwspRuntime rt = JwspRuntime.builder().provider(new FakeStreamFactory()).layer(layer).timeSource(clock)
                .build()) {
            assertTrue(rt.catalog().visibleEntries().getFirst().chain().isChain());
            Winsock w = rt.winsock();
            w.startup(WsaVersion.V2_2).orElseThrow();
            long s = w.socket(AddressFamily.AF_INET, SocketType.SOCK_STREAM, 0).orElseThrow();
            assertEquals(1, layer.socketInfos.size());
            w.closeSocket(s).orElseThrow();
        }
    }
}
