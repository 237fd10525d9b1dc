package io.jwsp.runtime.fake.discovery;

import io.jwsp.runtime.fake.FakeProviderFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** A provider whose constructor throws. Counts its construction attempts. */
public class ThrowingConstructorFactory extends FakeProviderFactory {
    public static final AtomicInteger ATTEMPTS = new AtomicInteger();

    public ThrowingConstructorFactory() {
        super("throwing-ctor", 1);
        ATTEMPTS.incrementAndGet();
        throw new IllegalStateException("constructor refuses");
    }
}
