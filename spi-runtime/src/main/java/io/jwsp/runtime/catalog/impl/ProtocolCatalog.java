package io.jwsp.runtime.catalog.impl;

import io.jwsp.runtime.catalog.Catalog;
import io.jwsp.runtime.provider.LayerSlot;
import io.jwsp.runtime.provider.ProviderSlot;
import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.spi.catalog.ProtocolChain;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ProviderFlags;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog of one runtime. Base entries are numbered from {@link #FIRST_ID} in the order the providers are
 * handed in (the runtime sorts them: priority, then name, then provider id, unless a provider order is bound),
 * each provider's entries in its declared order. Layers add a hidden own entry at the end and one visible chain
 * entry per base, just before that base. Changes publish a new immutable snapshot: socket() reads without locks.
 */
public final class ProtocolCatalog implements Catalog {
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolCatalog.class);

    /** The first catalog entry id, as on Windows. */
    public static final int FIRST_ID = 1001;

    private record Snapshot(List<CatalogEntry> order, Map<Integer, CatalogEntry> byId) {
    }

    private final Object lock = new Object();
    private final Function<LayeredProviderFactory, LayerSlot> layerSlots;
    private final Map<String, LayerSlot> knownLayers = new LinkedHashMap<>();
    private final List<IntConsumer> removalListeners = new ArrayList<>();
    private volatile Snapshot snapshot = new Snapshot(List.of(), Map.of());
    private int nextId = FIRST_ID;

    /**
     * @param basesInOrder the base providers, already in catalog order
     * @param layerSlots   makes the runtime's slot (context included) for a layer factory
     */
    public ProtocolCatalog(List<ProviderSlot> basesInOrder, Function<LayeredProviderFactory, LayerSlot> layerSlots) {
        this.layerSlots = layerSlots;
        List<CatalogEntry> order = new ArrayList<>();
        for (ProviderSlot slot : basesInOrder) {
            List<ProtocolInfo> declared;
            try {
                declared = slot.factory().protocolEntries();
            } catch (RuntimeException | LinkageError e) {
                LOG.error("provider {}: protocolEntries() threw; it gets no catalog entries", slot.name(), e);
                continue;
            }
            if (declared == null) {
                continue;
            }
            for (ProtocolInfo d : declared) {
                if (d == null) {
                    continue;
                }
                int id = nextId++;
                ProtocolInfo info = d.withCatalogEntryId(id).withChain(ProtocolChain.base(id))
                        .withProviderId(slot.providerId());
                order.add(new CatalogEntry(info, slot, null));
            }
        }
        publish(order);
    }

    /** Makes a layer known by name without installing it (a discovered layer, say). */
    public void registerLayer(LayeredProviderFactory layer) {
        synchronized (lock) {
            knownSlot(layer);
        }
    }

    /** Called with the id of every entry removed, so cached chain instances are forgotten. */
    public void onRemove(IntConsumer listener) {
        synchronized (lock) {
            removalListeners.add(listener);
        }
    }

    // ---- lookups (lock-free)

    /**
     * socket(af, type, protocol)'s choice: the first selectable entry that matches, AF_UNSPEC and type 0 being
     * wildcards. Otherwise the closest mismatch: no entry of that family is WSAEAFNOSUPPORT, family but no such
     * type WSAESOCKTNOSUPPORT, else WSAEPROTONOSUPPORT.
     */
    public WspResult<CatalogEntry> select(int addressFamily, int socketType, int protocol) {
        boolean familySeen = false;
        boolean typeSeen = false;
        for (CatalogEntry e : snapshot.order()) {
            if (!e.selectable()) {
                continue;
            }
            ProtocolInfo i = e.info();
            if (addressFamily != 0 && i.addressFamily() != addressFamily) {
                continue;
            }
            familySeen = true;
            if (socketType != 0 && i.socketType() != socketType) {
                continue;
            }
            typeSeen = true;
            if (i.matchesProtocol(protocol)) {
                return WspResult.ok(e);
            }
        }
        WsaError closest = !familySeen ? WsaError.WSAEAFNOSUPPORT
                : !typeSeen ? WsaError.WSAESOCKTNOSUPPORT : WsaError.WSAEPROTONOSUPPORT;
        return WspResult.fail(closest);
    }

    /** The entry with this id, or {@code null}. */
    public CatalogEntry lookup(int catalogEntryId) {
        return snapshot.byId().get(catalogEntryId);
    }

    /** A chain entry's layers and base; WSAEINVAL when a part is gone. */
    public WspResult<ResolvedChain> resolve(CatalogEntry chain) {
        Snapshot s = snapshot;
        List<Integer> ids = chain.info().chain().entries();
        List<LayerSlot> layers = new ArrayList<>();
        for (int i = 0; i < ids.size() - 1; i++) {
            CatalogEntry l = s.byId().get(ids.get(i));
            if (l == null || !l.isLayer()) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            layers.add(l.layer());
        }
        CatalogEntry base = s.byId().get(ids.getLast());
        if (base == null || !base.isBase()) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        return WspResult.ok(new ResolvedChain(chain, layers, base));
    }

    /** The base provider slots with entries in the catalog, in catalog order. */
    public List<ProviderSlot> baseSlots() {
        Set<ProviderSlot> out = new LinkedHashSet<>();
        for (CatalogEntry e : snapshot.order()) {
            if (e.isBase()) {
                out.add(e.base());
            }
        }
        return List.copyOf(out);
    }

    /** The ids of the base entries, in catalog order. */
    public List<Integer> baseEntryIds() {
        return snapshot.order().stream().filter(CatalogEntry::isBase).map(CatalogEntry::id).toList();
    }

    @Override
    public List<ProtocolInfo> entries() {
        return snapshot.order().stream().map(CatalogEntry::info).toList();
    }

    @Override
    public List<ProtocolInfo> visibleEntries() {
        return snapshot.order().stream().map(CatalogEntry::info)
                .filter(i -> !i.chain().isLayer() && !i.hasProviderFlag(ProviderFlags.PFL_HIDDEN)).toList();
    }

    @Override
    public WspResult<ProtocolInfo> entry(int catalogEntryId) {
        CatalogEntry e = lookup(catalogEntryId);
        return e == null ? WspResult.fail(WsaError.WSAEINVAL) : WspResult.ok(e.info());
    }

    @Override
    public List<String> providerNames() {
        return baseSlots().stream().map(ProviderSlot::name).toList();
    }

    @Override
    public List<String> layerNames() {
        synchronized (lock) {
            return List.copyOf(knownLayers.keySet());
        }
    }

    // ---- changes

    @Override
    public WspResult<List<ProtocolInfo>> installLayer(String layerName, List<Integer> baseEntryIds) {
        if (layerName == null) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        LayerSlot slot;
        synchronized (lock) {
            slot = knownLayers.get(layerName);
        }
        if (slot == null) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        return installLayer(slot.factory(), baseEntryIds);
    }

    @Override
    public WspResult<List<ProtocolInfo>> installLayer(LayeredProviderFactory layer, List<Integer> baseEntryIds) {
        if (layer == null || baseEntryIds == null) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        synchronized (lock) {
            Snapshot s = snapshot;
            for (Integer id : baseEntryIds) {
                CatalogEntry b = id == null ? null : s.byId().get(id);
                if (b == null || !b.isBase()) {
                    return WspResult.fail(WsaError.WSAEINVAL);
                }
            }
            LayerSlot slot = knownSlot(layer);
            if (slot == null) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            List<CatalogEntry> order = new ArrayList<>(s.order());
            CatalogEntry own = ownEntry(order, slot);
            List<ProtocolInfo> made = new ArrayList<>();
            for (Integer baseId : baseEntryIds) {
                CatalogEntry chain = insertChain(order, List.of(own), s.byId().get(baseId));
                made.add(chain.info());
            }
            publish(order);
            LOG.debug("layer {} installed over entries {}", slot.name(), baseEntryIds);
            return WspResult.ok(List.copyOf(made));
        }
    }

    @Override
    public WspResult<ProtocolInfo> installChain(List<String> layersTopDown, int baseEntryId) {
        if (layersTopDown == null) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        synchronized (lock) {
            Snapshot s = snapshot;
            CatalogEntry base = s.byId().get(baseEntryId);
            if (base == null || !base.isBase() || layersTopDown.isEmpty()
                    || layersTopDown.size() + 1 > ProtocolChain.MAX_LENGTH) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            List<CatalogEntry> owns = new ArrayList<>();
            for (String name : layersTopDown) {
                CatalogEntry own = name == null ? null : installedOwnEntry(s, name);
                if (own == null) {
                    return WspResult.fail(WsaError.WSAEINVAL);
                }
                owns.add(own);
            }
            List<CatalogEntry> order = new ArrayList<>(s.order());
            CatalogEntry chain = insertChain(order, owns, base);
            publish(order);
            LOG.debug("chain {} installed", chain.info().name());
            return WspResult.ok(chain.info());
        }
    }

    @Override
    public WspResult<Void> remove(int catalogEntryId) {
        List<Integer> removed = new ArrayList<>();
        synchronized (lock) {
            Snapshot s = snapshot;
            CatalogEntry target = s.byId().get(catalogEntryId);
            if (target == null) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            List<CatalogEntry> order = new ArrayList<>();
            for (CatalogEntry e : s.order()) {
                boolean gone = e == target
                        || (e.isChain() && !target.isChain() && e.info().chain().entries().contains(catalogEntryId));
                if (gone) {
                    removed.add(e.id());
                } else {
                    order.add(e);
                }
            }
            publish(order);
            LOG.debug("catalog entries {} removed", removed);
        }
        for (int id : removed) {
            for (IntConsumer l : listeners()) {
                l.accept(id);
            }
        }
        return WspResult.ok();
    }

    @Override
    public WspResult<Void> move(int catalogEntryId, int index) {
        synchronized (lock) {
            Snapshot s = snapshot;
            CatalogEntry target = s.byId().get(catalogEntryId);
            if (target == null || index < 0 || index >= s.order().size()) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            List<CatalogEntry> order = new ArrayList<>(s.order());
            order.remove(target);
            order.add(index, target);
            publish(order);
            return WspResult.ok();
        }
    }

    // ---- internals (under lock)

    private List<IntConsumer> listeners() {
        synchronized (lock) {
            return List.copyOf(removalListeners);
        }
    }

    private LayerSlot knownSlot(LayeredProviderFactory layer) {
        String name;
        try {
            name = layer.name();
        } catch (RuntimeException | LinkageError e) {
            LOG.error("layer {}: name() threw", layer.getClass().getName(), e);
            return null;
        }
        LayerSlot slot = knownLayers.get(name);
        if (slot != null) {
            return slot.factory() == layer || slot.factory().getClass() == layer.getClass() ? slot : null;
        }
        slot = layerSlots.apply(layer);
        if (slot != null) {
            knownLayers.put(name, slot);
        }
        return slot;
    }

    private CatalogEntry installedOwnEntry(Snapshot s, String layerName) {
        for (CatalogEntry e : s.order()) {
            if (e.isLayer() && e.layer().name().equals(layerName)) {
                return e;
            }
        }
        return null;
    }

    /** The layer's own hidden entry, added at the end of {@code order} when it is not there yet. */
    private CatalogEntry ownEntry(List<CatalogEntry> order, LayerSlot slot) {
        for (CatalogEntry e : order) {
            if (e.isLayer() && e.layer() == slot) {
                return e;
            }
        }
        ProtocolInfo info = new ProtocolInfo(slot.name(), slot.providerId(), nextId++, 0, 0, 0, 0, 0,
                ProviderFlags.PFL_HIDDEN, ProtocolChain.layered(), 0, 2);
        CatalogEntry own = new CatalogEntry(info, null, slot);
        order.add(own);
        return own;
    }

    private CatalogEntry insertChain(List<CatalogEntry> order, List<CatalogEntry> owns, CatalogEntry base) {
        List<Integer> ids = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        for (CatalogEntry own : owns) {
            ids.add(own.id());
            name.append(own.layer().name()).append(" over ");
        }
        ids.add(base.id());
        name.append(base.info().name());
        ProtocolInfo info = base.info().withCatalogEntryId(nextId++).withChain(ProtocolChain.of(ids))
                .withName(name.toString()).withProviderId(owns.getFirst().layer().providerId())
                .withExtensionFunctions(Set.of()); // a layer passes no extension function on (ForwardingSocket)
        CatalogEntry chain = new CatalogEntry(info, null, null);
        order.add(order.indexOf(base), chain);
        return chain;
    }

    private void publish(List<CatalogEntry> order) {
        Map<Integer, CatalogEntry> byId = new HashMap<>();
        for (CatalogEntry e : order) {
            byId.put(e.id(), e);
        }
        snapshot = new Snapshot(List.copyOf(order), Map.copyOf(byId));
    }
}
