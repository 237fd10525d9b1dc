package io.jwsp.runtime.fake.discovery;

import io.jwsp.runtime.fake.FakeProviderFactory;
import java.util.UUID;

/** A well-behaved discoverable provider. */
public class GoodFactory extends FakeProviderFactory {
    public static final UUID ID = UUID.fromString("00000000-0000-0000-0000-00000000000a");

    public GoodFactory() {
        super("good", ID, 10);
        entry("good stream", 2, 1, 6, true);
    }
}
