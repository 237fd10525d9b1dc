package io.jwsp.runtime;

import static io.jwsp.runtime.Fixtures.AF_INET;
import static io.jwsp.runtime.Fixtures.DGRAM;
import static io.jwsp.runtime.Fixtures.STREAM;
import static io.jwsp.runtime.Fixtures.TCP;
import static io.jwsp.runtime.Fixtures.UDP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.fake.FakeLayerFactory;
import io.jwsp.runtime.fake.FakeProviderFactory;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.catalog.ProtocolChain;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ProviderFlags;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.time.VirtualClock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CatalogTest {
    private final VirtualClock clock = new VirtualClock();

    private static List<String> names(List<ProtocolInfo> infos) {
        return infos.stream().map(ProtocolInfo::name).toList();
    }

    @Test
    void required_catalogOrder_priorityThenNameThenId_declaredOrderWithin_idsFrom1001() {
        FakeProviderFactory b = Fixtures.inet("bravo", 10);
        FakeProviderFactory a = Fixtures.inet("alpha", 10);
        FakeProviderFactory first = Fixtures.inet("zulu", 1);
        FakeProviderFactory twinLow = new FakeProviderFactory("twin", new UUID(0, 1), 50)
                .entry("twin-1", 40, STREAM, 0, true);
        try (JwspRuntime rt = Fixtures.started(clock, b, a, twinLow, first)) {
            List<ProtocolInfo> entries = rt.catalog().entries();
            assertEquals(List.of("zulu stream", "zulu dgram", "alpha stream", "alpha dgram", "bravo stream",
                    "bravo dgram", "twin-1"), names(entries));
            for (int i = 0; i < entries.size(); i++) {
                assertEquals(1001 + i, entries.get(i).catalogEntryId());
                assertEquals(ProtocolChain.base(1001 + i), entries.get(i).chain());
            }
            assertEquals(List.of("zulu", "alpha", "bravo", "twin"), rt.catalog().providerNames());
            assertEquals(entries, rt.winsock().enumProtocols().value());
        }
    }

    @Test
    void required_socket_firstMatchWins_withWildcards() {
        FakeProviderFactory low = Fixtures.inet("low", 1);
        FakeProviderFactory high = Fixtures.inet("high", 2);
        try (JwspRuntime rt = Fixtures.started(clock, high, low)) {
            Winsock ws = rt.winsock();
            ws.socket(AF_INET, STREAM, TCP).orElseThrow();
            ws.socket(AddressFamily.AF_UNSPEC, DGRAM, 0).orElseThrow();
            ws.socket(AF_INET, 0, UDP).orElseThrow();
            assertEquals(List.of("low stream", "low dgram", "low dgram"),
                    names(low.provider().socketInfos));
            assertTrue(high.created.isEmpty(), "the later provider was never needed");
        }
    }

    @Test
    void required_socket_closestMismatch() {
        try (JwspRuntime rt = Fixtures.started(clock, Fixtures.inet("p", 1))) {
            Winsock ws = rt.winsock();
            assertEquals(WsaError.WSAEAFNOSUPPORT, ws.socket(AddressFamily.AF_IRDA, STREAM, 0).error());
            assertEquals(WsaError.WSAESOCKTNOSUPPORT, ws.socket(AF_INET, 5, 0).error());
            assertEquals(WsaError.WSAEPROTONOSUPPORT, ws.socket(AF_INET, STREAM, UDP).error());
            assertEquals(WsaError.WSAEPROTONOSUPPORT, ws.lastError());
            assertEquals(WsaError.WSAESOCKTNOSUPPORT, ws.socket(AddressFamily.AF_UNSPEC, 5, 0).error());
        }
    }

    @Test
    void required_protocolRange_andProtocolZero() {
        UUID id = UUID.randomUUID();
        ProtocolInfo ranged = ProtocolInfo.base("ranged", id, 30, 3, 100, 0, 0, 0).withProtocolMaxOffset(5);
        FakeProviderFactory f = new FakeProviderFactory("r", id, 1).entry(ranged);
        try (JwspRuntime rt = Fixtures.started(clock, f)) {
            Winsock ws = rt.winsock();
            assertTrue(ws.socket(30, 3, 100).isOk());
            assertTrue(ws.socket(30, 3, 105).isOk());
            assertEquals(WsaError.WSAEPROTONOSUPPORT, ws.socket(30, 3, 106).error());
            assertEquals(WsaError.WSAEPROTONOSUPPORT, ws.socket(30, 3, 99).error());
            assertEquals(WsaError.WSAEPROTONOSUPPORT, ws.socket(30, 3, 0).error(),
                    "protocol 0 needs PFL_MATCHES_PROTOCOL_ZERO");
        }
    }

    @Test
    void required_socketWithInfo_picksByCatalogId_unknownOrHiddenIsInval() {
        FakeProviderFactory f = Fixtures.inet("p", 1);
        try (JwspRuntime rt = Fixtures.started(clock, f)) {
            Winsock ws = rt.winsock();
            ProtocolInfo dgram = rt.catalog().entries().get(1);
            assertTrue(ws.socket(-1, -1, -1, dgram, 0).isOk());
            assertEquals("p dgram", f.provider().socketInfos.getFirst().name());
            assertEquals(WsaError.WSAEINVAL, ws.socket(-1, -1, -1, dgram.withCatalogEntryId(4242), 0).error());
            rt.catalog().installLayer(new FakeLayerFactory("L"), List.of(1001))
                    .orElseThrow();
            ProtocolInfo hidden = rt.catalog().entries().stream().filter(i -> i.chain().isLayer()).findFirst()
                    .orElseThrow();
            assertEquals(WsaError.WSAEINVAL, ws.socket(0, 0, 0, hidden, 0).error());
        }
    }

    @Test
    void required_enumProtocols_leavesHiddenEntriesOut() {
        UUID id = UUID.randomUUID();
        FakeProviderFactory f = new FakeProviderFactory("h", id, 1)
                .entry(ProtocolInfo.base("shown", id, 2, 1, 6, 0, 0, 0))
                .entry(ProtocolInfo.base("hidden", id, 2, 2, 17, 0, ProviderFlags.PFL_HIDDEN, 0));
        try (JwspRuntime rt = Fixtures.started(clock, f)) {
            assertEquals(List.of("shown"), names(rt.winsock().enumProtocols().value()));
            assertEquals(List.of("shown", "hidden"), names(rt.catalog().entries()));
            assertTrue(rt.winsock().socket(2, 2, 17).isFailed(), "a hidden entry is not chosen by triplet");
        }
    }

    @Test
    void move_and_remove_changeLaterChoices() {
        FakeProviderFactory a = Fixtures.inet("a", 1);
        FakeProviderFactory b = Fixtures.inet("b", 2);
        try (JwspRuntime rt = Fixtures.started(clock, a, b)) {
            int bStream = rt.catalog().entries().get(2).catalogEntryId();
            assertTrue(rt.catalog().move(bStream, 0).isOk());
            assertEquals("b stream", rt.catalog().entries().getFirst().name());
            rt.winsock().socket(AF_INET, STREAM, 0).orElseThrow();
            assertEquals("b stream", b.provider().socketInfos.getFirst().name());
            assertTrue(rt.catalog().remove(bStream).isOk());
            rt.winsock().socket(AF_INET, STREAM, 0).orElseThrow();
            assertEquals("a stream", a.provider().socketInfos.getFirst().name());
            assertEquals(WsaError.WSAEINVAL, rt.catalog().remove(bStream).error());
            assertEquals(WsaError.WSAEINVAL, rt.catalog().move(1001, 99).error());
            assertEquals(WsaError.WSAEINVAL, rt.catalog().entry(bStream).error());
        }
    }
}
