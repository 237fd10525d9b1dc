package io.jwsp.bridge.jvmwide;

import io.jwsp.bridge.JwspSelectorProvider;
import io.jwsp.runtime.JwspRuntime;
import io.jwsp.spi.time.TimeSource;

/**
 * jwsp as the JVM's own {@link java.nio.channels.spi.SelectorProvider}, so that an unchanged {@code main} runs over
 * a jwsp provider:
 * <pre>
 * java -Djava.nio.channels.spi.SelectorProvider=io.jwsp.bridge.jvmwide.JvmWideSelectorProvider \
 *      -Djwsp.provider=loopback -cp app.jar:jwsp-jars... Main
 * </pre>
 * or, without the property, the {@code jvmwide} jar of jdk-bridge on the class path (its
 * {@code META-INF/services/java.nio.channels.spi.SelectorProvider} names this class). The JDK makes it once, with
 * its no-arg constructor, the first time anything asks for {@code SelectorProvider.provider()}; it is configured by
 * system properties ({@link JvmWideSettings}). From then on {@code SocketChannel.open()}, {@code Selector.open()},
 * {@code Pipe.open()} and everything built on them (HttpServer, HttpClient, Netty's NIO transport) run over jwsp.
 * The runtime lives as long as the JVM.
 */
public class JvmWideSelectorProvider extends JwspSelectorProvider {
    private static volatile JvmWideSelectorProvider installed;
    private final JvmWideSettings settings;

    /** Called by the JDK; reads the settings from the system properties. */
    public JvmWideSelectorProvider() {
        JvmWideSettings s = JvmWideSettings.fromSystemProperties();
        JwspRuntime runtime = s.newRuntime();
        super(runtime, streamEntry(runtime, s.provider()));
        settings = s;
        installed = this;
    }

    public JvmWideSettings settings() {
        return settings;
    }

    /**
     * The clock the JVM-wide runtime runs on: the real one, or with {@code -Djwsp.clock=virtual} a
     * {@link io.jwsp.spi.time.VirtualClock} shared by the whole JVM, which tests advance.
     */
    public static TimeSource clock() {
        JvmWideSelectorProvider p = installed;
        if (p == null) {
            throw new IllegalStateException("jwsp is not the JVM-wide SelectorProvider");
        }
        return p.runtime().timeSource();
    }
}
