package io.jwsp.runtime.catalog.impl;

import io.jwsp.runtime.provider.LayerSlot;
import io.jwsp.runtime.provider.ProviderSlot;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ProviderFlags;

/**
 * One catalog entry and what it stands for: a base protocol of {@code base}, a layer's own hidden entry of
 * {@code layer}, or a protocol chain (both {@code null}; the chain's ids name the rest).
 */
public record CatalogEntry(ProtocolInfo info, ProviderSlot base, LayerSlot layer) {

    public int id() {
        return info.catalogEntryId();
    }

    public boolean isBase() {
        return base != null;
    }

    public boolean isLayer() {
        return layer != null;
    }

    public boolean isChain() {
        return base == null && layer == null;
    }

    /** Whether socket(af, type, protocol) may pick this entry. */
    boolean selectable() {
        return !isLayer() && !info.hasProviderFlag(ProviderFlags.PFL_HIDDEN);
    }
}
