package io.jwsp.layer.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger that keeps its formatted lines, for asserting on a layer's output without a backend. */
public final class CapturingLogger extends LegacyAbstractLogger {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private volatile boolean debug;

    public CapturingLogger(boolean debug) {
        this.name = "capture";
        this.debug = debug;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public void clear() {
        lines.clear();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
                                               Throwable throwable) {
        lines.add(level + " " + MessageFormatter.basicArrayFormat(messagePattern, arguments));
    }

    @Override public boolean isTraceEnabled() { return false; }
    @Override public boolean isDebugEnabled() { return debug; }
    @Override public boolean isInfoEnabled() { return true; }
    @Override public boolean isWarnEnabled() { return true; }
    @Override public boolean isErrorEnabled() { return true; }
}
