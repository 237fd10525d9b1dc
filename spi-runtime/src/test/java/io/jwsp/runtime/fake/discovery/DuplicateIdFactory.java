package io.jwsp.runtime.fake.discovery;

import io.jwsp.runtime.fake.FakeProviderFactory;

/** Claims {@link GoodFactory}'s provider id under another name: rejected. */
public class DuplicateIdFactory extends FakeProviderFactory {
    public DuplicateIdFactory() {
        super("duplicate", GoodFactory.ID, 1);
        entry("duplicate stream", 2, 1, 6, true);
    }
}
