package io.jwsp.provider.atm;

import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.trace.WireFrame;
import io.jwsp.spi.trace.WireTap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A provider context for tests: a given clock, given settings, and a tap that keeps every frame and close. */
final class TestContext implements ProviderContext, WireTap {
    private final TimeSource time;
    private final Map<String, String> settings;
    final List<WireFrame> frames = new CopyOnWriteArrayList<>();
    final List<CloseRecord> closes = new CopyOnWriteArrayList<>();
    /** Runs on every frame, on the provider's thread and under its lock: lets a test act at an exact point. */
    volatile Consumer<WireFrame> onFrame = f -> { };

    TestContext(TimeSource time, Map<String, String> settings) {
        this.time = time;
        this.settings = settings;
    }

    @Override
    public TimeSource timeSource() {
        return time;
    }

    @Override
    public WireTap wireTap() {
        return this;
    }

    @Override
    public Map<String, String> settings() {
        return settings;
    }

    @Override
    public void frame(WireFrame frame) {
        frames.add(frame);
        onFrame.accept(frame);
    }

    @Override
    public void closed(CloseRecord record) {
        closes.add(record);
    }

    List<String> kinds() {
        return frames.stream().map(WireFrame::kind).toList();
    }
}
