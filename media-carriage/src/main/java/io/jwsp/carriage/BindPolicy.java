package io.jwsp.carriage;

import java.net.InetSocketAddress;

/**
 * Which addresses a carriage may bind and talk to: loopback ones, unless the medium's settings allow more. A wildcard
 * bind is refused either way: each datagram's tag covers the sender's address, which a wildcard does not name.
 */
final class BindPolicy {
    private BindPolicy() {
    }

    static void check(InetSocketAddress bind, boolean allowNonLoopback) {
        if (bind.isUnresolved() || bind.getAddress().isAnyLocalAddress()) {
            throw new IllegalArgumentException("the carriage binds a specific address, not " + bind);
        }
        if (!allowed(bind, allowNonLoopback)) {
            throw new IllegalArgumentException("the carriage binds loopback addresses only (" + bind
                    + "); a setting allows others");
        }
    }

    static boolean allowed(InetSocketAddress a, boolean allowNonLoopback) {
        return !a.isUnresolved() && (allowNonLoopback || a.getAddress().isLoopbackAddress());
    }
}
