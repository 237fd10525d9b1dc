package io.jwsp.layer.faults;

import io.jwsp.spi.StartupReply;
import io.jwsp.spi.Upcalls;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.kit.ForwardingProvider;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.TimeSource;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The fault layer above one lower provider. Provider-wide calls (socket, select, ...) count as socket 0. */
final class FaultProvider extends ForwardingProvider {
    private static final Logger LOG = LoggerFactory.getLogger(FaultProvider.class);

    private final FaultLayer layer;
    private final TimeSource clock;
    private final AtomicInteger ordinals = new AtomicInteger();
    private final FaultScope providerScope = new FaultScope(new ProviderTarget());

    FaultProvider(WspProvider lower, FaultLayer layer, TimeSource clock) {
        super(lower);
        this.layer = layer;
        this.clock = clock;
    }

    TimeSource clock() {
        return clock;
    }

    @Override
    protected WspSocket wrap(WspSocket lowerSocket) {
        return newSocket(lowerSocket, false);
    }

    /** A fault socket with the next ordinal; {@code accepted} for sockets accept (or joinLeaf) brought up. */
    WspSocket newSocket(WspSocket lowerSocket, boolean accepted) {
        return new FaultSocket(this, lowerSocket, ordinals.incrementAndGet(), accepted);
    }

    /** Asks the current plan about one call in {@code scope}; records and logs a fault that fires. */
    FaultAction decide(FaultScope scope, String call, FaultScope.Direction direction) {
        FaultPlan plan = layer.plan();
        if (plan.rules().isEmpty()) {
            return null;
        }
        FaultEvent e = scope.decide(plan, call, direction);
        if (e == null) {
            return null;
        }
        layer.record(e);
        LOG.debug("fault: socket {} {} #{} -> {} (rule {})", e.socket(), call, e.occurrence(), e.action(), e.rule());
        return e.action();
    }

    /** Fail answers its error, Delay waits and passes on (null), Reset and Drop do not apply to provider calls. */
    private <T> WspResult<T> providerFault(String call) {
        FaultAction a = decide(providerScope, call, FaultScope.Direction.NONE);
        return switch (a) {
            case null -> null;
            case FaultAction.Fail f -> WspResult.fail(f.error());
            case FaultAction.Delay d -> sleep(d) ? null : WspResult.fail(WsaError.WSAEINTR);
            case FaultAction.Drop x -> null;
            case FaultAction.Reset r -> null;
        };
    }

    /** Waits on the runtime's clock; false when interrupted (the flag is kept). */
    boolean sleep(FaultAction.Delay d) {
        try {
            clock.sleepNanos(d.delay().toNanos());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public WspResult<StartupReply> startup(WsaVersion requested, Upcalls upcalls) {
        WspResult<StartupReply> f = providerFault("startup");
        return f != null ? f : lower.startup(requested, upcalls);
    }

    @Override
    public WspResult<Void> cleanup() {
        WspResult<Void> f = providerFault("cleanup");
        return f != null ? f : lower.cleanup();
    }

    @Override
    public WspResult<WspSocket> socket(ProtocolInfo info, int addressFamily, int socketType, int protocol,
                                       int flags) {
        WspResult<WspSocket> f = providerFault("socket");
        return f != null ? f : super.socket(info, addressFamily, socketType, protocol, flags);
    }

    @Override
    public WspResult<SelectSets> select(SelectSets sets, long timeoutNanos) {
        WspResult<SelectSets> f = providerFault("select");
        return f != null ? f : super.select(sets, timeoutNanos);
    }

    /** The target provider-wide calls are matched against: ordinal 0, no addresses. */
    private static final class ProviderTarget implements FaultTarget {
        @Override public int ordinal() { return 0; }
        @Override public boolean accepted() { return false; }
        @Override public ProtocolInfo protocolInfo() { return null; }
        @Override public SockAddr localAddress() { return null; }
        @Override public SockAddr peerAddress() { return null; }
    }
}
