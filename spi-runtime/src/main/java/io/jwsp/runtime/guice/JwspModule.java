package io.jwsp.runtime.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.Winsock;
import io.jwsp.runtime.catalog.Catalog;
import io.jwsp.runtime.discovery.Discovered;
import io.jwsp.runtime.discovery.ProviderDiscovery;
import io.jwsp.runtime.discovery.ProviderSelection;
import io.jwsp.runtime.facade.DefaultJwspRuntime;
import io.jwsp.runtime.facade.RuntimeConfig;
import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.trace.WireTap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds one {@link JwspRuntime} per injector (a singleton of that injector; nothing is JVM-wide).
 *
 * <p>What it binds, and how ordinary modules change it:
 * <ul>
 *   <li>{@code Set<WspProviderFactory>} (Multibinder): base providers to add, beside discovered ones
 *       ({@link #providers}). {@code @ReplacingProviders Set<WspProviderFactory>}: providers that replace any
 *       other with the same name or provider id ({@link #replace}).</li>
 *   <li>{@code @ExcludedProviders Set<String>}: names (or factory class names) left out, discovered or bound
 *       ({@link #exclude}).</li>
 *   <li>{@link ProviderOrder} (OptionalBinder): names put first in the catalog ({@link #providerOrder}).</li>
 *   <li>{@code Set<LayeredProviderFactory>}: layers installed as one stack over every base entry, the first
 *       bound on top: each base entry gets one chain [L1 .. Ln, base] ({@link #layers}; Multibinder keeps the
 *       order within one module, not across modules, so bind a stack in one {@code layers(...)} call);
 *       {@code @AvailableLayers}: layers known by name only ({@link #availableLayers}). Discovered layers are
 *       made available, never installed on their own.</li>
 *   <li>{@link TimeSource} and {@link WireTap} (OptionalBinder): by default a SystemTimeSource the runtime closes,
 *       and {@link WireTap#NONE} ({@link #timeSource}, {@link #wireTap}; {@code Modules.override} works too).</li>
 *   <li>{@code @ProviderSettings Map<String, String>} ({@link #setting}); {@link DiscoveryMode}
 *       ({@link #discovery}, {@link #noDiscovery}).</li>
 * </ul>
 */
public final class JwspModule extends AbstractModule {
    private final DiscoveryMode discovery;

    /** Discovery on the class loader that loaded jwsp's runtime. */
    public JwspModule() {
        this(DiscoveryMode.on(JwspModule.class.getClassLoader()));
    }

    private JwspModule(DiscoveryMode discovery) {
        this.discovery = discovery;
    }

    public static JwspModule withDiscovery(ClassLoader loader) {
        return new JwspModule(DiscoveryMode.on(loader));
    }

    /** Only the providers bound explicitly: what tests want. */
    public static JwspModule withoutDiscovery() {
        return new JwspModule(DiscoveryMode.OFF);
    }

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), WspProviderFactory.class).permitDuplicates();
        Multibinder.newSetBinder(binder(), WspProviderFactory.class, ReplacingProviders.class).permitDuplicates();
        Multibinder.newSetBinder(binder(), LayeredProviderFactory.class).permitDuplicates();
        Multibinder.newSetBinder(binder(), LayeredProviderFactory.class, AvailableLayers.class).permitDuplicates();
        Multibinder.newSetBinder(binder(), String.class, ExcludedProviders.class).permitDuplicates();
        MapBinder.newMapBinder(binder(), String.class, String.class, ProviderSettings.class).permitDuplicates();
        OptionalBinder.newOptionalBinder(binder(), TimeSource.class).setDefault()
                .to(Key.get(TimeSource.class, DefaultClock.class));
        OptionalBinder.newOptionalBinder(binder(), WireTap.class).setDefault().toInstance(WireTap.NONE);
        OptionalBinder.newOptionalBinder(binder(), ProviderOrder.class).setDefault().toInstance(ProviderOrder.DEFAULT);
        OptionalBinder.newOptionalBinder(binder(), DiscoveryMode.class).setDefault().toInstance(discovery);
    }

    /**
     * Every JwspModule is the same module to Guice, so installing it twice (a test kit's and an application's)
     * keeps the first one's bindings instead of failing on duplicates. Use {@link #discovery} or
     * {@link #noDiscovery} to decide discovery whatever was installed first.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof JwspModule;
    }

    @Override
    public int hashCode() {
        return JwspModule.class.hashCode();
    }

    @Provides
    @Singleton
    OwnedClock ownedClock() {
        return new OwnedClock();
    }

    @Provides
    @DefaultClock
    TimeSource defaultClock(OwnedClock owned) {
        return owned.get();
    }

    @Provides
    @Singleton
    JwspRuntime runtime(Set<WspProviderFactory> bound, @ReplacingProviders Set<WspProviderFactory> replacing,
                        Set<LayeredProviderFactory> layers, @AvailableLayers Set<LayeredProviderFactory> available,
                        @ExcludedProviders Set<String> excluded, @ProviderSettings Map<String, String> settings,
                        ProviderOrder order, DiscoveryMode mode, TimeSource clock, WireTap tap, OwnedClock owned) {
        List<WspProviderFactory> discovered = List.of();
        List<LayeredProviderFactory> discoveredLayers = List.of();
        List<String> skipped = new ArrayList<>();
        if (mode.enabled()) {
            ProviderDiscovery d = new ProviderDiscovery(mode.loader(), excluded);
            Discovered<WspProviderFactory> p = d.providers();
            Discovered<LayeredProviderFactory> l = d.layers();
            discovered = p.factories();
            discoveredLayers = l.factories();
            skipped.addAll(p.skipped());
            skipped.addAll(l.skipped());
        }
        List<ProviderSelection.Named> providers = ProviderSelection.select(List.copyOf(replacing),
                List.copyOf(bound), discovered, excluded, order.names());
        List<LayeredProviderFactory> installed = ProviderSelection.selectLayers(List.copyOf(layers), excluded);
        List<LayeredProviderFactory> known = new ArrayList<>(available);
        known.addAll(discoveredLayers);
        return new DefaultJwspRuntime(new RuntimeConfig(providers, installed,
                ProviderSelection.selectLayers(known, excluded), settings, clock, owned.is(clock), tap, skipped));
    }

    @Provides
    Winsock winsock(JwspRuntime runtime) {
        return runtime.winsock();
    }

    @Provides
    Catalog catalog(JwspRuntime runtime) {
        return runtime.catalog();
    }

    // ---- binding helpers: each answers an ordinary module to install beside (or override) this one

    /** Adds base providers. */
    public static Module providers(WspProviderFactory... factories) {
        return binder -> {
            for (WspProviderFactory f : factories) {
                addProvider(binder, f);
            }
        };
    }

    public static void addProvider(Binder binder, WspProviderFactory factory) {
        Multibinder.newSetBinder(binder, WspProviderFactory.class).permitDuplicates().addBinding().toInstance(factory);
    }

    /** Providers that take the place of any provider with the same name or provider id. */
    public static Module replace(WspProviderFactory... factories) {
        return binder -> {
            Multibinder<WspProviderFactory> m =
                    Multibinder.newSetBinder(binder, WspProviderFactory.class, ReplacingProviders.class)
                            .permitDuplicates();
            for (WspProviderFactory f : factories) {
                m.addBinding().toInstance(f);
            }
        };
    }

    /** Leaves providers or layers out by name (or factory class name). */
    public static Module exclude(String... names) {
        return binder -> {
            Multibinder<String> m =
                    Multibinder.newSetBinder(binder, String.class, ExcludedProviders.class).permitDuplicates();
            for (String n : names) {
                m.addBinding().toInstance(n);
            }
        };
    }

    /** Puts these providers first in the catalog, in this order. */
    public static Module providerOrder(String... names) {
        return binder -> OptionalBinder.newOptionalBinder(binder, ProviderOrder.class).setBinding()
                .toInstance(new ProviderOrder(List.of(names)));
    }

    /** Layers installed as one stack over every base entry, the first one on top. */
    public static Module layers(LayeredProviderFactory... layers) {
        return binder -> {
            Multibinder<LayeredProviderFactory> m =
                    Multibinder.newSetBinder(binder, LayeredProviderFactory.class).permitDuplicates();
            for (LayeredProviderFactory l : layers) {
                m.addBinding().toInstance(l);
            }
        };
    }

    /** Layers known by name only, for {@code Catalog.installLayer(String, List)}. */
    public static Module availableLayers(LayeredProviderFactory... layers) {
        return binder -> {
            Multibinder<LayeredProviderFactory> m = Multibinder
                    .newSetBinder(binder, LayeredProviderFactory.class, AvailableLayers.class).permitDuplicates();
            for (LayeredProviderFactory l : layers) {
                m.addBinding().toInstance(l);
            }
        };
    }

    /** The runtime's clock (a VirtualClock in tests). The runtime does not close a clock bound here. */
    public static Module timeSource(TimeSource clock) {
        return binder -> OptionalBinder.newOptionalBinder(binder, TimeSource.class).setBinding().toInstance(clock);
    }

    public static Module wireTap(WireTap tap) {
        return binder -> OptionalBinder.newOptionalBinder(binder, WireTap.class).setBinding().toInstance(tap);
    }

    /** A provider setting, {@code key} written {@code <provider>.<key>}. */
    public static Module setting(String key, String value) {
        return settings(Map.of(key, value));
    }

    public static Module settings(Map<String, String> settings) {
        return binder -> {
            MapBinder<String, String> m = MapBinder
                    .newMapBinder(binder, String.class, String.class, ProviderSettings.class).permitDuplicates();
            settings.forEach((k, v) -> m.addBinding(k).toInstance(v));
        };
    }

    /** Turns discovery on, on {@code loader}, whatever the JwspModule was made with. */
    public static Module discovery(ClassLoader loader) {
        return binder -> OptionalBinder.newOptionalBinder(binder, DiscoveryMode.class).setBinding()
                .toInstance(DiscoveryMode.on(loader));
    }

    /** Turns discovery off, whatever the JwspModule was made with. */
    public static Module noDiscovery() {
        return binder -> OptionalBinder.newOptionalBinder(binder, DiscoveryMode.class).setBinding()
                .toInstance(DiscoveryMode.OFF);
    }
}
