package io.jwsp.runtime;

import static io.jwsp.runtime.Fixtures.AF_INET;
import static io.jwsp.runtime.Fixtures.STREAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import io.jwsp.runtime.catalog.Catalog;
import io.jwsp.runtime.fake.FakeProviderFactory;
import io.jwsp.runtime.guice.JwspModule;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.time.SystemTimeSource;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.time.VirtualClock;
import io.jwsp.spi.trace.WireFrame;
import io.jwsp.spi.trace.WireTap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuiceModuleTest {
    private final VirtualClock clock = new VirtualClock();
    private final FakeProviderFactory alpha = Fixtures.inet("alpha", 10);
    private final FakeProviderFactory beta = Fixtures.inet("beta", 20);

    private JwspRuntime runtime(Module... modules) {
        List<Module> all = new ArrayList<>(List.of(JwspModule.withoutDiscovery(),
                JwspModule.providers(alpha, beta), JwspModule.timeSource(clock)));
        all.addAll(List.of(modules));
        return Guice.createInjector(all).getInstance(JwspRuntime.class);
    }

    @Test
    void module_bindsProviders_inCatalogOrder() {
        try (JwspRuntime rt = runtime()) {
            assertEquals(List.of("alpha", "beta"), rt.catalog().providerNames());
            assertSame(clock, rt.timeSource());
        }
    }

    @Test
    void module_excludeRemovesAProvider() {
        try (JwspRuntime rt = runtime(JwspModule.exclude("alpha"))) {
            assertEquals(List.of("beta"), rt.catalog().providerNames());
        }
    }

    @Test
    void module_providerOrderReorders() {
        try (JwspRuntime rt = runtime(JwspModule.providerOrder("beta"))) {
            assertEquals(List.of("beta", "alpha"), rt.catalog().providerNames());
            assertEquals("beta stream", rt.catalog().entries().getFirst().name());
            assertEquals(1001, rt.catalog().entries().getFirst().catalogEntryId());
        }
    }

    @Test
    void module_replaceTakesThePlaceOfTheSameName() {
        FakeProviderFactory alpha2 = new FakeProviderFactory("alpha", 10).entry("alpha v2", 77, STREAM, 0, true);
        try (JwspRuntime rt = runtime(JwspModule.replace(alpha2))) {
            assertEquals(List.of("alpha v2", "beta stream", "beta dgram"),
                    rt.catalog().entries().stream().map(ProtocolInfo::name).toList());
        }
    }

    @Test
    void module_addsProvidersFromSeveralModules() {
        FakeProviderFactory gamma = Fixtures.inet("gamma", 1);
        try (JwspRuntime rt = runtime(JwspModule.providers(gamma))) {
            assertEquals(List.of("gamma", "alpha", "beta"), rt.catalog().providerNames());
        }
    }

    @Test
    void module_clockReplacedByModulesOverride() {
        VirtualClock other = new VirtualClock(5);
        Module base = Modules.combine(JwspModule.withoutDiscovery(), JwspModule.providers(alpha));
        Injector injector = Guice.createInjector(Modules.override(base)
                .with(binder -> binder.bind(TimeSource.class).toInstance(other)));
        try (JwspRuntime rt = injector.getInstance(JwspRuntime.class)) {
            assertSame(other, rt.timeSource());
        }
        Injector tapped = Guice.createInjector(Modules.override(base, JwspModule.timeSource(clock))
                .with(JwspModule.timeSource(other), JwspModule.wireTap(WireTap.NONE)));
        try (JwspRuntime rt = tapped.getInstance(JwspRuntime.class)) {
            assertSame(other, rt.timeSource());
        }
    }

    @Test
    void module_defaultClockIsSystemTime_ownedAndClosedByTheRuntime() {
        JwspRuntime rt = Guice.createInjector(JwspModule.withoutDiscovery(), JwspModule.providers(alpha))
                .getInstance(JwspRuntime.class);
        SystemTimeSource sys = assertInstanceOf(SystemTimeSource.class, rt.timeSource());
        sys.schedule(() -> { }, 1_000_000_000L).cancel();
        rt.close();
        assertThrows(IllegalStateException.class, () -> sys.schedule(() -> { }, 1));
    }

    @Test
    void module_oneRuntimePerInjector_andWinsockCatalogFromIt() {
        Injector injector = Guice.createInjector(JwspModule.withoutDiscovery(), JwspModule.providers(alpha),
                JwspModule.timeSource(clock));
        JwspRuntime rt = injector.getInstance(JwspRuntime.class);
        assertSame(rt, injector.getInstance(JwspRuntime.class));
        assertSame(rt.winsock(), injector.getInstance(Winsock.class));
        assertSame(rt.catalog(), injector.getInstance(Catalog.class));
        rt.close();
    }

    @Test
    void module_installedTwice_isOneModule() {
        Injector injector = Guice.createInjector(JwspModule.withoutDiscovery(), JwspModule.withoutDiscovery(),
                JwspModule.providers(alpha), JwspModule.timeSource(clock));
        try (JwspRuntime rt = injector.getInstance(JwspRuntime.class)) {
            assertEquals(List.of("alpha"), rt.catalog().providerNames());
        }
    }

    @Test
    void module_discoveryCanBeSwitchedOffByAnotherModule() {
        Injector injector = Guice.createInjector(new JwspModule(), JwspModule.noDiscovery(),
                JwspModule.providers(beta), JwspModule.timeSource(clock));
        try (JwspRuntime rt = injector.getInstance(JwspRuntime.class)) {
            assertEquals(List.of("beta"), rt.catalog().providerNames());
        }
    }

    @Test
    void required_twoRuntimes_shareNothing() {
        FakeProviderFactory shared = Fixtures.inet("shared", 1);
        try (JwspRuntime one = Fixtures.started(clock, shared); JwspRuntime two = Fixtures.started(clock, shared)) {
            assertNotSame(one, two);
            long h = one.winsock().socket(AF_INET, STREAM, 0).value();
            assertEquals(WsaError.WSAENOTSOCK, two.winsock().closeSocket(h).error(),
                    "a handle of one runtime is nothing to the other");
            assertEquals(null, one.winsock().lastError());
            assertEquals(WsaError.WSAENOTSOCK, two.winsock().lastError(), "last errors are per runtime too");
            one.winsock().cleanup().orElseThrow();
            assertEquals(WsaError.WSANOTINITIALISED, one.winsock().socket(AF_INET, STREAM, 0).error());
            assertTrue(two.winsock().socket(AF_INET, STREAM, 0).isOk(), "the other runtime is still started");
            assertEquals(2, shared.created.size(), "each runtime has its own provider instance");
            assertNotSame(shared.created.get(0).upcalls, shared.created.get(1).upcalls);
            assertNotSame(shared.created.get(0).context, shared.created.get(1).context);
            assertEquals(1, two.openHandles());
            assertEquals(0, one.openHandles());
            assertTrue(two.winsock().startup(WsaVersion.V2_2).isOk());
        }
    }

    @Test
    void settings_reachTheirProvider_prefixRemoved() {
        try (JwspRuntime rt = runtime(JwspModule.settings(Map.of("alpha.baud", "9600", "beta.baud", "115200",
                "jwsp.alpha.mode", "sir", "alphabet.x", "no")))) {
            rt.winsock().startup(WsaVersion.V2_2).orElseThrow();
            rt.winsock().socket(AF_INET, STREAM, 0).orElseThrow();
            assertEquals(Map.of("baud", "9600", "mode", "sir"), alpha.lastContext.settings());
            assertEquals(WireTap.NONE, alpha.lastContext.wireTap());
            TimeSource given = alpha.lastContext.timeSource();
            assertTrue(given.isVirtual(), "the provider's clock is the runtime's, wrapped");
            clock.advance(Duration.ofSeconds(3));
            assertEquals(clock.nanoTime(), given.nanoTime());
        }
    }

    @Test
    void builder_settingsAndModules() {
        VirtualClock other = new VirtualClock();
        WireTap tap = new WireTap() {
            @Override public void frame(WireFrame frame) { }
            @Override public void closed(CloseRecord record) { }
        };
        try (JwspRuntime rt = JwspRuntime.builder().provider(alpha).provider(beta).setting("beta.k", "v")
                .wireTap(tap).timeSource(clock)
                .modules(JwspModule.exclude("alpha"), JwspModule.timeSource(other)).build()) {
            assertEquals(List.of("beta"), rt.catalog().providerNames());
            assertSame(other, rt.timeSource());
            rt.winsock().startup(WsaVersion.V2_2).orElseThrow();
            rt.winsock().socket(AF_INET, STREAM, 0).orElseThrow();
            assertEquals(Map.of("k", "v"), beta.lastContext.settings());
            assertSame(tap, beta.lastContext.wireTap());
        }
    }
}
