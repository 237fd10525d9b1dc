package io.jwsp.spi;

import java.util.UUID;

/**
 * A layered provider (an LSP). The runtime installs its hidden own entry (chain length 0) and chains over base
 * entries; for each chain it builds an instance above the provider below it.
 */
public interface LayeredProviderFactory {
    String name();

    UUID providerId();

    default Availability availability() {
        return Availability.AVAILABLE;
    }

    /**
     * Builds the layer above {@code lower}. The layer passes calls down to {@code lower}, handing it the protocol
     * info {@link WspProvider#socket} should see: the chain's when {@code lower} is another layer, the base entry's
     * own when it is the base.
     */
    WspProvider create(ProviderContext context, WspProvider lower);
}
