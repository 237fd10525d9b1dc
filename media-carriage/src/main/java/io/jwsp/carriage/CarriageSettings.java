package io.jwsp.carriage;

import java.time.Duration;

/**
 * How a carriage runs.
 *
 * @param key               the shared key ({@link CarriageKey#BYTES} bytes)
 * @param allowNonLoopback  whether the carriage may bind and talk to addresses other than loopback ones
 * @param deadAfterNanos    a peer silent this long is lost (IrLAP's disconnect threshold, ATM's keepalive)
 * @param retransmitNanos   unacknowledged DATA (and an unanswered HELLO) is sent again after this long
 * @param maxPeers          peers the table holds; when full, the longest-silent peer past half the dead-after time
 *                          makes room, else a new HELLO is refused
 * @param maxQueuedBytes    frames waiting for a peer (in flight or behind) beyond which a new one is refused
 * @param maxInFlightBytes  frames sent and not yet acknowledged, at most (kept under the receiver's socket buffer)
 */
public record CarriageSettings(byte[] key, boolean allowNonLoopback, long deadAfterNanos, long retransmitNanos,
                               int maxPeers, long maxQueuedBytes, int maxInFlightBytes) {
    public CarriageSettings {
        if (key == null || key.length != CarriageKey.BYTES) {
            throw new IllegalArgumentException("a carriage key has " + CarriageKey.BYTES + " bytes");
        }
        if (deadAfterNanos < Duration.ofMillis(20).toNanos()) {
            throw new IllegalArgumentException("the dead-after time is at least 20 ms");
        }
        if (maxPeers < 1 || maxQueuedBytes < 1 || maxInFlightBytes < 1) {
            throw new IllegalArgumentException("carriage limits are positive");
        }
        key = key.clone();
    }

    /** Defaults around {@code key} and a dead-after time. */
    public static CarriageSettings of(byte[] key, boolean allowNonLoopback, Duration deadAfter) {
        long dead = deadAfter.toNanos();
        return new CarriageSettings(key, allowNonLoopback, dead, Math.min(Duration.ofMillis(40).toNanos(), dead / 4),
                256, 64L << 20, 1 << 20);
    }

    /** Keepalive: how often an idle session sends PING (four in each dead-after time). */
    public long pingNanos() {
        return deadAfterNanos / 4;
    }

    @Override
    public byte[] key() {
        return key.clone();
    }
}
