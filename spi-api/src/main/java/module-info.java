/**
 * The jwsp provider contract, modelled on ws2spi.h. A provider author depends on this module alone:
 * no dependency injection framework and no logging API leak into it.
 */
module io.jwsp.spi {
    exports io.jwsp.spi;
    exports io.jwsp.spi.result;
    exports io.jwsp.spi.catalog;
    exports io.jwsp.spi.addr;
    exports io.jwsp.spi.option;
    exports io.jwsp.spi.event;
    exports io.jwsp.spi.io;
    exports io.jwsp.spi.time;
    exports io.jwsp.spi.close;
    exports io.jwsp.spi.kit;
    exports io.jwsp.spi.kit.closing;
    exports io.jwsp.spi.kit.pending;
    exports io.jwsp.spi.kit.state;
    exports io.jwsp.spi.kit.wait;
    exports io.jwsp.spi.kit.transmit;
    exports io.jwsp.spi.trace;
    exports io.jwsp.spi.ext;
    exports io.jwsp.spi.ext.accept;
    exports io.jwsp.spi.ext.connect;
    exports io.jwsp.spi.ext.transmit;
    exports io.jwsp.spi.kit.ext;

    // The virtual clock's auto-advancing mode reads thread CPU times (a JDK module, not a dependency).
    requires java.management;

    uses io.jwsp.spi.WspProviderFactory;
    uses io.jwsp.spi.LayeredProviderFactory;
}
