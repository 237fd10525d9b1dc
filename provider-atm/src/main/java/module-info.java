/**
 * The ATM base provider: AF_ATM sockets (SOCK_RAW, AAL5) over a simulated switch, with Q.2931 signalling on a path
 * separate from the AAL5 cell path. In-process by default; over UDP on 127.0.0.1 between processes.
 */
module io.jwsp.provider.atm {
    requires transitive io.jwsp.spi;
    requires org.slf4j;
    requires transitive io.jwsp.carriage;

    exports io.jwsp.provider.atm;
    exports io.jwsp.provider.atm.addr;
    exports io.jwsp.provider.atm.aal5;
    exports io.jwsp.provider.atm.q2931;
    exports io.jwsp.provider.atm.sw;

    provides io.jwsp.spi.WspProviderFactory with io.jwsp.provider.atm.AtmProviderFactory;
}
