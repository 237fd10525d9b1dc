package io.jwsp.reliability.soak;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counts for a soak run's summary line: connections and bytes per close mode, and the would-block retries. */
final class Tally {
    final Map<CloseMode, LongAdder> connections = new EnumMap<>(CloseMode.class);
    final Map<CloseMode, LongAdder> sent = new EnumMap<>(CloseMode.class);
    final Map<CloseMode, LongAdder> received = new EnumMap<>(CloseMode.class);
    final LongAdder wouldBlock = new LongAdder();
    final LongAdder shutdownRefused = new LongAdder();
    final LongAdder tailLost = new LongAdder();
    final AtomicLong peakOpen = new AtomicLong();

    Tally() {
        for (CloseMode m : CloseMode.values()) {
            connections.put(m, new LongAdder());
            sent.put(m, new LongAdder());
            received.put(m, new LongAdder());
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (CloseMode m : CloseMode.values()) {
            b.append(m).append(": ").append(connections.get(m).sum()).append(" conns, ").append(sent.get(m).sum())
                    .append(" B sent, ").append(received.get(m).sum()).append(" B received; ");
        }
        return b.append("WSAEWOULDBLOCK retries ").append(wouldBlock.sum()).append(", shutdown refused ")
                .append(shutdownRefused.sum()).append(", graceful closes that lost a tail ").append(tailLost.sum())
                .append(", peak open handles ").append(peakOpen.get()).toString();
    }
}
