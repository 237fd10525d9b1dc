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
     * Builds the layer above {@code lower}. The layer passes calls down to {@code lower}; it may always hand down the
     * protocol info it was given (the chain's). The runtime builds each chain once, bottom-up, and when
     * {@code lower} is the base it is a view of the base provider that replaces the protocol info of
     * {@link WspProvider#socket}, {@link WspProvider#addressToString} and {@link WspProvider#stringToAddress} with
     * the base entry's own, so base providers never see a chain (WSPStartup, ws2spi). A layer above another layer
     * receives the chain's info unchanged. The runtime calls {@link WspProvider#startup} once on each instance it
     * builds and {@link WspProvider#cleanup} once at its last cleanup; a layer that forwards them to {@code lower}
     * keeps the base's count balanced.
     */
    WspProvider create(ProviderContext context, WspProvider lower);
}
