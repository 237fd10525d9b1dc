package io.jwsp.layer.metrics;

import io.jwsp.spi.close.CloseOutcome;
import io.jwsp.spi.close.CloseType;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.util.Optional;

/**
 * A close as a layer sees it from above: the row of the close table and what happened, inferred from the linger
 * setting before the close, whether the socket had a peer, the result, and how long the close blocked. A layer
 * cannot see queued data, so a lingering close that returns at once is {@link CloseOutcome#GRACEFUL_NOW}.
 *
 * @param type a {@link CloseType} name, or {@code NONE} when nothing was initiated (WSAEWOULDBLOCK)
 */
record ObservedClose(CloseOutcome outcome, String type) {
    static final String NONE = "NONE";

    /**
     * @param linger    SO_LINGER before the close ({@code null} when the socket has none, a datagram socket)
     * @param connected whether the socket had a peer before the close
     * @return empty when the close failed for another reason than WSAEWOULDBLOCK (only the error is counted)
     */
    static Optional<ObservedClose> of(Linger linger, boolean connected, WspResult<Void> result, long waitedNanos) {
        if (result.is(WsaError.WSAEWOULDBLOCK)) {
            return Optional.of(new ObservedClose(CloseOutcome.WOULD_BLOCK, NONE));
        }
        if (!result.isOk()) {
            return Optional.empty();
        }
        CloseOutcome outcome;
        CloseType type;
        if (linger == null || !linger.onOff()) {
            outcome = CloseOutcome.GRACEFUL_IN_BACKGROUND;
            type = CloseType.GRACEFUL;
        } else if (linger.seconds() == 0) {
            outcome = CloseOutcome.ABORTIVE;
            type = CloseType.HARD;
        } else if (waitedNanos <= 0) {
            outcome = CloseOutcome.GRACEFUL_NOW;
            type = CloseType.GRACEFUL;
        } else {
            outcome = CloseOutcome.LINGER_WAIT;
            type = waitedNanos >= linger.seconds() * 1_000_000_000L ? CloseType.HARD_AFTER_LINGER_TIMEOUT
                    : CloseType.GRACEFUL;
        }
        return Optional.of(new ObservedClose(outcome, connected ? type.name() : CloseType.NO_CONNECTION.name()));
    }
}
