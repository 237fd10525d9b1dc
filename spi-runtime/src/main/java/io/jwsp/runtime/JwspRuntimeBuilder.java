package io.jwsp.runtime;

import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import io.jwsp.runtime.guice.JwspModule;
import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.trace.WireTap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds a {@link JwspRuntime} without writing Guice code (it uses {@link JwspModule} inside). */
public final class JwspRuntimeBuilder {
    final List<WspProviderFactory> providers = new ArrayList<>();
    final List<LayeredProviderFactory> layers = new ArrayList<>();
    final List<Module> modules = new ArrayList<>();
    final Set<String> excluded = new LinkedHashSet<>();
    final Map<String, String> settings = new LinkedHashMap<>();
    ClassLoader discoveryLoader;
    TimeSource timeSource;
    WireTap wireTap;

    JwspRuntimeBuilder() {
    }

    /** Adds a base provider explicitly (no ServiceLoader involved). */
    public JwspRuntimeBuilder provider(WspProviderFactory factory) {
        providers.add(factory);
        return this;
    }

    /** Discovers base and layered providers with {@code ServiceLoader.stream()} on {@code loader}. */
    public JwspRuntimeBuilder discover(ClassLoader loader) {
        this.discoveryLoader = loader;
        return this;
    }

    /** Leaves out providers by name, discovered or not. */
    public JwspRuntimeBuilder exclude(String... providerNames) {
        excluded.addAll(List.of(providerNames));
        return this;
    }

    /**
     * Installs a layer over every base entry (its hidden entry plus one chain per base entry). Several layers
     * stack in the order given, the first on top: each base entry gets one chain [L1 .. Ln, base].
     */
    public JwspRuntimeBuilder layer(LayeredProviderFactory layer) {
        layers.add(layer);
        return this;
    }

    public JwspRuntimeBuilder timeSource(TimeSource source) {
        this.timeSource = source;
        return this;
    }

    public JwspRuntimeBuilder wireTap(WireTap tap) {
        this.wireTap = tap;
        return this;
    }

    /** A provider setting, {@code key} written {@code <provider>.<name>} (for instance {@code irda.baud}). */
    public JwspRuntimeBuilder setting(String key, String value) {
        settings.put(key, value);
        return this;
    }

    /** Extra Guice modules, applied as overrides of the runtime's own. */
    public JwspRuntimeBuilder modules(Module... extra) {
        modules.addAll(List.of(extra));
        return this;
    }

    /** A new runtime, made by a Guice injector of its own from {@link JwspModule}. */
    public JwspRuntime build() {
        List<Module> own = new ArrayList<>();
        own.add(discoveryLoader != null ? JwspModule.withDiscovery(discoveryLoader) : JwspModule.withoutDiscovery());
        own.add(JwspModule.providers(providers.toArray(WspProviderFactory[]::new)));
        own.add(JwspModule.layers(layers.toArray(LayeredProviderFactory[]::new)));
        own.add(JwspModule.exclude(excluded.toArray(String[]::new)));
        own.add(JwspModule.settings(settings));
        if (timeSource != null) {
            own.add(JwspModule.timeSource(timeSource));
        }
        if (wireTap != null) {
            own.add(JwspModule.wireTap(wireTap));
        }
        Module all = Modules.combine(own);
        if (!modules.isEmpty()) {
            all = Modules.override(all).with(modules);
        }
        return Guice.createInjector(all).getInstance(JwspRuntime.class);
    }
}
