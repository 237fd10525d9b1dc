package io.jwsp.testkit;

import com.google.inject.Module;
import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.spi.WspProviderFactory;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test its own jwsp runtime, built from the providers and Guice modules named here, started with
 * WSAStartup 2.2, and closed after the test; the test fails when it leaves handles open. Test and lifecycle
 * methods may take {@link io.jwsp.runtime.JwspRuntime}, {@link io.jwsp.runtime.Winsock},
 * {@link io.jwsp.runtime.catalog.Catalog}, {@link io.jwsp.spi.time.VirtualClock} (with {@code virtualClock = true}),
 * {@link io.jwsp.spi.time.TimeSource} and {@link IsolatedRuntime} parameters. On a method it replaces the class's
 * configuration. {@link EachProvider} runs a method once per provider instead. Cleaning up never blocks on the
 * virtual clock: what is still parked on it is forced and reported ({@link StuckOnClockError}).
 *
 * <pre>{@code
 * @JwspTest(providers = LoopbackProviderFactory.class, settings = "loopback.timeWaitMillis=1000")
 * class MyTest {
 *     @Test void closes(Winsock ws, VirtualClock clock) { ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(JwspExtension.class)
public @interface JwspTest {
    /** Base providers, each built with its no-argument constructor. */
    Class<? extends WspProviderFactory>[] providers() default {};

    /** Layered providers installed over every base entry. */
    Class<? extends LayeredProviderFactory>[] layers() default {};

    /** Guice modules (no-argument constructors), applied as overrides of the runtime's own. */
    Class<? extends Module>[] modules() default {};

    /** Also discover providers with ServiceLoader on the test class's loader. */
    boolean discover() default false;

    /** true: a fresh {@link io.jwsp.spi.time.VirtualClock}; false: a private real clock. */
    boolean virtualClock() default true;

    /**
     * true: the virtual clock advances by itself, jumping to the next deadline whenever every thread that uses it
     * is parked ({@link io.jwsp.spi.time.VirtualClock#autoAdvance()}), so a test of a 30 s linger just calls
     * closesocket; false (the default): time moves only when the test advances it.
     */
    boolean autoAdvance() default false;

    /** Provider settings as {@code key=value}, the key written {@code <provider>.<name>}. */
    String[] settings() default {};
}
