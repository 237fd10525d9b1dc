package io.jwsp.cli.setup;

import io.jwsp.cli.CliFailure;
import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.spi.WspProviderFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider factories one class loader offers through {@link ServiceLoader}: the CLI's own (the four providers
 * it ships with), or a third party's jar for {@code selftest --jar}. A factory that fails to load is logged and left
 * out, as the runtime's own discovery does.
 */
public final class ProviderDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderDirectory.class);

    private final ClassLoader loader;
    private final List<WspProviderFactory> providers;
    private final List<LayeredProviderFactory> layers;

    private ProviderDirectory(ClassLoader loader, List<WspProviderFactory> providers,
                              List<LayeredProviderFactory> layers) {
        this.loader = loader;
        this.providers = List.copyOf(providers);
        this.layers = List.copyOf(layers);
    }

    /** The providers on the CLI's own class path. */
    public static ProviderDirectory builtIn() {
        return of(ProviderDirectory.class.getClassLoader());
    }

    public static ProviderDirectory of(ClassLoader loader) {
        return new ProviderDirectory(loader, load(WspProviderFactory.class, loader),
                load(LayeredProviderFactory.class, loader));
    }

    private static <S> List<S> load(Class<S> service, ClassLoader loader) {
        List<S> out = new ArrayList<>();
        try {
            for (ServiceLoader.Provider<S> p : ServiceLoader.load(service, loader).stream().toList()) {
                try {
                    out.add(p.get());
                } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                    LOG.warn("skipping {} {}: {}", service.getSimpleName(), p.type().getName(), e.toString());
                }
            }
        } catch (ServiceConfigurationError e) {
            LOG.warn("cannot list {} services: {}", service.getSimpleName(), e.toString());
        }
        return out;
    }

    public ClassLoader loader() {
        return loader;
    }

    public List<WspProviderFactory> providers() {
        return providers;
    }

    public List<LayeredProviderFactory> layers() {
        return layers;
    }

    public List<String> names() {
        return providers.stream().map(WspProviderFactory::name).toList();
    }

    public Optional<WspProviderFactory> find(String name) {
        return providers.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The factory named {@code name}; a usage error listing the known names otherwise. */
    public WspProviderFactory require(String name) {
        return find(name).orElseThrow(() -> CliFailure.usage(
                "unknown provider '" + name + "'; known: " + (providers.isEmpty() ? "(none)" : String.join(", ", names()))));
    }

    /** The name of the base provider or layer with this id, or {@code null}. */
    public String nameOf(UUID providerId) {
        for (WspProviderFactory f : providers) {
            if (f.providerId().equals(providerId)) {
                return f.name();
            }
        }
        for (LayeredProviderFactory l : layers) {
            if (l.providerId().equals(providerId)) {
                return l.name();
            }
        }
        return null;
    }
}
