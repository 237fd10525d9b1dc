package io.jwsp.runtime.discovery;

import io.jwsp.spi.Availability;
import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.spi.WspProviderFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds base and layered provider factories with {@link ServiceLoader#stream()} on an explicit class loader,
 * never the thread context class loader. One broken entry (a missing class, a throwing constructor, a
 * {@code name()} or {@code providerId()} that throws, an unavailable provider) is logged by name and skipped while
 * the others still load. The first factory with a provider id wins; a later one with the same id is rejected
 * and logged. The exclude list names providers (their {@code name()}) or classes (simple or qualified name);
 * an entry excluded by class is never instantiated.
 */
public final class ProviderDiscovery {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderDiscovery.class);
    /** A guard against a ServiceLoader that keeps failing on the same entry. */
    private static final int MAX_ERRORS = 1_000;

    private final ClassLoader loader;
    private final Set<String> excluded;

    public ProviderDiscovery(ClassLoader loader, Set<String> excluded) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.excluded = Set.copyOf(excluded);
    }

    public Discovered<WspProviderFactory> providers() {
        return discover(WspProviderFactory.class, WspProviderFactory::name, WspProviderFactory::providerId,
                WspProviderFactory::availability);
    }

    public Discovered<LayeredProviderFactory> layers() {
        return discover(LayeredProviderFactory.class, LayeredProviderFactory::name,
                LayeredProviderFactory::providerId, LayeredProviderFactory::availability);
    }

    private <T> Discovered<T> discover(Class<T> service, Function<T, String> nameOf, Function<T, UUID> idOf,
                                       Function<T, Availability> availabilityOf) {
        List<T> found = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<UUID> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        String kind = service.getSimpleName();
        Iterator<ServiceLoader.Provider<T>> it = ServiceLoader.load(service, loader).stream().iterator();
        int errors = 0;
        while (true) {
            ServiceLoader.Provider<T> entry;
            try {
                if (!it.hasNext()) {
                    break;
                }
                entry = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                skip(skipped, kind + ": a service entry could not be loaded: " + e.getMessage(), e);
                if (++errors > MAX_ERRORS) {
                    break;
                }
                continue;
            }
            String className = entry.type().getName();
            if (excluded.contains(className) || excluded.contains(entry.type().getSimpleName())) {
                skip(skipped, kind + " " + className + ": excluded", null);
                continue;
            }
            T factory;
            String name;
            UUID id;
            Availability availability;
            try {
                factory = entry.get();
                name = Objects.requireNonNull(nameOf.apply(factory), "name()");
                id = Objects.requireNonNull(idOf.apply(factory), "providerId()");
                availability = Objects.requireNonNull(availabilityOf.apply(factory), "availability()");
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                skip(skipped, kind + " " + className + ": broken: " + describe(e), e);
                continue;
            }
            if (excluded.contains(name)) {
                skip(skipped, kind + " " + name + " (" + className + "): excluded", null);
                continue;
            }
            if (!availability.available()) {
                skip(skipped, kind + " " + name + " (" + className + "): unavailable: " + availability.reason(),
                        null);
                continue;
            }
            if (!ids.add(id)) {
                skip(skipped, kind + " " + name + " (" + className + "): rejected, provider id " + id
                        + " is already taken", null);
                continue;
            }
            if (!names.add(name)) {
                skip(skipped, kind + " " + name + " (" + className + "): rejected, the name is already taken",
                        null);
                continue;
            }
            LOG.debug("discovered {} {} ({})", kind, name, className);
            found.add(factory);
        }
        return new Discovered<>(found, skipped);
    }

    private static void skip(List<String> skipped, String line, Throwable cause) {
        skipped.add(line);
        if (cause != null) {
            LOG.warn("provider discovery: {}", line, cause);
        } else {
            LOG.warn("provider discovery: {}", line);
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e + " (caused by " + root + ")";
    }
}
