package io.jwsp.runtime.fake;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.catalog.ProtocolInfo;
import java.lang.reflect.Proxy;

/**
 * A socket of a broken provider: every call but {@code protocolInfo} throws the one throwable it was given, or
 * answers {@code null} instead of a result.
 */
final class BrokenSocket {
    private BrokenSocket() {
    }

    /** {@code crash} {@code null}: every call answers {@code null}. */
    static WspSocket of(Throwable crash, ProtocolInfo info) {
        return (WspSocket) Proxy.newProxyInstance(WspSocket.class.getClassLoader(), new Class<?>[] {WspSocket.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "protocolInfo" -> info;
                    case "toString" -> "BrokenSocket[" + (crash == null ? "answers null" : crash) + "]";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> {
                        if (crash != null) {
                            throw crash;
                        }
                        yield null;
                    }
                });
    }
}
