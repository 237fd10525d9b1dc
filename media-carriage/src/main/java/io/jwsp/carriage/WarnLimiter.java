package io.jwsp.carriage;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs a kind of refusal at WARN at most once per interval (with how many were refused since), and every one at
 * DEBUG: a flood of forged datagrams must not become a flood of log lines.
 */
final class WarnLimiter {
    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong nextWarn = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    WarnLimiter(Logger log, long intervalNanos) {
        this.log = log;
        this.intervalNanos = intervalNanos;
    }

    void refused(String what, Object from) {
        long now = System.nanoTime();
        long next = nextWarn.get();
        if ((next == Long.MIN_VALUE || now - next >= 0) && nextWarn.compareAndSet(next, now + intervalNanos)) {
            long more = suppressed.getAndSet(0);
            log.warn("carriage: {} from {} dropped{}", what, from,
                    more > 0 ? " (" + more + " more refused since the last warning)" : "");
        } else {
            suppressed.incrementAndGet();
            log.debug("carriage: {} from {} dropped", what, from);
        }
    }
}
