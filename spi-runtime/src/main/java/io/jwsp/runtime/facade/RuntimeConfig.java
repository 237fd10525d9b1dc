package io.jwsp.runtime.facade;

import io.jwsp.runtime.discovery.ProviderSelection;
import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.trace.WireTap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one runtime is built from, already decided: the base providers in catalog order, the layers to
 * install over every base entry, the layers only made known by name, settings, clock and tap.
 *
 * @param ownsClock whether the runtime closes the clock when it closes (the default SystemTimeSource)
 * @param skipped   what discovery left out, one line each
 */
public record RuntimeConfig(List<ProviderSelection.Named> providers, List<LayeredProviderFactory> installedLayers,
                            List<LayeredProviderFactory> availableLayers, Map<String, String> settings,
                            TimeSource clock, boolean ownsClock, WireTap wireTap, List<String> skipped) {
    public RuntimeConfig {
        providers = List.copyOf(providers);
        installedLayers = List.copyOf(installedLayers);
        availableLayers = List.copyOf(availableLayers);
        settings = Map.copyOf(settings);
        skipped = List.copyOf(skipped);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(wireTap, "wireTap");
    }
}
