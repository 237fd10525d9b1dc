/**
 * The tcp base provider: Windows close semantics on the kernel's real TCP. I/O goes through java.nio; the few
 * things the JDK cannot say (how many bytes the kernel still holds unacknowledged) come through the FFM API, so the
 * module needs native access ({@code --enable-native-access=io.jwsp.provider.tcp}, or ALL-UNNAMED on the class path).
 */
module io.jwsp.provider.tcp {
    requires transitive io.jwsp.spi;
    requires org.slf4j;

    exports io.jwsp.provider.tcp;

    provides io.jwsp.spi.WspProviderFactory with io.jwsp.provider.tcp.TcpProviderFactory;
}
