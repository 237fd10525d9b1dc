package io.jwsp.cli.log;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.event.Level;

/**
 * Where the libraries' log lines go while the command runs: stderr, one line each, stack traces only when
 * {@code JWSP_LOG=debug} (or {@code trace}) asks for detail. While a {@link Hold} is open, warnings and errors are
 * kept instead of printed, so a command that turns them into its own one-line failure prints nothing twice.
 */
public final class CliLog {
    private static final Object LOCK = new Object();
    private static volatile Level threshold = levelFrom(System.getenv("JWSP_LOG"));
    /** Open holds, newest last: an entry goes to the newest. */
    private static final List<Hold> HOLDS = new ArrayList<>();

    private CliLog() {
    }

    /** The lowest level printed ({@code JWSP_LOG}: error, warn, info, debug, trace; default warn). */
    public static Level threshold() {
        return threshold;
    }

    static Level levelFrom(String text) {
        if (text == null || text.isBlank()) {
            return Level.WARN;
        }
        try {
            return Level.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Level.WARN;
        }
    }

    static boolean enabled(Level level) {
        return level.toInt() >= threshold.toInt();
    }

    static void log(LogEntry entry) {
        synchronized (LOCK) {
            if (!HOLDS.isEmpty() && entry.level().toInt() >= Level.WARN.toInt()) {
                HOLDS.getLast().entries.add(entry);
                return;
            }
            print(entry);
        }
    }

    private static void print(LogEntry e) {
        PrintStream sink = System.err;   // read each time: a test may have replaced it
        String name = e.logger().substring(e.logger().lastIndexOf('.') + 1);
        sink.println("jwsp: " + e.level().name().toLowerCase(Locale.ROOT) + ": " + name + ": " + e.oneLine());
        if (e.thrown() != null && threshold.toInt() <= Level.DEBUG.toInt()) {
            e.thrown().printStackTrace(sink);
        }
        sink.flush();
    }

    /** Keeps warnings and errors back until the hold is closed (printed) or {@link Hold#discard}ed. */
    public static Hold hold() {
        synchronized (LOCK) {
            Hold h = new Hold();
            HOLDS.add(h);
            return h;
        }
    }

    /** Warnings and errors kept back while one step runs. */
    public static final class Hold implements AutoCloseable {
        private final List<LogEntry> entries = new ArrayList<>();
        private boolean done;

        /** What was kept so far. */
        public List<LogEntry> entries() {
            synchronized (LOCK) {
                return List.copyOf(entries);
            }
        }

        /** Ends the hold, dropping what it kept: the caller reported it in its own words. */
        public void discard() {
            end(false);
        }

        /** Ends the hold and prints what it kept. */
        @Override
        public void close() {
            end(true);
        }

        private void end(boolean print) {
            synchronized (LOCK) {
                if (done) {
                    return;
                }
                done = true;
                HOLDS.remove(this);
                if (print) {
                    entries.forEach(CliLog::log);
                }
            }
        }
    }
}
