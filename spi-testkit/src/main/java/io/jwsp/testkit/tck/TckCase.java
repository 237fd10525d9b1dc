package io.jwsp.testkit.tck;

/**
 * One TCK test's outcome.
 *
 * @param name        the method name ({@code required_closesocket_lingerZero_...})
 * @param displayName the clause it checks, as shown by JUnit
 * @param detail      the failure message or the skip reason; empty when it passed
 */
public record TckCase(String name, String displayName, Level level, Status status, String detail, long millis) {
    public enum Level { REQUIRED, OPTIONAL }

    public enum Status { PASSED, FAILED, SKIPPED }

    static Level levelOf(String methodName) {
        return methodName.startsWith("optional_") ? Level.OPTIONAL : Level.REQUIRED;
    }
}
