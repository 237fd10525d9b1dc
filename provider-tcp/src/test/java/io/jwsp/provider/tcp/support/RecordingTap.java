package io.jwsp.provider.tcp.support;

import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.trace.WireFrame;
import io.jwsp.spi.trace.WireTap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every frame and close a provider reports. */
public final class RecordingTap implements WireTap {
    public final List<WireFrame> frames = new CopyOnWriteArrayList<>();
    public final List<CloseRecord> closes = new CopyOnWriteArrayList<>();

    @Override
    public void frame(WireFrame frame) {
        frames.add(frame);
    }

    @Override
    public void closed(CloseRecord record) {
        closes.add(record);
    }

    public CloseRecord lastClose() {
        return closes.getLast();
    }

    public List<String> kinds() {
        return frames.stream().map(WireFrame::kind).filter(k -> !k.equals("DATA")).toList();
    }
}
