package io.jwsp.cli.log;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger of the command: formats the call and hands it to {@link CliLog}. */
final class CliLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    CliLogger(String name) {
        this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
        return CliLog.enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return CliLog.enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return CliLog.enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return CliLog.enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return CliLog.enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                                               Throwable thrown) {
        String message = MessageFormatter.basicArrayFormat(pattern, args);
        CliLog.log(new LogEntry(level, name, message, thrown));
    }
}
