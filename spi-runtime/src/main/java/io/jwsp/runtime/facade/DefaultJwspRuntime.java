package io.jwsp.runtime.facade;

import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.Winsock;
import io.jwsp.runtime.catalog.Catalog;
import io.jwsp.runtime.catalog.impl.ProtocolCatalog;
import io.jwsp.runtime.dispatch.ChainInstances;
import io.jwsp.runtime.event.ApcAwareTimeSource;
import io.jwsp.runtime.event.ApcDelivery;
import io.jwsp.runtime.event.CompletionSignal;
import io.jwsp.runtime.event.EventWaits;
import io.jwsp.runtime.event.RuntimeUpcalls;
import io.jwsp.runtime.event.ThreadStates;
import io.jwsp.runtime.handle.HandleTable;
import io.jwsp.runtime.provider.LayerSlot;
import io.jwsp.runtime.provider.ProviderSlot;
import io.jwsp.runtime.provider.RuntimeProviderContext;
import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.catalog.ProtocolChain;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.trace.WireTap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One runtime: it owns its catalog, provider instances, handles, per-thread states and (maybe) its clock. */
public final class DefaultJwspRuntime implements JwspRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultJwspRuntime.class);

    private final TimeSource clock;
    private final boolean ownsClock;
    private final WireTap wireTap;
    private final Map<String, String> settings;
    private final ApcAwareTimeSource providerClock;
    private final RuntimeUpcalls upcalls;
    private final List<ProviderSlot> slots = new ArrayList<>();
    private final ProtocolCatalog catalog;
    private final HandleTable handles = new HandleTable();
    private final RuntimeLifecycle lifecycle;
    private final WinsockFacade winsock;
    private final List<String> skipped;
    private final Object closeLock = new Object();
    private boolean closed;

    public DefaultJwspRuntime(RuntimeConfig config) {
        this.clock = config.clock();
        this.ownsClock = config.ownsClock();
        this.wireTap = config.wireTap();
        this.settings = config.settings();
        this.skipped = config.skipped();
        ThreadStates states = new ThreadStates();
        ApcDelivery apcs = new ApcDelivery(states);
        this.providerClock = new ApcAwareTimeSource(clock, apcs);
        EventWaits waits = new EventWaits(this, clock, apcs);
        CompletionSignal completions = new CompletionSignal();
        this.upcalls = new RuntimeUpcalls(waits, apcs, completions);
        config.providers().forEach(n -> slots.add(
                new ProviderSlot(n.factory(), n.name(), n.providerId(), contextFor(n.name()))));
        this.catalog = new ProtocolCatalog(slots, this::layerSlot);
        config.availableLayers().forEach(catalog::registerLayer);
        installStack(config.installedLayers());
        ChainInstances chains = new ChainInstances(catalog, upcalls);
        this.lifecycle = new RuntimeLifecycle(handles, chains, List.copyOf(slots));
        this.winsock = new WinsockFacade(lifecycle, catalog, chains, handles, states, waits, completions, clock);
        LOG.debug("runtime built: providers {}, catalog {} entries", catalog.providerNames(),
                catalog.entries().size());
    }

    /**
     * The bound layers form one stack over every base entry, the first layer on top: their hidden own entries,
     * then one chain [L1 .. Ln, base] just before each base entry.
     */
    private void installStack(List<LayeredProviderFactory> layers) {
        List<String> names = new ArrayList<>();
        for (LayeredProviderFactory layer : layers) {
            WspResult<?> r = catalog.installLayer(layer, List.of());
            if (r.isOk()) {
                names.add(layer.name());
            } else {
                LOG.error("layer {} could not be installed: {}", layer.getClass().getName(), r.error());
            }
        }
        if (names.isEmpty()) {
            return;
        }
        if (names.size() >= ProtocolChain.MAX_LENGTH) {
            LOG.error("{} layers do not fit a protocol chain of at most {} entries; none installed", names.size(),
                    ProtocolChain.MAX_LENGTH);
            return;
        }
        for (int base : catalog.baseEntryIds()) {
            WspResult<?> r = catalog.installChain(names, base);
            if (!r.isOk()) {
                LOG.error("chain {} over entry {} could not be installed: {}", names, base, r.error());
            }
        }
    }

    private ProviderContext contextFor(String name) {
        return new RuntimeProviderContext(providerClock, wireTap, RuntimeProviderContext.settingsFor(name, settings));
    }

    private LayerSlot layerSlot(LayeredProviderFactory layer) {
        try {
            String name = Objects.requireNonNull(layer.name(), "name()");
            UUID id = Objects.requireNonNull(layer.providerId(), "providerId()");
            return new LayerSlot(layer, name, id, contextFor(name));
        } catch (RuntimeException | LinkageError e) {
            LOG.error("layer {} left out: name() or providerId() threw", layer.getClass().getName(), e);
            return null;
        }
    }

    @Override
    public Winsock winsock() {
        return winsock;
    }

    @Override
    public Catalog catalog() {
        return catalog;
    }

    @Override
    public TimeSource timeSource() {
        return clock;
    }

    /** The clock providers get: the runtime's clock, running queued APCs in blocking waits. */
    public TimeSource providerTimeSource() {
        return providerClock;
    }

    /** The startup count now (WSAStartup calls not yet matched by WSACleanup). */
    public int startupCount() {
        return lifecycle.count();
    }

    @Override
    public List<String> skippedProviders() {
        return skipped;
    }

    @Override
    public int openHandles() {
        return handles.openHandles();
    }

    @Override
    public <T> Optional<T> providerExtension(String providerName, Class<T> type) {
        if (providerName == null || type == null) {
            return Optional.empty();
        }
        for (ProviderSlot s : slots) {
            if (s.name().equals(providerName)) {
                WspResult<WspProvider> p = s.acquire(upcalls);
                if (!p.isOk()) {
                    return Optional.empty();
                }
                try {
                    return p.value().unwrap(type);
                } catch (RuntimeException e) {
                    LOG.error("provider {}: unwrap threw", providerName, e);
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        lifecycle.close();
        if (ownsClock && clock instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing the runtime's clock failed", e);
            }
        }
    }

    @Override
    public String toString() {
        return "JwspRuntime" + catalog.providerNames();
    }
}
