package io.jwsp.cli;

/**
 * A failure the command reports with a clear message and a meaningful exit status, never with a stack trace:
 * thrown by commands, caught by {@link Main}'s execution handler.
 */
public final class CliFailure extends RuntimeException {
    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public static CliFailure usage(String message) {
        return new CliFailure(ExitCode.USAGE, message);
    }

    public static CliFailure connection(String message) {
        return new CliFailure(ExitCode.CONNECTION, message);
    }

    public static CliFailure failed(String message) {
        return new CliFailure(ExitCode.FAILURE, message);
    }

    public static CliFailure environment(String message) {
        return new CliFailure(ExitCode.ENVIRONMENT, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
