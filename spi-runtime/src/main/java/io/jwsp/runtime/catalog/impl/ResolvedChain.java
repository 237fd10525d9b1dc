package io.jwsp.runtime.catalog.impl;

import io.jwsp.runtime.provider.LayerSlot;
import java.util.List;

/** A chain entry with its parts looked up: the layers from the top down, and the base entry at the bottom. */
public record ResolvedChain(CatalogEntry chain, List<LayerSlot> layersTopDown, CatalogEntry base) {
    public ResolvedChain {
        layersTopDown = List.copyOf(layersTopDown);
    }
}
