package io.jwsp.bridge.testing;

import io.jwsp.bridge.JwspSelectorProvider;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.testkit.IsolatedRuntime;
import io.jwsp.testkit.TestResourceProvider;
import java.nio.channels.spi.SelectorProvider;
import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;

/**
 * Hands a {@code @JwspTest} test a {@link JwspSelectorProvider} (or a plain {@link SelectorProvider}) and socket
 * factories over the runtime the test got, on the first visible stream entry of its catalog: the user's own
 * java.net / java.nio code then runs on that provider, on its clock, under its layers.
 */
public final class BridgeTestResources implements TestResourceProvider {
    @Override
    public boolean supports(Class<?> type) {
        return type == JwspSelectorProvider.class || type == SelectorProvider.class || type == SocketFactory.class
                || type == ServerSocketFactory.class;
    }

    @Override
    public Object create(Class<?> type, IsolatedRuntime runtime) {
        ProtocolInfo entry = runtime.catalog().visibleEntries().stream()
                .filter(p -> p.socketType() == SocketType.SOCK_STREAM).findFirst()
                .orElseThrow(() -> new IllegalStateException("the test's catalog has no stream entry"));
        JwspSelectorProvider nio = JwspSelectorProvider.open(runtime.runtime(), entry);
        runtime.onClose(nio);
        if (type == SocketFactory.class) {
            return nio.socketFactory();
        }
        if (type == ServerSocketFactory.class) {
            return nio.serverSocketFactory();
        }
        return nio;
    }
}
