package io.jwsp.layer.chain;

import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.kit.ForwardingProvider;
import io.jwsp.spi.kit.ForwardingSocket;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A layer written the way the README shows: it counts sends and records the protocol info socket() got. */
final class CountingLayer implements LayeredProviderFactory {
    private final String name;
    private final UUID id;
    final AtomicInteger sends = new AtomicInteger();
    final List<ProtocolInfo> socketInfos = new CopyOnWriteArrayList<>();

    CountingLayer(String name) {
        this.name = name;
        this.id = UUID.nameUUIDFromBytes(name.getBytes());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public UUID providerId() {
        return id;
    }

    @Override
    public WspProvider create(ProviderContext context, WspProvider lower) {
        return new ForwardingProvider(lower) {
            @Override
            public WspResult<WspSocket> socket(ProtocolInfo info, int af, int type, int protocol, int flags) {
                socketInfos.add(info);
                return super.socket(info, af, type, protocol, flags);
            }

            @Override
            protected WspSocket wrap(WspSocket below) {
                return new ForwardingSocket(this, below) {
                    @Override
                    public WspResult<Integer> send(ByteBuffer[] buffers, int flags, io.jwsp.spi.io.Overlapped o) {
                        sends.incrementAndGet();
                        return super.send(buffers, flags, o);
                    }
                };
            }
        };
    }
}
