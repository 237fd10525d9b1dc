package io.jwsp.cli.settings;

import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspProviderFactory;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds one instance of a provider or layer (never started, so it holds no socket, port or thread) with given
 * settings, and answers which keys it read and whether it accepted the values. Providers read their settings
 * record when they are built ({@code create}), as every shipped provider and the sample do.
 */
final class SettingsProbe {
    private final String name;
    private final Function<ProbeContext, WspProvider> build;

    private SettingsProbe(String name, Function<ProbeContext, WspProvider> build) {
        this.name = name;
        this.build = build;
    }

    static SettingsProbe of(WspProviderFactory f) {
        return new SettingsProbe(f.name(), f::create);
    }

    static SettingsProbe of(LayeredProviderFactory f) {
        return new SettingsProbe(f.name(), c -> f.create(c, inertLower()));
    }

    String name() {
        return name;
    }

    /** What building the provider with {@code values} (prefix removed) read, and what it threw. */
    Outcome run(Map<String, String> values) {
        ReadRecorder recorder = new ReadRecorder(values);
        try {
            build.apply(new ProbeContext(recorder));
            return new Outcome(recorder.keysRead(), null, null);
        } catch (RuntimeException | LinkageError e) {
            return new Outcome(recorder.keysRead(), e, recorder.lastAnswered());
        }
    }

    /**
     * @param rejection   what the provider threw for these values, or {@code null}
     * @param lastAnswered the last key read that had a value before the throw (the one a parse error is about)
     */
    record Outcome(Set<String> keysRead, Throwable rejection, String lastAnswered) {
    }

    /** A provider below a layer under probe: a layer is built above it but never calls it. */
    private static WspProvider inertLower() {
        return (WspProvider) Proxy.newProxyInstance(WspProvider.class.getClassLoader(),
                new Class<?>[] {WspProvider.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "toString" -> "a provider that only serves a settings probe";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
