package io.jwsp.runtime.provider;

import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.WspProvider;
import java.util.UUID;

/** One layered provider known to a runtime: its factory, its name and id, and the context its instances get. */
public record LayerSlot(LayeredProviderFactory factory, String name, UUID providerId, ProviderContext context) {

    /** Builds one instance above {@code lower}; {@code null} when the factory threw or answered nothing. */
    public WspProvider create(WspProvider lower) {
        return factory.create(context, lower);
    }
}
