package io.jwsp.runtime.fake.discovery;

import io.jwsp.runtime.fake.FakeLayerFactory;

/** A discoverable layer. */
public class DiscoverableLayer extends FakeLayerFactory {
    public DiscoverableLayer() {
        super("discovered-layer");
    }
}
