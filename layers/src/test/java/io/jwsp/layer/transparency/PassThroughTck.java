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
 * the chain lands before the base entry, and the TCK's socket() calls, which search in catalog order, choose it.
 */
abstract class PassThroughTck extends ProviderTck {
    /** The layers of the chain, top first. */
    protected abstract List<LayeredProviderFactory> layers();

    @BeforeEach
    final void installChain() {
        int base = rt.catalog().entries().stream().filter(e -> e.chain().isBase())
                .filter(e -> e.socketType() == put.socketType()).findFirst().orElseThrow().catalogEntryId();
        List<LayeredProviderFactory> layers = layers();
        for (LayeredProviderFactory l : layers) {
            rt.catalog().installLayer(l, List.of()).orElseThrow();
        }
        ProtocolInfo chain = rt.catalog().installChain(layers.stream().map(LayeredProviderFactory::name).toList(),
                base).orElseThrow();
        List<ProtocolInfo> visible = rt.catalog().visibleEntries();
        assertTrue(visible.indexOf(chain) >= 0 && visible.indexOf(chain) < visible.indexOf(
                rt.catalog().entry(base).orElseThrow()), "the chain comes before its base: " + visible);
    }
}
