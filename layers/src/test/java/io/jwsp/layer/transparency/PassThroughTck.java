package io.jwsp.layer.transparency;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.testkit.tck.ProviderTck;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/**
 * The whole TCK through a protocol chain. The TCK's fixture builds the runtime with the base provider alone (its
 * {@code ProviderUnderTest} has no layers), so this installs the layers into that runtime's catalog right after:
 * one chain over every base entry, each placed before its base, so the TCK's socket() calls, which search in
 * catalog order, choose the chains.
 */
abstract class PassThroughTck extends ProviderTck {
    /** The layers of the chain, top first. */
    protected abstract List<LayeredProviderFactory> layers();

    /** For a subclass's {@code @AfterAll}: the run made at least one socket through its chain. */
    static void assertChainUsed(double socketsThroughTheLayer) {
        if (socketsThroughTheLayer == 0) {
            throw new AssertionError("no test made a socket through the chain");
        }
    }

    @BeforeEach
    final void installChains() {
        List<LayeredProviderFactory> layers = layers();
        for (LayeredProviderFactory l : layers) {
            rt.catalog().installLayer(l, List.of()).orElseThrow();
        }
        List<String> names = layers.stream().map(LayeredProviderFactory::name).toList();
        List<ProtocolInfo> bases = rt.catalog().entries().stream().filter(e -> e.chain().isBase()).toList();
        for (ProtocolInfo base : bases) {
            ProtocolInfo chain = rt.catalog().installChain(names, base.catalogEntryId()).orElseThrow();
            List<ProtocolInfo> all = rt.catalog().entries();
            assertTrue(all.indexOf(chain) < all.indexOf(base), "the chain comes before its base: " + all);
        }
    }
}
