package io.jwsp.runtime.fake;

import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.StartupReply;
import io.jwsp.spi.Upcalls;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.result.WspResult;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A layer that records the protocol info it was given and passes it down unchanged. */
public class FakeLayerFactory implements LayeredProviderFactory {
    private final String name;
    public final List<Layer> created = new CopyOnWriteArrayList<>();

    public FakeLayerFactory(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public UUID providerId() {
        return UUID.nameUUIDFromBytes(("layer-" + name).getBytes());
    }

    @Override
    public WspProvider create(ProviderContext context, WspProvider lower) {
        Layer l = new Layer(lower);
        created.add(l);
        return l;
    }

    public static final class Layer implements WspProvider {
        public final WspProvider lower;
        public final List<ProtocolInfo> seen = new CopyOnWriteArrayList<>();
        public volatile int startups;
        public volatile int cleanups;

        Layer(WspProvider lower) {
            this.lower = lower;
        }

        @Override
        public WspResult<StartupReply> startup(WsaVersion requested, Upcalls upcalls) {
            startups++;
            return lower.startup(requested, upcalls);
        }

        @Override
        public WspResult<Void> cleanup() {
            cleanups++;
            return lower.cleanup();
        }

        @Override
        public WspResult<WspSocket> socket(ProtocolInfo info, int af, int type, int protocol, int flags) {
            seen.add(info);
            return lower.socket(info, af, type, protocol, flags);
        }
    }
}
