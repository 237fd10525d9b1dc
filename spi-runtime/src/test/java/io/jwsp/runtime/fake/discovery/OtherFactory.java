package io.jwsp.runtime.fake.discovery;

import io.jwsp.runtime.fake.FakeProviderFactory;
import java.util.UUID;

/** A second well-behaved discoverable provider. */
public class OtherFactory extends FakeProviderFactory {
    public OtherFactory() {
        super("other", UUID.fromString("00000000-0000-0000-0000-00000000000b"), 20);
        entry("other dgram", 2, 2, 17, true);
    }
}
