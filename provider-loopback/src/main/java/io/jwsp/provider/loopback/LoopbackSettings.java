package io.jwsp.provider.loopback;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The provider's settings ({@code jwsp.loopback.<key>}): {@code timeWaitMillis} (default 240000, Windows' 2MSL),
 * {@code sendBufferBytes} and {@code receiveBufferBytes} (the SO_SNDBUF / SO_RCVBUF defaults, 65536 each) and
 * {@code datagramReceiveBufferBytes} (65536), and {@code spinMicros}: how long at most a blocked call spins for its
 * peer before it parks (default 50, longer than a parked thread's wake-up on a VM; see
 * {@link io.jwsp.provider.loopback.core.CountedCondition}). The spin yields the processor on every turn, so it pays on
 * one processor too: the writer fills the ring until it must wait, and only then does the reader run, taking every
 * chunk in one turn, instead of one wake-up (and preemption) per send. A value that is not a number in
 * range is an {@link IllegalArgumentException} (the provider then fails to start), never silently the default.
 */
public record LoopbackSettings(long timeWaitNanos, int sendBuffer, int receiveBuffer, int datagramReceiveBuffer,
                               long spinNanos) {
    public static final long DEFAULT_TIME_WAIT_MILLIS = 240_000;
    public static final int DEFAULT_BUFFER = 64 * 1024;
    public static final long DEFAULT_SPIN_MICROS = 50;

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
        // A value that does not parse is refused, never replaced by the default: a typo must not pass unnoticed.
        long v = Long.parseLong(text.trim());
        if (v < 0 || v > Integer.MAX_VALUE && !key.equals("timeWaitMillis")) {
            throw new IllegalArgumentException("loopback." + key + " is 0.." + Integer.MAX_VALUE + ", not " + text);
        }
        return v;
    }
}
