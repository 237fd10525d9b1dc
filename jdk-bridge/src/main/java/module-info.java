/**
 * java.net and java.nio over any jwsp provider: a {@link java.nio.channels.spi.SelectorProvider} whose channels and
 * selector run on a jwsp runtime and catalog entry, socket adaptors, and socket factories for blocking code.
 */
module io.jwsp.bridge {
    requires transitive io.jwsp.spi;
    requires transitive io.jwsp.runtime;
    requires org.slf4j;
    // Optional: hands @JwspTest tests a SelectorProvider and socket factories. Registered through
    // META-INF/services only (tests run on the class path), so the bridge loads without the testkit.
    requires static io.jwsp.testkit;

    exports io.jwsp.bridge;
    exports io.jwsp.bridge.jvmwide;
    exports io.jwsp.bridge.testing;

    uses io.jwsp.spi.WspProviderFactory;
}
