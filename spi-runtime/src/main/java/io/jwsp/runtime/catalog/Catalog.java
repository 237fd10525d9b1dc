package io.jwsp.runtime.catalog;

import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.result.WspResult;
import java.util.List;

/**
 * One runtime's protocol catalog (the Winsock 2 catalog). Entries keep a stable, documented order: providers by
 * priority, then name, then provider id; within a provider, the order it declares. socket() takes the first match.
 * Changes apply to sockets made afterwards; open sockets keep their provider.
 */
public interface Catalog {
    /** Every entry in catalog order, hidden layer entries included. */
    List<ProtocolInfo> entries();

    /** The visible entries, as WSAEnumProtocols lists them. */
    List<ProtocolInfo> visibleEntries();

    /** The entry with this catalog id. */
    WspResult<ProtocolInfo> entry(int catalogEntryId);

    /** The names of the base providers whose entries are in the catalog, in catalog order. */
    List<String> providerNames();

    /**
     * Installs a layer: its hidden own entry (chain length 0) and one visible chain entry over each of
     * {@code baseEntryIds} (the layer on top), each placed just before the entry it layers over.
     *
     * @return the new chain entries
     */
    WspResult<List<ProtocolInfo>> installLayer(LayeredProviderFactory layer, List<Integer> baseEntryIds);

    /** Installs a chain over an existing entry: {@code layersTopDown} are layer names already installed. */
    WspResult<ProtocolInfo> installChain(List<String> layersTopDown, int baseEntryId);

    /** Removes an entry (a chain, a layer's own entry with its chains, or a base entry). */
    WspResult<Void> remove(int catalogEntryId);

    /** Moves an entry to {@code index} in catalog order (WSCWriteProviderOrder). */
    WspResult<Void> move(int catalogEntryId, int index);

    /**
     * The layered providers this runtime knows by name (bound, discovered, or installed through
     * {@link #installLayer(LayeredProviderFactory, List)}), installed or not.
     */
    List<String> layerNames();

    /** {@link #installLayer(LayeredProviderFactory, List)} for a layer known by name; WSAEINVAL for an unknown one. */
    WspResult<List<ProtocolInfo>> installLayer(String layerName, List<Integer> baseEntryIds);
}
