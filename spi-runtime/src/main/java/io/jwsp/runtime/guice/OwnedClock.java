package io.jwsp.runtime.guice;

import io.jwsp.spi.time.SystemTimeSource;

/** One injector's default clock, made only when asked for, so the runtime knows whether it must close it. */
final class OwnedClock {
    private SystemTimeSource clock;

    synchronized SystemTimeSource get() {
        if (clock == null) {
            clock = new SystemTimeSource();
        }
        return clock;
    }

    synchronized boolean is(Object candidate) {
        return clock != null && clock == candidate;
    }
}
