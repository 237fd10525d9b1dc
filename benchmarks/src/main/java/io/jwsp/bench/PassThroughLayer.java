package io.jwsp.bench;

import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.kit.ForwardingProvider;
import java.util.UUID;

/** A layer that overrides nothing: what one level of a protocol chain costs. */
public final class PassThroughLayer implements LayeredProviderFactory {
    @Override
    public String name() {
        return "pass-through";
    }

    @Override
    public UUID providerId() {
        return UUID.fromString("0f3e1d2c-4b5a-4968-8778-695a4b3c2d1e");
    }

    @Override
    public WspProvider create(ProviderContext context, WspProvider lower) {
        return new ForwardingProvider(lower);
    }
}
