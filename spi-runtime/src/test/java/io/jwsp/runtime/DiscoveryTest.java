package io.jwsp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.discovery.Discovered;
import io.jwsp.runtime.discovery.ProviderDiscovery;
import io.jwsp.runtime.fake.discovery.ThrowingConstructorFactory;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.time.VirtualClock;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryTest {
    private static final String PKG = "io.jwsp.runtime.fake.discovery.";
    private static final List<String> ENTRIES = List.of(
            "# a comment line",
            PKG + "GoodFactory",
            PKG + "NoSuchFactory",
            PKG + "ThrowingConstructorFactory",
            PKG + "ThrowingNameFactory",
            PKG + "DuplicateIdFactory",
            PKG + "UnavailableFactory",
            PKG + "OtherFactory");

    @TempDir
    Path dir;

    private static List<String> names(Discovered<WspProviderFactory> d) {
        return d.factories().stream().map(WspProviderFactory::name).toList();
    }

    @Test
    void required_discovery_brokenEntriesSkipped_othersLoad_duplicateIdRejected() throws IOException {
        try (URLClassLoader loader = ServiceDirectory.loader(dir, ENTRIES, List.of(PKG + "DiscoverableLayer"))) {
            ProviderDiscovery discovery = new ProviderDiscovery(loader, Set.of());
            Discovered<WspProviderFactory> found = discovery.providers();
            assertEquals(List.of("good", "other"), names(found));
            List<String> skipped = found.skipped();
            assertEquals(5, skipped.size(), skipped.toString());
            assertTrue(skipped.stream().anyMatch(s -> s.contains("NoSuchFactory")), skipped.toString());
            assertTrue(skipped.stream().anyMatch(s -> s.contains("ThrowingConstructorFactory")));
            assertTrue(skipped.stream().anyMatch(s -> s.contains("ThrowingNameFactory")));
            assertTrue(skipped.stream().anyMatch(s -> s.contains("duplicate") && s.contains("rejected")));
            assertTrue(skipped.stream().anyMatch(s -> s.contains("unavailable") && s.contains("no such hardware")));
            assertEquals(List.of("discovered-layer"),
                    discovery.layers().factories().stream().map(l -> l.name()).toList());
        }
    }

    @Test
    void required_discovery_excludeByName_andByClassNeverConstructs() throws IOException {
        int before = ThrowingConstructorFactory.ATTEMPTS.get();
        try (URLClassLoader loader = ServiceDirectory.loader(dir, ENTRIES, List.of())) {
            Discovered<WspProviderFactory> found = new ProviderDiscovery(loader,
                    Set.of("other", "ThrowingConstructorFactory")).providers();
            assertEquals(List.of("good"), names(found));
            assertEquals(before, ThrowingConstructorFactory.ATTEMPTS.get(), "excluded by class: never built");
        }
    }

    @Test
    void required_discovery_usesTheGivenLoader_neverTheContextLoader(@TempDir Path other) throws IOException {
        Thread t = Thread.currentThread();
        ClassLoader saved = t.getContextClassLoader();
        try (URLClassLoader given = ServiceDirectory.loader(dir, List.of(PKG + "GoodFactory"), List.of());
             URLClassLoader context = ServiceDirectory.loader(other, List.of(PKG + "OtherFactory"), List.of())) {
            t.setContextClassLoader(context);
            assertEquals(List.of("good"), names(new ProviderDiscovery(given, Set.of()).providers()));
        } finally {
            t.setContextClassLoader(saved);
        }
    }

    @Test
    void builderDiscovery_buildsTheCatalogFromDiscoveredProviders_andExcludes() throws IOException {
        try (URLClassLoader loader = ServiceDirectory.loader(dir, ENTRIES, List.of(PKG + "DiscoverableLayer"));
             JwspRuntime rt = JwspRuntime.builder().discover(loader).exclude("good").timeSource(new VirtualClock())
                     .build()) {
            assertEquals(List.of("duplicate", "other"), rt.catalog().providerNames(),
                    "with good excluded, its id is free for the other claimant (priority 1 before 20)");
            assertEquals(List.of("discovered-layer"), rt.catalog().layerNames(),
                    "a discovered layer is known by name, not installed");
            assertEquals(2, rt.catalog().entries().size());
            assertEquals(5, rt.skippedProviders().size(), rt.skippedProviders().toString());
        }
    }
}
