package io.jwsp.runtime.fake;

import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.StartupReply;
import io.jwsp.spi.Upcalls;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A base provider that records what the runtime asked of it. */
public final class FakeProvider implements WspProvider {
    public final String name;
    public final ProviderContext context;
    private final boolean failStartup;
    public volatile int startups;
    public volatile int cleanups;
    public volatile Upcalls upcalls;
    public final List<ProtocolInfo> socketInfos = new CopyOnWriteArrayList<>();
    public final List<FakeSocket> sockets = new CopyOnWriteArrayList<>();

    FakeProvider(String name, ProviderContext context, boolean failStartup) {
        this.name = name;
        this.context = context;
        this.failStartup = failStartup;
    }

    @Override
    public synchronized WspResult<StartupReply> startup(WsaVersion requested, Upcalls up) {
        if (failStartup) {
            return WspResult.fail(WsaError.WSASYSNOTREADY);
        }
        WspResult<StartupReply> r = WsaVersion.negotiate(requested, WsaVersion.V2_2, WsaVersion.V2_2);
        if (r.isOk()) {
            startups++;
            upcalls = up;
        }
        return r;
    }

    @Override
    public synchronized WspResult<Void> cleanup() {
        if (startups == cleanups) {
            return WspResult.fail(WsaError.WSANOTINITIALISED);
        }
        cleanups++;
        return WspResult.ok();
    }

    /** Startups not yet matched by a cleanup. */
    public synchronized int started() {
        return startups - cleanups;
    }

    @Override
    public WspResult<WspSocket> socket(ProtocolInfo info, int af, int type, int protocol, int flags) {
        socketInfos.add(info);
        FakeSocket s = new FakeSocket(this, info);
        sockets.add(s);
        return WspResult.ok(s);
    }

    @Override
    public WspResult<SelectSets> select(SelectSets sets, long timeoutNanos) {
        List<WspSocket> read = sets.read().stream().filter(s -> ((FakeSocket) s).readable()).toList();
        return WspResult.ok(new SelectSets(read, sets.write(), List.of()));
    }

    @Override
    public WspResult<Void> cancelBlockingCall(Thread thread) {
        for (FakeSocket s : sockets) {
            if (s.cancelIfBlocked(thread)) {
                return WspResult.ok();
            }
        }
        return WspResult.fail(WsaError.WSAEINVAL);
    }

    /** A provider extension for unwrap tests. */
    public interface Probe {
        String providerName();
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        if (type == Probe.class) {
            return Optional.of(type.cast((Probe) () -> name));
        }
        return WspProvider.super.unwrap(type);
    }
}
