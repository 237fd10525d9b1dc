package io.jwsp.spi.catalog;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * WSAPROTOCOL_INFOW, the fields that matter. A provider declares its entries with {@code catalogEntryId} 0 and a
 * base chain of 0; the runtime assigns the ids when it binds the entries into its catalog.
 *
 * @param name              the entry's display name (szProtocol)
 * @param providerId        the provider's stable id; entries with the same id share one provider instance
 * @param catalogEntryId    unique in one runtime's catalog; 0 until the runtime assigns it
 * @param addressFamily     Windows' AF_* number (see {@link io.jwsp.spi.addr.AddressFamily})
 * @param socketType        SOCK_* number
 * @param protocol          the protocol number socket() is matched against
 * @param protocolMaxOffset socket() matches protocol .. protocol + protocolMaxOffset
 * @param serviceFlags      XP1_* bits ({@link ServiceFlags})
 * @param providerFlags     PFL_* bits ({@link ProviderFlags})
 * @param chain             the protocol chain
 * @param maxMessageSize    dwMessageSize: 0 for streams, the largest message otherwise
 * @param version           the protocol version
 * @param extensionFunctions the WSAID_* GUIDs its provider answers to SIO_GET_EXTENSION_FUNCTION_POINTER
 *                           ({@link io.jwsp.spi.ext.ExtensionGuids}); others answer WSAEINVAL
 */
public record ProtocolInfo(
        String name,
        UUID providerId,
        int catalogEntryId,
        int addressFamily,
        int socketType,
        int protocol,
        int protocolMaxOffset,
        int serviceFlags,
        int providerFlags,
        ProtocolChain chain,
        int maxMessageSize,
        int version,
        Set<UUID> extensionFunctions) {

    public ProtocolInfo {
        Objects.requireNonNull(name, "name");
        extensionFunctions = extensionFunctions == null ? Set.of() : Set.copyOf(extensionFunctions);
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(chain, "chain");
        if (protocolMaxOffset < 0) {
            throw new IllegalArgumentException("protocolMaxOffset < 0");
        }
    }

    /** An entry without extension functions. */
    public ProtocolInfo(String name, UUID providerId, int catalogEntryId, int addressFamily, int socketType,
                        int protocol, int protocolMaxOffset, int serviceFlags, int providerFlags, ProtocolChain chain,
                        int maxMessageSize, int version) {
        this(name, providerId, catalogEntryId, addressFamily, socketType, protocol, protocolMaxOffset, serviceFlags,
                providerFlags, chain, maxMessageSize, version, Set.of());
    }

    /** A base entry for a provider to declare; the runtime fills in the catalog id and the chain. */
    public static ProtocolInfo base(String name, UUID providerId, int addressFamily, int socketType, int protocol,
                                    int serviceFlags, int providerFlags, int maxMessageSize) {
        return new ProtocolInfo(name, providerId, 0, addressFamily, socketType, protocol, 0, serviceFlags,
                providerFlags, ProtocolChain.base(0), maxMessageSize, 2);
    }

    /** Whether the provider answers SIO_GET_EXTENSION_FUNCTION_POINTER for {@code guid}. */
    public boolean hasExtensionFunction(UUID guid) {
        return extensionFunctions.contains(guid);
    }

    public boolean hasService(int xp1Flag) {
        return (serviceFlags & xp1Flag) == xp1Flag;
    }

    public boolean hasProviderFlag(int pflFlag) {
        return (providerFlags & pflFlag) == pflFlag;
    }

    /** Whether socket()'s protocol argument falls in this entry's range (0 needs PFL_MATCHES_PROTOCOL_ZERO). */
    public boolean matchesProtocol(int requested) {
        if (requested == 0) {
            return hasProviderFlag(ProviderFlags.PFL_MATCHES_PROTOCOL_ZERO) || protocol == 0;
        }
        return requested >= protocol && requested <= protocol + protocolMaxOffset;
    }

    public ProtocolInfo withCatalogEntryId(int id) {
        return new ProtocolInfo(name, providerId, id, addressFamily, socketType, protocol, protocolMaxOffset,
                serviceFlags, providerFlags, chain, maxMessageSize, version,
                extensionFunctions);
    }

    public ProtocolInfo withChain(ProtocolChain newChain) {
        return new ProtocolInfo(name, providerId, catalogEntryId, addressFamily, socketType, protocol,
                protocolMaxOffset, serviceFlags, providerFlags, newChain, maxMessageSize, version,
                extensionFunctions);
    }

    public ProtocolInfo withName(String newName) {
        return new ProtocolInfo(newName, providerId, catalogEntryId, addressFamily, socketType, protocol,
                protocolMaxOffset, serviceFlags, providerFlags, chain, maxMessageSize, version,
                extensionFunctions);
    }

    public ProtocolInfo withProviderId(UUID id) {
        return new ProtocolInfo(name, id, catalogEntryId, addressFamily, socketType, protocol, protocolMaxOffset,
                serviceFlags, providerFlags, chain, maxMessageSize, version,
                extensionFunctions);
    }

    public ProtocolInfo withProviderFlags(int flags) {
        return new ProtocolInfo(name, providerId, catalogEntryId, addressFamily, socketType, protocol,
                protocolMaxOffset, serviceFlags, flags, chain, maxMessageSize, version,
                extensionFunctions);
    }

    public ProtocolInfo withProtocolMaxOffset(int offset) {
        return new ProtocolInfo(name, providerId, catalogEntryId, addressFamily, socketType, protocol, offset,
                serviceFlags, providerFlags, chain, maxMessageSize, version,
                extensionFunctions);
    }

    public ProtocolInfo withExtensionFunctions(Set<UUID> guids) {
        return new ProtocolInfo(name, providerId, catalogEntryId, addressFamily, socketType, protocol,
                protocolMaxOffset, serviceFlags, providerFlags, chain, maxMessageSize, version, guids);
    }
}
