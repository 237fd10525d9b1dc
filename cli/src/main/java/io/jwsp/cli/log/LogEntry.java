package io.jwsp.cli.log;

import org.slf4j.event.Level;

/** One warning or error a library logged while the command ran. */
public record LogEntry(Level level, String logger, String message, Throwable thrown) {
    /** The entry as one line: the message, then the exception's own one-line text; never a stack trace. */
    public String oneLine() {
        String text = message == null ? "" : message.strip();
        if (thrown != null) {
            text = text.isEmpty() ? thrown.toString() : text + ": " + thrown;
        }
        return text.replaceAll("\\s*\\R\\s*", " ");
    }

    /** Whether {@code type} is the exception logged or one of its causes. */
    public boolean causedBy(Class<? extends Throwable> type) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
