package io.jwsp.runtime.fake.discovery;

import io.jwsp.runtime.fake.FakeProviderFactory;

/** A provider whose name() throws. */
public class ThrowingNameFactory extends FakeProviderFactory {
    public ThrowingNameFactory() {
        super("unused", 1);
    }

    @Override
    public String name() {
        throw new UnsupportedOperationException("no name today");
    }
}
