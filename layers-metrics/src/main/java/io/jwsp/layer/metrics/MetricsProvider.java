package io.jwsp.layer.metrics;

import io.jwsp.spi.StartupReply;
import io.jwsp.spi.Upcalls;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.kit.ForwardingProvider;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.TimeSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;

/** The metrics layer above one lower provider. {@code unwrap(MeterRegistry.class)} answers its registry. */
final class MetricsProvider extends ForwardingProvider {
    private final Meters meters;
    private final TimeSource clock;

    MetricsProvider(WspProvider lower, Meters meters, TimeSource clock) {
        super(lower);
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    protected WspSocket wrap(WspSocket lowerSocket) {
        return new MetricsSocket(this, lowerSocket, meters, clock);
    }

    @Override
    public WspResult<StartupReply> startup(WsaVersion requested, Upcalls upcalls) {
        return meters.observe("startup", lower.startup(requested, upcalls));
    }

    @Override
    public WspResult<Void> cleanup() {
        return meters.observe("cleanup", lower.cleanup());
    }

    @Override
    public WspResult<WspSocket> socket(ProtocolInfo info, int addressFamily, int socketType, int protocol,
                                       int flags) {
        return meters.observe("socket", super.socket(info, addressFamily, socketType, protocol, flags));
    }

    @Override
    public WspResult<SelectSets> select(SelectSets sets, long timeoutNanos) {
        return meters.observe("select", super.select(sets, timeoutNanos));
    }

    @Override
    public WspResult<Void> cancelBlockingCall(Thread thread) {
        return meters.observe("cancelBlockingCall", lower.cancelBlockingCall(thread));
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        if (type == MeterRegistry.class) {
            return Optional.of(type.cast(meters.registry()));
        }
        return super.unwrap(type);
    }
}
