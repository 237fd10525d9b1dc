package io.jwsp.provider.loopback;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's settings ({@code jwsp.loopback.<key>}): {@code timeWaitMillis} (default 240000, Windows' 2MSL),
 * {@code sendBufferBytes} and {@code receiveBufferBytes} (the SO_SNDBUF / SO_RCVBUF defaults, 65536 each) and
 * {@code datagramReceiveBufferBytes} (65536), and {@code spinMicros}: how long at most a blocked call spins for its
 * peer before it parks (default 50, longer than a parked thread's wake-up on a VM, when there is more than one
 * processor, else 0; see {@link io.jwsp.provider.loopback.core.CountedCondition}).
 */
public record LoopbackSettings(long timeWaitNanos, int sendBuffer, int receiveBuffer, int datagramReceiveBuffer,
                               long spinNanos) {
    private static final Logger LOG = LoggerFactory.getLogger(LoopbackSettings.class);
    public static final long DEFAULT_TIME_WAIT_MILLIS = 240_000;
    public static final int DEFAULT_BUFFER = 64 * 1024;
    public static final long DEFAULT_SPIN_MICROS = Runtime.getRuntime().availableProcessors() > 1 ? 50 : 0;

    public static LoopbackSettings from(Map<String, String> settings) {
        return new LoopbackSettings(
                TimeUnit.MILLISECONDS.toNanos(number(settings, "timeWaitMillis", DEFAULT_TIME_WAIT_MILLIS)),
                (int) number(settings, "sendBufferBytes", DEFAULT_BUFFER),
                (int) number(settings, "receiveBufferBytes", DEFAULT_BUFFER),
                (int) number(settings, "datagramReceiveBufferBytes", DEFAULT_BUFFER),
                TimeUnit.MICROSECONDS.toNanos(number(settings, "spinMicros", DEFAULT_SPIN_MICROS)));
    }

    private static long number(Map<String, String> settings, String key, long fallback) {
        String text = settings == null ? null : settings.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            long v = Long.parseLong(text.trim());
            if (v < 0 || v > Integer.MAX_VALUE && !key.equals("timeWaitMillis")) {
                throw new NumberFormatException("out of range");
            }
            return v;
        } catch (NumberFormatException e) {
            LOG.warn("loopback setting {}={} is not a valid number; using {}", key, text, fallback);
            return fallback;
        }
    }
}
