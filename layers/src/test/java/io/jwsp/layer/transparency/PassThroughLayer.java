package io.jwsp.layer.transparency;

import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.kit.ForwardingProvider;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Nothing but {@link ForwardingProvider}; counts the sockets made through it, so a run knows its chain was used. */
final class PassThroughLayer implements LayeredProviderFactory {
    private final AtomicInteger sockets;

    PassThroughLayer(AtomicInteger sockets) {
        this.sockets = sockets;
    }

    @Override
    public String name() {
        return "pass-through";
    }

    @Override
    public UUID providerId() {
        return UUID.fromString("6a1f4c2e-7b1d-4e55-9c0a-7d1e0b7a70ff");
    }

    @Override
    public WspProvider create(ProviderContext context, WspProvider lower) {
        return new ForwardingProvider(lower) {
            @Override
            protected WspSocket wrap(WspSocket below) {
                sockets.incrementAndGet();
                return super.wrap(below);
            }
        };
    }
}
