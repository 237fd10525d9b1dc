package io.jwsp.runtime;

import static io.jwsp.runtime.Fixtures.AF_INET;
import static io.jwsp.runtime.Fixtures.STREAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.fake.FakeLayerFactory;
import io.jwsp.runtime.fake.FakeProviderFactory;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.catalog.ProtocolChain;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ProviderFlags;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.time.VirtualClock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChainTest {
    private final VirtualClock clock = new VirtualClock();
    private final FakeProviderFactory base = Fixtures.inet("base", 1);
    private final JwspRuntime rt = Fixtures.started(clock, base);
    private final Winsock ws = rt.winsock();

    @AfterEach
    void close() {
        rt.close();
    }

    private List<String> names() {
        return rt.catalog().entries().stream().map(ProtocolInfo::name).toList();
    }

    @Test
    void required_installLayer_addsHiddenOwnEntryAndAChainJustBeforeEachBase() {
        FakeLayerFactory trace = new FakeLayerFactory("trace");
        List<ProtocolInfo> chains = rt.catalog().installLayer(trace, List.of(1001, 1002)).value();
        assertEquals(List.of("trace over base stream", "base stream", "trace over base dgram", "base dgram",
                "trace"), names());
        ProtocolInfo own = rt.catalog().entries().getLast();
        assertTrue(own.chain().isLayer());
        assertTrue(own.hasProviderFlag(ProviderFlags.PFL_HIDDEN));
        ProtocolInfo chain = chains.getFirst();
        ProtocolInfo baseStream = rt.catalog().entry(1001).value();
        assertEquals(ProtocolChain.of(List.of(own.catalogEntryId(), 1001)), chain.chain());
        assertEquals(baseStream.addressFamily(), chain.addressFamily());
        assertEquals(baseStream.socketType(), chain.socketType());
        assertEquals(baseStream.protocol(), chain.protocol());
        assertEquals(baseStream.serviceFlags(), chain.serviceFlags());
        assertEquals(baseStream.providerFlags(), chain.providerFlags());
        assertEquals(List.of("trace over base stream", "base stream", "trace over base dgram", "base dgram"),
                ws.enumProtocols().value().stream().map(ProtocolInfo::name).toList());
    }

    @Test
    void required_chainSocket_baseSeesItsOwnEntry_layerSeesTheChain() {
        FakeLayerFactory trace = new FakeLayerFactory("trace");
        ProtocolInfo chain = rt.catalog().installLayer(trace, List.of(1001)).value().getFirst();
        long s = ws.socket(AF_INET, STREAM, 0).value();
        assertEquals(List.of(chain), trace.created.getFirst().seen, "the top layer got the chain's entry");
        assertEquals(List.of(rt.catalog().entry(1001).value()), base.provider().socketInfos,
                "the base never sees a chain: it got its own entry");
        assertTrue(ws.closeSocket(s).isOk());
    }

    @Test
    void required_deeperChain_layerAboveLayerGetsChainInfo_instancesCachedAndBaseShared() {
        FakeLayerFactory top = new FakeLayerFactory("top");
        FakeLayerFactory mid = new FakeLayerFactory("mid");
        rt.catalog().installLayer(top, List.of()).orElseThrow();
        rt.catalog().installLayer(mid, List.of()).orElseThrow();
        ProtocolInfo chain = rt.catalog().installChain(List.of("top", "mid"), 1001).value();
        assertEquals("top over mid over base stream", chain.name());
        assertEquals(3, chain.chain().length());
        assertEquals(chain, rt.catalog().entries().getFirst(), "placed just before its base");
        ws.socket(AF_INET, STREAM, 0).orElseThrow();
        ws.socket(AF_INET, STREAM, 0).orElseThrow();
        ws.socket(-1, -1, -1, rt.catalog().entry(1001).value(), 0).orElseThrow();
        assertEquals(1, top.created.size(), "the chain's stack is built once");
        assertEquals(1, mid.created.size());
        assertSame(mid.created.getFirst(), top.created.getFirst().lower);
        assertEquals(List.of(chain, chain), top.created.getFirst().seen);
        assertEquals(List.of(chain, chain), mid.created.getFirst().seen, "a layer above a layer: unchanged");
        ProtocolInfo own = rt.catalog().entry(1001).value();
        assertEquals(List.of(own, own, own), base.provider().socketInfos);
        assertEquals(1, base.created.size(), "one base instance for the chain and the plain entry");
    }

    @Test
    void required_chainStartupsAndCleanupsBalance() {
        FakeLayerFactory trace = new FakeLayerFactory("trace");
        rt.catalog().installLayer(trace, List.of(1001)).orElseThrow();
        ws.socket(AF_INET, STREAM, 0).orElseThrow();
        assertEquals(1, trace.created.getFirst().startups);
        assertEquals(2, base.provider().started(), "the layer forwarded its startup to the base");
        ws.cleanup().orElseThrow();
        assertEquals(1, trace.created.getFirst().cleanups);
        assertEquals(0, base.provider().started());
    }

    @Test
    void installChain_rejectsUnknownLayersTooLongChainsAndNonBases() {
        rt.catalog().installLayer(new FakeLayerFactory("a"), List.of()).orElseThrow();
        assertEquals(WsaError.WSAEINVAL, rt.catalog().installChain(List.of("nope"), 1001).error());
        assertEquals(WsaError.WSAEINVAL, rt.catalog().installChain(List.of("a"), 4242).error());
        assertEquals(WsaError.WSAEINVAL,
                rt.catalog().installChain(List.of("a", "a", "a", "a", "a", "a", "a"), 1001).error());
        assertTrue(rt.catalog().installChain(List.of("a", "a", "a", "a", "a", "a"), 1001).isOk(), "7 is the max");
        int chainId = rt.catalog().entries().getFirst().catalogEntryId();
        assertEquals(WsaError.WSAEINVAL, rt.catalog().installChain(List.of("a"), chainId).error());
        assertEquals(WsaError.WSAEINVAL, rt.catalog().installLayer(new FakeLayerFactory("b"), List.of(4242))
                .error());
        assertEquals(WsaError.WSAEFAULT, rt.catalog().installLayer((FakeLayerFactory) null, List.of()).error());
        assertEquals(WsaError.WSAEINVAL, rt.catalog().installLayer("unknown", List.of(1001)).error());
    }

    @Test
    void required_removeLayer_removesItsChains_removeChainLeavesBase_openSocketsKeepTheirProvider() {
        FakeLayerFactory trace = new FakeLayerFactory("trace");
        List<ProtocolInfo> chains = rt.catalog().installLayer(trace, List.of(1001, 1002)).value();
        long s = ws.socket(AF_INET, STREAM, 0).value();
        assertTrue(rt.catalog().remove(chains.get(1).catalogEntryId()).isOk());
        assertEquals(List.of("trace over base stream", "base stream", "base dgram", "trace"), names());
        int own = rt.catalog().entries().getLast().catalogEntryId();
        assertTrue(rt.catalog().remove(own).isOk());
        assertEquals(List.of("base stream", "base dgram"), names());
        assertTrue(ws.closeSocket(s).isOk(), "the open socket still reaches its chain");
        ws.socket(AF_INET, STREAM, 0).orElseThrow();
        assertEquals(1, trace.created.getFirst().seen.size(), "new sockets no longer go through the layer");
        assertEquals(List.of("trace"), rt.catalog().layerNames());
        assertEquals(2, rt.catalog().installLayer("trace", List.of(1001, 1002)).value().size(),
                "a known layer is installed again by name");
    }

    @Test
    void required_removeBase_removesChainsOverIt() {
        rt.catalog().installLayer(new FakeLayerFactory("t"), List.of(1001)).orElseThrow();
        assertTrue(rt.catalog().remove(1001).isOk());
        assertEquals(List.of("base dgram", "t"), names());
        assertEquals(WsaError.WSAESOCKTNOSUPPORT, ws.socket(AF_INET, STREAM, Fixtures.TCP).error(),
                "no stream entry is left");
    }

    @Test
    void builderLayer_isInstalledOverEveryBaseEntry() {
        FakeLayerFactory l = new FakeLayerFactory("auto");
        try (JwspRuntime other = JwspRuntime.builder().provider(Fixtures.inet("x", 1)).layer(l).timeSource(clock)
                .build()) {
            assertEquals(List.of("auto over x stream", "x stream", "auto over x dgram", "x dgram", "auto"),
                    other.catalog().entries().stream().map(ProtocolInfo::name).toList());
        }
    }

    @Test
    void builderLayers_stackInTheOrderGiven_firstOnTop() {
        FakeLayerFactory top = new FakeLayerFactory("top");
        FakeLayerFactory below = new FakeLayerFactory("below");
        try (JwspRuntime other = JwspRuntime.builder().provider(Fixtures.inet("x", 1)).layer(top).layer(below)
                .timeSource(clock).build()) {
            assertEquals(List.of("top over below over x stream", "x stream", "top over below over x dgram",
                    "x dgram", "top", "below"), other.catalog().entries().stream().map(ProtocolInfo::name).toList());
            other.winsock().startup(WsaVersion.V2_2).orElseThrow();
            other.winsock().socket(AF_INET, STREAM, 0).orElseThrow();
            assertSame(below.created.getFirst(), top.created.getFirst().lower);
            assertEquals(3, other.catalog().visibleEntries().getFirst().chain().length());
        }
    }
}
