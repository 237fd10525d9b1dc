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
    /** IrLAP: the connection address the primary gave the link, and which device is the primary. */
    final int connAddr;
    final int primary;
    /** I-frames each side has sent: N(S) of its next frame and, seen from the other side, N(R). */
    int sentByLow;
    int sentByHigh;

    IrLink(int primary, int secondary, int connAddr) {
        this.low = Math.min(primary, secondary);
        this.high = Math.max(primary, secondary);
        this.primary = primary;
        this.connAddr = connAddr;
    }

    /** Counts an I-frame from {@code sender}; answers its N(S). */
    int countSent(int sender) {
        return sender == low ? sentByLow++ : sentByHigh++;
    }

    /** I-frames {@code device} has received so far: its N(R). */
    int receivedBy(int device) {
        return device == low ? sentByHigh : sentByLow;
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
