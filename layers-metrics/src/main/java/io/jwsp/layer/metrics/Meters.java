package io.jwsp.layer.metrics;

import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The meters of one metrics layer, looked up once per name and tag set and kept:
 * <ul>
 *   <li>{@code <prefix>.calls{call}}: every call that reached the layer;</li>
 *   <li>{@code <prefix>.errors{call,error,code}}: calls that answered a WSA error;</li>
 *   <li>{@code <prefix>.bytes.sent}, {@code <prefix>.bytes.received}: bytes moved by calls that completed at once;</li>
 *   <li>{@code <prefix>.closes{outcome,type}}: closes as the layer observed them ({@link ObservedClose});</li>
 *   <li>{@code <prefix>.close.duration{outcome}}: how long each close blocked (the linger wait), on the
 *       runtime's clock.</li>
 * </ul>
 */
final class Meters {
    private final MeterRegistry registry;
    private final String prefix;
    private final ConcurrentMap<String, Counter> calls = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> errors = new ConcurrentHashMap<>();
    private final ConcurrentMap<ObservedClose, Counter> closes = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> closeDurations = new ConcurrentHashMap<>();
    private final Counter bytesSent;
    private final Counter bytesReceived;

    Meters(MeterRegistry registry, String prefix) {
        this.registry = registry;
        this.prefix = prefix;
        this.bytesSent = Counter.builder(prefix + ".bytes.sent").baseUnit("bytes").register(registry);
        this.bytesReceived = Counter.builder(prefix + ".bytes.received").baseUnit("bytes").register(registry);
    }

    MeterRegistry registry() {
        return registry;
    }

    /** Counts {@code call} and, when it failed, its error; answers {@code r}. */
    <T> WspResult<T> observe(String call, WspResult<T> r) {
        calls.computeIfAbsent(call, c -> registry.counter(prefix + ".calls", "call", c)).increment();
        WsaError e = r.error();
        if (e != null) {
            errors.computeIfAbsent(call + '/' + e.code(), k -> registry.counter(prefix + ".errors", "call", call,
                    "error", e.symbol(), "code", Integer.toString(e.code()))).increment();
        }
        return r;
    }

    void sent(long bytes) {
        bytesSent.increment(bytes);
    }

    void received(long bytes) {
        bytesReceived.increment(bytes);
    }

    void closed(ObservedClose close, long waitedNanos) {
        closes.computeIfAbsent(close, c -> registry.counter(prefix + ".closes", "outcome", c.outcome().name(),
                "type", c.type())).increment();
        closeDurations.computeIfAbsent(close.outcome().name(), o -> Timer.builder(prefix + ".close.duration")
                .tag("outcome", o).register(registry)).record(waitedNanos, TimeUnit.NANOSECONDS);
    }
}
