/**
 * The ws2_32 role of jwsp: the protocol catalog, the handle table, provider discovery, the Guice module and the
 * Winsock-style facade. Everything here belongs to one runtime instance; nothing is JVM-wide.
 */
module io.jwsp.runtime {
    requires transitive io.jwsp.spi;
    requires transitive com.google.guice;
    // Guice is an automatic module: it reads what the module graph holds but brings nothing into it. Its own
    // dependencies are named here, so an application on the module path needs no --add-modules.
    requires com.google.common;
    requires jakarta.inject;
    requires org.slf4j;

    exports io.jwsp.runtime;
    exports io.jwsp.runtime.catalog;
    exports io.jwsp.runtime.discovery;
    exports io.jwsp.runtime.ext;
    exports io.jwsp.runtime.guice;

    // Guice reads the module's @Provides methods and the binding annotations reflectively.
    opens io.jwsp.runtime.guice to com.google.guice;

    uses io.jwsp.spi.WspProviderFactory;
    uses io.jwsp.spi.LayeredProviderFactory;
}
