package io.jwsp.layer.fake;

import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.catalog.ProtocolInfo;
import java.util.List;
import java.util.UUID;

/** The fake stream provider as a base provider a runtime can bind; keeps the instance it made. */
public final class FakeStreamFactory implements WspProviderFactory {
    private volatile FakeStreamProvider made;

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public UUID providerId() {
        return FakeStreamProvider.ID;
    }

    @Override
    public List<ProtocolInfo> protocolEntries() {
        return List.of(FakeStreamProvider.ENTRY.withCatalogEntryId(0));
    }

    @Override
    public WspProvider create(ProviderContext context) {
        made = new FakeStreamProvider(context.timeSource());
        return made;
    }

    public FakeStreamProvider made() {
        return made;
    }
}
