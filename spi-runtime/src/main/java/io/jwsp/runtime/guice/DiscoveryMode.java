package io.jwsp.runtime.guice;

import java.util.Objects;

/**
 * Whether the runtime discovers providers with ServiceLoader, and on which class loader ({@code null} when off).
 * The thread context class loader is never used.
 */
public record DiscoveryMode(boolean enabled, ClassLoader loader) {
    public static final DiscoveryMode OFF = new DiscoveryMode(false, null);

    public static DiscoveryMode on(ClassLoader loader) {
        return new DiscoveryMode(true, Objects.requireNonNull(loader, "loader"));
    }
}
