package io.jwsp.provider.irda.medium;

import io.jwsp.spi.time.Cancellable;
import java.util.ArrayDeque;

/**
 * One IrLAP link between two devices: a single half-duplex line, so the frames of both directions share one
 * ordered queue. A frame leaves the queue when its air time begins; frames still queued can be flushed (an
 * abortive close), the frame in the air cannot.
 */
final class IrLink {
    final int low;
    final int high;
    final ArrayDeque<LmpFrame> queue = new ArrayDeque<>();
    LmpFrame inAir;
    Cancellable airTimer;
    Cancellable thresholdTimer;
    /** Instant mode delivers inline; this stops a delivery's own answers from recursing. */
    boolean draining;
    int burstSource;
    int burstCount;

    IrLink(int a, int b) {
        this.low = Math.min(a, b);
        this.high = Math.max(a, b);
    }

    static long key(int a, int b) {
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        return (long) lo << 32 | (hi & 0xFFFFFFFFL);
    }

    long key() {
        return key(low, high);
    }
}
