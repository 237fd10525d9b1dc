package io.jwsp.runtime.guice;

import java.util.List;

/**
 * Provider names to put first in the catalog, in this order; providers not named follow in the default order
 * (priority, then name, then provider id). Bind one with {@link JwspModule#providerOrder}.
 */
public record ProviderOrder(List<String> names) {
    public static final ProviderOrder DEFAULT = new ProviderOrder(List.of());

    public ProviderOrder {
        names = List.copyOf(names);
    }
}
