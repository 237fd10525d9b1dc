/**
 * The jwsp test kit: a JUnit 5 extension that gives each test an isolated runtime (chosen providers, a virtual
 * clock, a leak check), and the provider conformance suite (TCK) that every base provider, ours or a third
 * party's, runs by extending {@link io.jwsp.testkit.tck.ProviderTck}.
 */
module io.jwsp.testkit {
    requires transitive io.jwsp.runtime;
    requires transitive org.junit.jupiter.api;
    // Only TckRunner (jwsp selftest) needs the launcher; the testkit itself needs nothing beyond Jupiter's API.
    requires static org.junit.platform.launcher;
    requires org.slf4j;

    exports io.jwsp.testkit;
    exports io.jwsp.testkit.tck;

    // JUnit instantiates the extension and the TCK's classes and calls their methods reflectively.
    opens io.jwsp.testkit to org.junit.platform.commons;
    opens io.jwsp.testkit.tck to org.junit.platform.commons;

    uses io.jwsp.testkit.TestResourceProvider;
}
