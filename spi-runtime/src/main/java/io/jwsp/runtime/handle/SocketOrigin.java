package io.jwsp.runtime.handle;

import io.jwsp.spi.WspProvider;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.option.SockOpt;
import java.util.Map;

/**
 * What every socket made from one catalog entry through one provider instance shares, held once rather than in each
 * of a million {@link OpenSocket}s.
 *
 * @param dispatcher   the provider instance the sockets' calls dispatch to (the top of the entry's chain)
 * @param providerName the base provider's name
 * @param rawOptions   the options the raw setsockopt/getsockopt path knows, keyed by {@link OpenSocket#optionKey}
 * @param catalogEntry the catalog entry the sockets were made from (a chain's, for a layered socket), or
 *                     {@code null} where the runtime did not record one
 */
public record SocketOrigin(WspProvider dispatcher, String providerName, Map<Long, SockOpt<?>> rawOptions,
                           ProtocolInfo catalogEntry) {
    /** Whether sockets made now from {@code entry} through {@code dispatcher} share this origin. */
    public boolean isFor(WspProvider dispatcher, String providerName, Map<Long, SockOpt<?>> rawOptions,
                         ProtocolInfo entry) {
        return this.dispatcher == dispatcher && this.providerName.equals(providerName)
                && this.rawOptions == rawOptions && this.catalogEntry == entry;
    }
}
