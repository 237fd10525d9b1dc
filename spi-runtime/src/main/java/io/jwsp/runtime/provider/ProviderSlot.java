package io.jwsp.runtime.provider;

import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.Upcalls;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.runtime.handle.OpenSocket;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One base provider of a runtime: its factory, its single instance (made at first use and kept for the runtime's
 * life, so simulated media survive a cleanup), and whether it is started. A provider whose {@code create} or
 * {@code startup} fails is logged by name and answers WSAEPROVIDERFAILEDINIT from then on.
 */
public final class ProviderSlot {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderSlot.class);

    /** The version the runtime asks every provider for, like ReactOS' ws2_32. */
    public static final WsaVersion REQUESTED = WsaVersion.V2_2;

    private final WspProviderFactory factory;
    private final String name;
    private final UUID providerId;
    private final ProviderContext context;
    private final Map<Long, SockOpt<?>> rawOptions;
    private final Object lock = new Object();
    private volatile WspProvider started;
    private WspProvider instance;
    private boolean failed;

    public ProviderSlot(WspProviderFactory factory, String name, UUID providerId, ProviderContext context) {
        this.factory = factory;
        this.name = name;
        this.providerId = providerId;
        this.context = context;
        this.rawOptions = rawOptionTable(factory, name);
    }

    public WspProviderFactory factory() {
        return factory;
    }

    public String name() {
        return name;
    }

    public UUID providerId() {
        return providerId;
    }

    /** The options of the raw option path: the standard ones, then the provider's own. */
    public Map<Long, SockOpt<?>> rawOptions() {
        return rawOptions;
    }

    /** The started instance, creating and starting it on first use. */
    public WspResult<WspProvider> acquire(Upcalls upcalls) {
        WspProvider p = started;
        if (p != null) {
            return WspResult.ok(p);
        }
        synchronized (lock) {
            if (started != null) {
                return WspResult.ok(started);
            }
            if (failed) {
                return WspResult.fail(WsaError.WSAEPROVIDERFAILEDINIT);
            }
            if (instance == null) {
                try {
                    instance = factory.create(context);
                } catch (RuntimeException | LinkageError e) {
                    LOG.error("provider {}: create failed; its sockets answer WSAEPROVIDERFAILEDINIT", name, e);
                }
                if (instance == null) {
                    failed = true;
                    return WspResult.fail(WsaError.WSAEPROVIDERFAILEDINIT);
                }
            }
            WspResult<?> r;
            try {
                r = instance.startup(REQUESTED, upcalls);
            } catch (RuntimeException | LinkageError e) {
                LOG.error("provider {}: startup threw; its sockets answer WSAEPROVIDERFAILEDINIT", name, e);
                r = WspResult.fail(WsaError.WSAEPROVIDERFAILEDINIT);
            }
            if (r == null || !r.isOk()) {
                LOG.error("provider {}: startup answered {}; its sockets answer WSAEPROVIDERFAILEDINIT", name,
                        r == null ? "null" : r.error());
                failed = true;
                return WspResult.fail(WsaError.WSAEPROVIDERFAILEDINIT);
            }
            LOG.debug("provider {} started", name);
            started = instance;
            return WspResult.ok(instance);
        }
    }

    /** The instance if it is started now. */
    public WspProvider startedInstance() {
        return started;
    }

    /** WSPCleanup for the one startup the runtime made; the instance is kept for a later startup. */
    public void cleanup() {
        synchronized (lock) {
            WspProvider p = started;
            if (p == null) {
                return;
            }
            started = null;
            try {
                WspResult<Void> r = p.cleanup();
                if (r != null && !r.isOk()) {
                    LOG.warn("provider {}: cleanup answered {}", name, r.error());
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.error("provider {}: cleanup threw", name, e);
            }
        }
    }

    private static Map<Long, SockOpt<?>> rawOptionTable(WspProviderFactory factory, String name) {
        Map<Long, SockOpt<?>> table = new HashMap<>();
        for (SockOpt<?> o : SocketOptions.STANDARD) {
            table.put(OpenSocket.optionKey(o.level(), o.name()), o);
        }
        List<SockOpt<?>> own;
        try {
            own = factory.socketOptions();
        } catch (RuntimeException | LinkageError e) {
            LoggerFactory.getLogger(ProviderSlot.class).warn("provider {}: socketOptions() threw", name, e);
            own = List.of();
        }
        if (own != null) {
            for (SockOpt<?> o : own) {
                if (o != null) {
                    table.put(OpenSocket.optionKey(o.level(), o.name()), o);
                }
            }
        }
        return Map.copyOf(table);
    }

    @Override
    public String toString() {
        return "provider " + name + " (" + providerId + ")";
    }
}
