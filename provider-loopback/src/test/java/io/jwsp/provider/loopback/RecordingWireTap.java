package io.jwsp.provider.loopback;

import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.trace.WireFrame;
import io.jwsp.spi.trace.WireTap;
import java.util.ArrayList;
import java.util.List;

/** Collects the frames and close records the provider reports. */
final class RecordingWireTap implements WireTap {
    private final List<WireFrame> frames = new ArrayList<>();
    private final List<CloseRecord> closes = new ArrayList<>();

    @Override
    public synchronized void frame(WireFrame frame) {
        frames.add(frame);
    }

    @Override
    public synchronized void closed(CloseRecord record) {
        closes.add(record);
    }

    synchronized List<WireFrame> frames() {
        return List.copyOf(frames);
    }

    synchronized List<String> kinds() {
        return frames.stream().map(WireFrame::kind).toList();
    }

    synchronized List<CloseRecord> closes() {
        return List.copyOf(closes);
    }

    synchronized CloseRecord lastClose() {
        return closes.isEmpty() ? null : closes.getLast();
    }
}
