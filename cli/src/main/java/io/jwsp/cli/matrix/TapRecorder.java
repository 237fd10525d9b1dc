package io.jwsp.cli.matrix;

import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.trace.WireFrame;
import io.jwsp.spi.trace.WirePacket;
import io.jwsp.spi.trace.WireTap;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire tap the matrix installs in each row's runtime: keeps every frame and close record, and the scenario's
 * own notes (what the application called and what it got), in the order they reached it, which is the order a
 * sequence diagram shows.
 */
public final class TapRecorder implements WireTap {
    /** Something the tap saw, in arrival order. */
    public sealed interface Event permits Frame, Closed, Note {
        long timeNanos();
    }

    /** A frame a provider put on its medium. */
    public record Frame(WireFrame frame) implements Event {
        @Override
        public long timeNanos() {
            return frame.timeNanos();
        }
    }

    /** A close record, with the time it was published. */
    public record Closed(long timeNanos, CloseRecord record) implements Event {
    }

    /** An application step of the scenario, on the endpoint ("client" or "server") that made it. */
    public record Note(long timeNanos, String endpoint, String text) implements Event {
    }

    private final TimeSource clock;
    private final List<Event> events = new ArrayList<>();
    private final boolean capturing;
    private final List<WirePacket> packets = new ArrayList<>();

    public TapRecorder(TimeSource clock) {
        this(clock, false);
    }

    /** @param capturing whether providers should hand over their frames' bytes (for a pcap file) */
    public TapRecorder(TimeSource clock, boolean capturing) {
        this.clock = clock;
        this.capturing = capturing;
    }

    @Override
    public boolean capturing() {
        return capturing;
    }

    @Override
    public synchronized void packet(WirePacket packet) {
        packets.add(packet);
    }

    /** The captured packets, in the order they reached the tap. */
    public synchronized List<WirePacket> packets() {
        return List.copyOf(packets);
    }

    @Override
    public synchronized void frame(WireFrame frame) {
        events.add(new Frame(frame));
    }

    @Override
    public synchronized void closed(CloseRecord record) {
        events.add(new Closed(clock.nanoTime(), record));
    }

    public synchronized void note(String endpoint, String text) {
        events.add(new Note(clock.nanoTime(), endpoint, text));
    }

    /** Everything, in arrival order. */
    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    public synchronized List<WireFrame> frames() {
        return events.stream().filter(e -> e instanceof Frame).map(e -> ((Frame) e).frame()).toList();
    }

    public synchronized List<Closed> closes() {
        return events.stream().filter(e -> e instanceof Closed).map(e -> (Closed) e).toList();
    }

    public synchronized int closeCount() {
        return (int) events.stream().filter(e -> e instanceof Closed).count();
    }
}
