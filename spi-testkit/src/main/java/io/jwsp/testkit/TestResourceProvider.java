package io.jwsp.testkit;

/**
 * Makes extra test parameters for a test's runtime: found with {@link java.util.ServiceLoader} on the testkit's
 * class loader, so a module such as jdk-bridge hands tests a SelectorProvider and socket factories over the runtime
 * {@link JwspTest} built, without the testkit depending on it.
 */
public interface TestResourceProvider {
    /** Whether this provider makes parameters of {@code type}. */
    boolean supports(Class<?> type);

    /**
     * Makes a {@code type} for {@code runtime}. A result that is {@link AutoCloseable} is closed when the runtime
     * closes, before the leak check (register other clean-up with {@link IsolatedRuntime#onClose}).
     */
    Object create(Class<?> type, IsolatedRuntime runtime);
}
