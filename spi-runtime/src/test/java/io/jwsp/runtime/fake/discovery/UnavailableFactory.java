package io.jwsp.runtime.fake.discovery;

import io.jwsp.runtime.fake.FakeProviderFactory;
import io.jwsp.spi.Availability;

/** A provider that says it cannot run here. */
public class UnavailableFactory extends FakeProviderFactory {
    public UnavailableFactory() {
        super("unavailable", 1);
        entry("unavailable stream", 2, 1, 6, true);
    }

    @Override
    public Availability availability() {
        return Availability.unavailable("no such hardware");
    }
}
