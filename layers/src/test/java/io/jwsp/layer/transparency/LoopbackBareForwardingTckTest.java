package io.jwsp.layer.transparency;

import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.testkit.tck.ProviderUnderTest;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;

/** The TCK over loopback through a layer that overrides nothing, configured as loopback's own TCK run is. */
class LoopbackBareForwardingTckTest extends PassThroughTck {
    private static final AtomicInteger SOCKETS = new AtomicInteger();

    @Override
    protected ProviderUnderTest provider() {
        return LoopbackPutFactory.loopback();
    }

    @Override
    protected List<LayeredProviderFactory> layers() {
        return List.of(new PassThroughLayer(SOCKETS));
    }

    @AfterAll
    static void theChainWasUsed() {
        assertChainUsed(SOCKETS.get());
    }
}
