/**
 * The jwsp command: catalog, listen and send, close-matrix, trace, selftest and bench. It finds providers with
 * ServiceLoader on its own class path (or a jar's, for selftest --jar) and builds a fresh runtime per run.
 */
module io.jwsp.cli {
    requires io.jwsp.runtime;
    requires io.jwsp.testkit;
    requires io.jwsp.bench;
    requires io.jwsp.layers;
    requires info.picocli;
    requires org.slf4j;

    // picocli reads the commands' annotated fields and methods reflectively.
    opens io.jwsp.cli to info.picocli;
    opens io.jwsp.cli.catalog to info.picocli;
    opens io.jwsp.cli.netcat to info.picocli;
    opens io.jwsp.cli.matrix to info.picocli;
    opens io.jwsp.cli.trace to info.picocli;
    opens io.jwsp.cli.selftest to info.picocli;
    opens io.jwsp.cli.setup to info.picocli;
    opens io.jwsp.cli.bench to info.picocli;

    provides org.slf4j.spi.SLF4JServiceProvider with io.jwsp.cli.log.CliLoggingProvider;

    uses io.jwsp.spi.WspProviderFactory;
    uses io.jwsp.spi.LayeredProviderFactory;
}
