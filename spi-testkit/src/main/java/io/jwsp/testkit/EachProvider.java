package io.jwsp.testkit;

import io.jwsp.spi.WspProviderFactory;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test method once per provider named here, each run with its own runtime built from that provider alone
 * (layers, modules, settings and clock as {@link JwspTest} on the method or its class says, or the defaults), the
 * provider's name in the run's display name. Used in place of {@code @Test}:
 *
 * <pre>{@code
 * @JwspTest(settings = "loopback.timeWaitMillis=1000")
 * class CloseTest {
 *     @EachProvider({LoopbackProviderFactory.class, TcpProviderFactory.class})
 *     void closes(Winsock ws) { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith({JwspExtension.class, EachProviderInvocations.class})
public @interface EachProvider {
    /** The providers to run the test against, one run each, built with their no-argument constructors. */
    Class<? extends WspProviderFactory>[] value();
}
