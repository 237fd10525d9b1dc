package io.jwsp.layer.faults;

import io.jwsp.spi.result.WsaError;
import java.time.Duration;
import java.util.Objects;

/** What a fault does to the call that triggers it. */
public sealed interface FaultAction {
    /** The call answers {@code error} without reaching the provider below. */
    record Fail(WsaError error) implements FaultAction {
        public Fail {
            Objects.requireNonNull(error, "error");
        }
    }

    /** The call waits {@code delay} on the runtime's clock, then passes down. */
    record Delay(Duration delay) implements FaultAction {
        public Delay {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("negative delay");
            }
        }
    }

    /**
     * Data vanishes: a send reports every byte sent and passes nothing down; a receive reads from below and
     * discards what it read, then reads again. Other calls pass down untouched.
     */
    record Drop() implements FaultAction {
    }

    /**
     * The connection is reset: the socket below is closed abortively (linger 0, so the peer sees a reset), and
     * every later call on this socket answers WSAECONNRESET; the call that triggered it too, unless it was
     * closeSocket, which succeeds.
     */
    record Reset() implements FaultAction {
    }
}
