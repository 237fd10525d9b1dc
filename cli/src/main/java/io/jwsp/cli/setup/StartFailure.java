package io.jwsp.cli.setup;

import io.jwsp.cli.CliFailure;
import io.jwsp.cli.ExitCode;
import io.jwsp.cli.log.LogEntry;
import java.net.BindException;
import java.util.List;

/**
 * A provider that did not start, said in one line: the cause its own log gave (a provider answers only
 * WSASYSNOTREADY from WSPStartup, and logs why), with the exit status that cause calls for.
 */
final class StartFailure {
    private StartFailure() {
    }

    /** The runtime's own line only repeats that the provider failed: its exception is the cause. */
    private static String said(LogEntry e) {
        return e.logger().startsWith("io.jwsp.runtime") && e.thrown() != null ? e.thrown().toString() : e.oneLine();
    }

    /** @param logged the warnings and errors logged while the provider was built and started */
    static CliFailure of(String provider, List<LogEntry> logged) {
        LogEntry cause = logged.stream().filter(e -> e.thrown() != null).findFirst()
                .orElse(logged.isEmpty() ? null : logged.getFirst());
        String text = "provider " + provider + " did not start"
                + (cause == null ? " (it logged no reason)" : ": " + said(cause));
        if (cause != null && cause.causedBy(BindException.class)) {
            return new CliFailure(ExitCode.CONNECTION, text);
        }
        if (cause != null && cause.causedBy(IllegalArgumentException.class)) {
            return CliFailure.usage(text);
        }
        return CliFailure.environment(text);
    }
}
