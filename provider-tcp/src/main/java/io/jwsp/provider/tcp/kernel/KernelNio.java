package io.jwsp.provider.tcp.kernel;

import java.nio.channels.spi.SelectorProvider;

/**
 * The JDK's own {@link SelectorProvider}, for the kernel channels under the tcp provider. When jwsp's bridge is
 * the JVM-wide provider ({@code -Djava.nio.channels.spi.SelectorProvider=...}), {@code SocketChannel.open()} would
 * come back to jwsp, and opening one while the JVM-wide provider is being made finds none at all; so the tcp
 * provider asks the JDK for its built-in provider, which needs {@code --add-exports
 * java.base/sun.nio.ch=ALL-UNNAMED} (class path) or {@code =io.jwsp.provider.tcp} (module path) in that case only.
 */
public final class KernelNio {
    private static final String JVM_WIDE = "java.nio.channels.spi.SelectorProvider";
    private static volatile SelectorProvider jdk;

    private KernelNio() {
    }

    public static SelectorProvider provider() {
        SelectorProvider p = jdk;
        if (p == null) {
            p = find();
            jdk = p;
        }
        return p;
    }

    private static SelectorProvider find() {
        if (System.getProperty(JVM_WIDE) == null) {
            SelectorProvider p = SelectorProvider.provider();
            if (p != null && p.getClass().getModule() == Object.class.getModule()) {
                return p; // the usual case: nothing replaced the JDK's provider
            }
        }
        try {
            return (SelectorProvider) Class.forName("sun.nio.ch.DefaultSelectorProvider").getMethod("get")
                    .invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("the JVM-wide SelectorProvider is not the JDK's, and the tcp provider "
                    + "needs the JDK's for its kernel sockets: add --add-exports java.base/sun.nio.ch=ALL-UNNAMED", e);
        }
    }
}
