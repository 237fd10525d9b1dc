package io.jwsp.runtime.discovery;

import java.util.List;

/**
 * What one discovery pass found: the usable factories in ServiceLoader order, and one line per entry left out
 * (broken, unavailable, excluded or a duplicate), each naming the entry.
 */
public record Discovered<T>(List<T> factories, List<String> skipped) {
    public Discovered {
        factories = List.copyOf(factories);
        skipped = List.copyOf(skipped);
    }
}
