/**
 * A sample base provider to copy when you write your own transport: in-process byte streams with names of their
 * own (AF_UNIX style), small enough to read in one sitting, and conformant with the whole TCK.
 */
module io.jwsp.provider.sample {
    // transitive: the exported types (the factory, SampleSockAddr) show contract types in their signatures.
    requires transitive io.jwsp.spi;
    requires org.slf4j;

    exports io.jwsp.provider.sample;

    // The module-path twin of META-INF/services/io.jwsp.spi.WspProviderFactory: keep both.
    provides io.jwsp.spi.WspProviderFactory with io.jwsp.provider.sample.SampleProviderFactory;
}
