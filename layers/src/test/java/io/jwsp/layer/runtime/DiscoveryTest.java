package io.jwsp.layer.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.layer.fake.FakeStreamFactory;
import io.jwsp.runtime.JwspRuntime;
import io.jwsp.spi.LayeredProviderFactory;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The three layers are found by ServiceLoader and made available by name, never installed on their own. */
class DiscoveryTest {
    @Test
    void serviceLoader_findsTraceMetricsAndFaults() {
        List<String> names = ServiceLoader.load(LayeredProviderFactory.class).stream()
                .map(p -> p.get().name()).toList();
        assertTrue(names.containsAll(List.of("trace", "metrics", "faults")), names.toString());
    }

    @Test
    void discoveredLayers_areKnownByName_andInstallByName() {
        try (JwspRuntime rt = JwspRuntime.builder().discover(DiscoveryTest.class.getClassLoader())
                .exclude("tcp", "loopback", "irda", "atm").provider(new FakeStreamFactory()).build()) {
            assertTrue(rt.catalog().layerNames().containsAll(List.of("trace", "metrics", "faults")),
                    rt.catalog().layerNames().toString());
            assertTrue(rt.catalog().entries().stream().noneMatch(e -> e.chain().isLayer()));
            int base = rt.catalog().entries().getFirst().catalogEntryId();
            assertTrue(rt.catalog().installLayer("faults", List.of(base)).isOk());
            assertTrue(rt.catalog().visibleEntries().getFirst().chain().isChain());
        }
    }
}
