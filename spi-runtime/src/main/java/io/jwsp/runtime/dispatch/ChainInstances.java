package io.jwsp.runtime.dispatch;

import io.jwsp.runtime.catalog.impl.CatalogEntry;
import io.jwsp.runtime.catalog.impl.ProtocolCatalog;
import io.jwsp.runtime.catalog.impl.ResolvedChain;
import io.jwsp.runtime.provider.BaseEntryView;
import io.jwsp.runtime.provider.LayerSlot;
import io.jwsp.runtime.provider.ProviderSlot;
import io.jwsp.spi.Upcalls;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a catalog entry's sockets are made: the started base provider for a base entry, and for a chain
 * [L1 .. Ln, B] a stack built once and cached: B's instance (the one the plain base entry uses) seen through a
 * {@link BaseEntryView}, Ln made over that view, ..., L1 over L2. Each layer instance gets one startup when built
 * and one cleanup when the runtime cleans up; a layer that fails to build or start makes the chain answer
 * WSAEPROVIDERFAILEDINIT, logged by name.
 */
public final class ChainInstances {
    private static final Logger LOG = LoggerFactory.getLogger(ChainInstances.class);

    private final ProtocolCatalog catalog;
    private final Upcalls upcalls;
    private final ConcurrentHashMap<Integer, WspProvider> tops = new ConcurrentHashMap<>();
    private final List<WspProvider> startedLayers = new ArrayList<>(); // guarded by this
    private final List<Integer> failed = new ArrayList<>(); // guarded by this

    public ChainInstances(ProtocolCatalog catalog, Upcalls upcalls) {
        this.catalog = catalog;
        this.upcalls = upcalls;
        catalog.onRemove(this::forget);
    }

    /** The provider instance that makes sockets for {@code entry} (started). */
    public WspResult<WspProvider> providerFor(CatalogEntry entry) {
        if (entry.isBase()) {
            return entry.base().acquire(upcalls);
        }
        if (!entry.isChain()) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        WspProvider top = tops.get(entry.id());
        return top != null ? WspResult.ok(top) : build(entry);
    }

    private synchronized WspResult<WspProvider> build(CatalogEntry entry) {
        WspProvider cached = tops.get(entry.id());
        if (cached != null) {
            return WspResult.ok(cached);
        }
        if (failed.contains(entry.id())) {
            return WspResult.fail(WsaError.WSAEPROVIDERFAILEDINIT);
        }
        WspResult<ResolvedChain> parts = catalog.resolve(entry);
        if (!parts.isOk()) {
            return parts.retype();
        }
        ResolvedChain chain = parts.value();
        ProviderSlot baseSlot = chain.base().base();
        WspResult<WspProvider> base = baseSlot.acquire(upcalls);
        if (!base.isOk()) {
            return base;
        }
        WspProvider lower = new BaseEntryView(base.value(), chain.base().info());
        List<LayerSlot> layers = chain.layersTopDown();
        for (int i = layers.size() - 1; i >= 0; i--) {
            LayerSlot layer = layers.get(i);
            WspProvider made = null;
            try {
                made = layer.create(lower);
                if (made != null) {
                    WspResult<?> r = made.startup(ProviderSlot.REQUESTED, upcalls);
                    if (r == null || !r.isOk()) {
                        LOG.error("layer {}: startup answered {} in chain {}", layer.name(),
                                r == null ? "null" : r.error(), entry.info().name());
                        made = null;
                    } else {
                        startedLayers.add(made);
                    }
                } else {
                    LOG.error("layer {}: create answered null in chain {}", layer.name(), entry.info().name());
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.error("layer {}: create or startup threw in chain {}", layer.name(), entry.info().name(), e);
                made = null;
            }
            if (made == null) {
                failed.add(entry.id());
                return WspResult.fail(WsaError.WSAEPROVIDERFAILEDINIT);
            }
            lower = made;
        }
        tops.put(entry.id(), lower);
        return WspResult.ok(lower);
    }

    private void forget(int entryId) {
        tops.remove(entryId);
        synchronized (this) {
            failed.remove(Integer.valueOf(entryId));
        }
    }

    /** Cleans up every layer instance started (top layers first) and forgets the cached chains. */
    public synchronized void cleanup() {
        tops.clear();
        failed.clear();
        for (WspProvider p : startedLayers.reversed()) {
            try {
                p.cleanup();
            } catch (RuntimeException | LinkageError e) {
                LOG.error("a layer's cleanup threw", e);
            }
        }
        startedLayers.clear();
    }
}
