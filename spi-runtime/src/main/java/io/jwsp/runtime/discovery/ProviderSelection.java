package io.jwsp.runtime.discovery;

import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.spi.WspProviderFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which base providers a runtime gets, and in what order. Replacements come first, then explicitly bound
 * factories, then discovered ones; a factory whose name or provider id is already taken is left out (so a bound
 * or replacing factory beats a discovered one with the same name or id). Excluded names are dropped everywhere.
 * The order is the catalog's: the names of {@code preferredOrder} first, in that order; then the rest by
 * priority, then name, then provider id.
 */
public final class ProviderSelection {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderSelection.class);

    /** A factory with the answers the runtime needs, asked once (a factory that throws here is left out). */
    public record Named(WspProviderFactory factory, String name, UUID providerId, int priority) {
    }

    private ProviderSelection() {
    }

    public static List<Named> select(List<WspProviderFactory> replacements, List<WspProviderFactory> bound,
                                     List<WspProviderFactory> discovered, Set<String> excluded,
                                     List<String> preferredOrder) {
        Map<String, Named> byName = new LinkedHashMap<>();
        Set<UUID> ids = new HashSet<>();
        List<WspProviderFactory> all = new ArrayList<>(replacements);
        all.addAll(bound);
        all.addAll(discovered);
        for (WspProviderFactory f : all) {
            if (f == null) {
                continue;
            }
            Named n = named(f);
            if (n == null) {
                continue;
            }
            if (excluded.contains(n.name()) || excluded.contains(f.getClass().getName())) {
                LOG.info("provider {} excluded", n.name());
                continue;
            }
            if (byName.containsKey(n.name()) || ids.contains(n.providerId())) {
                if (byName.get(n.name()) == null || byName.get(n.name()).factory() != f) {
                    LOG.info("provider {} ({}) left out: its name or id {} is already taken", n.name(),
                            f.getClass().getName(), n.providerId());
                }
                continue;
            }
            byName.put(n.name(), n);
            ids.add(n.providerId());
        }
        List<Named> rest = new ArrayList<>(byName.values());
        List<Named> out = new ArrayList<>();
        for (String name : preferredOrder) {
            Named n = byName.get(name);
            if (n != null && rest.remove(n)) {
                out.add(n);
            }
        }
        rest.sort(Comparator.comparingInt(Named::priority).thenComparing(Named::name)
                .thenComparing(Named::providerId));
        out.addAll(rest);
        return List.copyOf(out);
    }

    /** Layers by name, first one wins, excluded names dropped. */
    public static List<LayeredProviderFactory> selectLayers(List<LayeredProviderFactory> layers,
                                                            Set<String> excluded) {
        Map<String, LayeredProviderFactory> byName = new LinkedHashMap<>();
        for (LayeredProviderFactory l : layers) {
            try {
                String name = Objects.requireNonNull(l.name(), "name()");
                if (!excluded.contains(name) && !excluded.contains(l.getClass().getName())) {
                    byName.putIfAbsent(name, l);
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.error("layer {} left out: name() threw", l.getClass().getName(), e);
            }
        }
        return List.copyOf(byName.values());
    }

    private static Named named(WspProviderFactory f) {
        try {
            return new Named(f, Objects.requireNonNull(f.name(), "name()"),
                    Objects.requireNonNull(f.providerId(), "providerId()"), f.priority());
        } catch (RuntimeException | LinkageError e) {
            LOG.error("provider {} left out: name(), providerId() or priority() threw", f.getClass().getName(), e);
            return null;
        }
    }
}
