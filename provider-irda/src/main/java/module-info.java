/** The IrDA base provider: IrLAP, IrLMP, TinyTP and IAS over a simulated infrared space. */
module io.jwsp.provider.irda {
    requires transitive io.jwsp.spi;
    requires org.slf4j;
    requires transitive io.jwsp.carriage;

    exports io.jwsp.provider.irda;
    exports io.jwsp.provider.irda.handover;
    exports io.jwsp.provider.irda.ias;
    exports io.jwsp.provider.irda.medium;
    exports io.jwsp.provider.irda.stack;

    provides io.jwsp.spi.WspProviderFactory with io.jwsp.provider.irda.IrdaProviderFactory;
}
