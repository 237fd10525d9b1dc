package io.jwsp.layer.readme;

import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.kit.ForwardingProvider;
import io.jwsp.spi.kit.ForwardingSocket;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.util.UUID;

/** The README's example layer: refuses connects to one port; every other call passes down untouched. */
public final class BlockPortLayer implements LayeredProviderFactory {
    private final int port;

    public BlockPortLayer(int port) {
        this.port = port;
    }

    @Override public String name() { return "block-port"; }

    @Override public UUID providerId() { return UUID.fromString("3b0d8e4a-52c1-4f0e-9a57-1d2b7c9e0a11"); }

    @Override
    public WspProvider create(ProviderContext context, WspProvider lower) {
        return new ForwardingProvider(lower) {
            @Override
            protected WspSocket wrap(WspSocket below) {
                return new ForwardingSocket(this, below) {
                    @Override
                    public WspResult<Void> connect(SockAddr name) {
                        return name instanceof InetSockAddr a && a.port() == port
                                ? WspResult.fail(WsaError.WSAEACCES)
                                : super.connect(name);
                    }
                };
            }
        };
    }
}
