package io.jwsp.layer.transparency;

import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.kit.ForwardingProvider;
import io.jwsp.testkit.tck.ProviderUnderTest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;

/** The TCK over loopback through a layer that overrides nothing: the forwarding kit alone. */
class LoopbackBareForwardingTckTest extends PassThroughTck {
    private static final AtomicInteger LAYERS_MADE = new AtomicInteger();

    /** Nothing but {@link ForwardingProvider}; counts the instances the runtime made so the chain is known used. */
    static final class PassThrough implements LayeredProviderFactory {
        @Override public String name() { return "pass-through"; }
        @Override public UUID providerId() { return UUID.fromString("6a1f4c2e-7b1d-4e55-9c0a-7d1e0b7a70ff"); }
        @Override public WspProvider create(ProviderContext context, WspProvider lower) {
            LAYERS_MADE.incrementAndGet();
            return new ForwardingProvider(lower);
        }
    }

    @Override
    protected ProviderUnderTest provider() {
        return LoopbackPutFactory.loopback();
    }

    @Override
    protected List<LayeredProviderFactory> layers() {
        return List.of(new PassThrough());
    }

    @AfterAll
    static void theChainWasUsed() {
        if (LAYERS_MADE.get() == 0) {
            throw new AssertionError("no test made a socket through the pass-through chain");
        }
    }
}
