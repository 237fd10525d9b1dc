package io.jwsp.runtime.fake;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.catalog.ProtocolInfo;
import java.lang.reflect.Proxy;

/** A socket of a crashing provider: every call but {@code protocolInfo} throws the one throwable it was given. */
final class CrashingSocket {
    private CrashingSocket() {
    }

    static WspSocket throwing(Throwable crash, ProtocolInfo info) {
        return (WspSocket) Proxy.newProxyInstance(WspSocket.class.getClassLoader(), new Class<?>[] {WspSocket.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "protocolInfo" -> info;
                    case "toString" -> "CrashingSocket[" + crash + "]";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw crash;
                });
    }
}
