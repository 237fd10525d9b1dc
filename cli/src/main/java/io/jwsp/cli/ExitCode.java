package io.jwsp.cli;

/** What the jwsp command's exit status means. Scripts and CI test these numbers. */
public final class ExitCode {
    /** Everything ran and matched. */
    public static final int OK = 0;
    /** A run failed, or a result did not match what was expected (a matrix row that could not run, a failed TCK case). */
    public static final int FAILURE = 1;
    /** The command line was wrong: an unknown option, a bad value, a provider that does not exist. */
    public static final int USAGE = 2;
    /** A connection could not be made or was lost (refused, reset, timed out, address in use). */
    public static final int CONNECTION = 3;
    /** The environment is not usable: a provider is unavailable here, a jar cannot be read, no JDK 25. */
    public static final int ENVIRONMENT = 4;

    private ExitCode() {
    }
}
