package io.jwsp.runtime;

import io.jwsp.runtime.catalog.Catalog;
import io.jwsp.spi.time.TimeSource;
import java.util.List;
import java.util.Optional;

/**
 * One isolated jwsp runtime: its catalog, its provider instances, its handle table and its clock. Nothing is
 * shared with another runtime in the same JVM. Built by Guice from {@link io.jwsp.runtime.guice.JwspModule}, or
 * with {@link #builder()} for code that does not use Guice.
 */
public interface JwspRuntime extends AutoCloseable {
    /** The Winsock-style API. */
    Winsock winsock();

    /** The protocol catalog: entries in order, and the operations that install, remove and reorder them. */
    Catalog catalog();

    TimeSource timeSource();

    /** How many handles are open now (the testkit's leak check). */
    int openHandles();

    /**
     * A provider-specific extension of the started provider named {@code providerName} (its {@code unwrap}), for
     * instance a simulated medium's controls or a TIME_WAIT table.
     */
    <T> Optional<T> providerExtension(String providerName, Class<T> type);

    /**
     * One line per provider or layer that discovery left out (broken, unavailable, excluded, a duplicate id),
     * naming it and saying why; empty without discovery.
     */
    default List<String> skippedProviders() {
        return List.of();
    }

    /** Closes every open socket and cleans up every provider, whatever the startup count. */
    @Override
    void close();

    static JwspRuntimeBuilder builder() {
        return new JwspRuntimeBuilder();
    }
}
