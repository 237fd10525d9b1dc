package io.jwsp.spi.kit;

import io.jwsp.spi.kit.pending.OverlappedCompleter;
import io.jwsp.spi.kit.wait.BlockingCalls;
import io.jwsp.spi.kit.wait.SpinBeforePark;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.trace.WireTap;
import java.util.Objects;

/**
 * What every socket of one provider instance shares with the kit: the clock every wait goes through, the cancel
 * registry, where overlapped operations complete, the wire tap close records go to, how selects are woken, and an
 * optional spin before a blocking call parks.
 *
 * @param wakeSelects run after every change that may make a socket ready, and at every close; never blocks
 */
public record SocketServices(TimeSource clock, BlockingCalls blockingCalls, OverlappedCompleter completer,
                             WireTap wireTap, Runnable wakeSelects, SpinBeforePark spin) {
    public SocketServices {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(blockingCalls, "blockingCalls");
        Objects.requireNonNull(completer, "completer");
        wireTap = wireTap == null ? WireTap.NONE : wireTap;
        wakeSelects = wakeSelects == null ? () -> { } : wakeSelects;
        spin = spin == null ? SpinBeforePark.NONE : spin;
    }
}
