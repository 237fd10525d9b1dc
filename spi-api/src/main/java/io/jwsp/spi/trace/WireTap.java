package io.jwsp.spi.trace;

import io.jwsp.spi.close.CloseRecord;

/** Where providers report frames and closes; the runtime decides whether anyone listens. */
public interface WireTap {
    WireTap NONE = new WireTap() {
        @Override public void frame(WireFrame frame) { }
        @Override public void closed(CloseRecord record) { }
        @Override public boolean enabled() { return false; }
    };

    void frame(WireFrame frame);

    void closed(CloseRecord record);

    /** Lets a provider skip building frames nobody reads. */
    default boolean enabled() {
        return true;
    }

    /** A frame's bytes for a packet capture; only called when {@link #capturing()} answers true. */
    default void packet(WirePacket packet) {
    }

    /** Lets a provider skip building capture bytes nobody writes (the default: no capture). */
    default boolean capturing() {
        return false;
    }
}
