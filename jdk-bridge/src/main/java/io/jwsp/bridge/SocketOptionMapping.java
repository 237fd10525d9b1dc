package io.jwsp.bridge;

import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.util.Set;

/**
 * The JDK's standard socket options and the jwsp options behind them. {@code SO_LINGER} is seconds, negative for
 * off, as in the JDK; it maps to the provider's linger structure, so a channel's close follows the provider's close
 * table.
 */
final class SocketOptionMapping {
    static final Set<SocketOption<?>> STREAM = Set.of(StandardSocketOptions.SO_LINGER, StandardSocketOptions.SO_SNDBUF,
            StandardSocketOptions.SO_RCVBUF, StandardSocketOptions.SO_KEEPALIVE, StandardSocketOptions.SO_REUSEADDR,
            StandardSocketOptions.TCP_NODELAY);
    static final Set<SocketOption<?>> LISTENER = Set.of(StandardSocketOptions.SO_RCVBUF,
            StandardSocketOptions.SO_REUSEADDR);
    static final Set<SocketOption<?>> DATAGRAM = Set.of(StandardSocketOptions.SO_SNDBUF,
            StandardSocketOptions.SO_RCVBUF, StandardSocketOptions.SO_REUSEADDR, StandardSocketOptions.SO_BROADCAST);

    private SocketOptionMapping() {
    }

    /**
     * Sets {@code name} on the handle when the channel kind supports it; an option outside {@code supported}, or one
     * the provider answers WSAENOPROTOOPT for, is UnsupportedOperationException, as the JDK throws.
     */
    static <T> void set(BridgedHandle h, Set<SocketOption<?>> supported, SocketOption<T> name, T value)
            throws java.io.IOException {
        requireSupported(supported, name);
        if (name == StandardSocketOptions.SO_LINGER) {
            int secs = (Integer) value;
            h.setOption(SocketOptions.SO_LINGER, secs < 0 ? Linger.DONT_LINGER : Linger.of(Math.min(secs, 0xFFFF)));
        } else if (name == StandardSocketOptions.SO_SNDBUF) {
            h.setOption(SocketOptions.SO_SNDBUF, positive((Integer) value));
        } else if (name == StandardSocketOptions.SO_RCVBUF) {
            h.setOption(SocketOptions.SO_RCVBUF, positive((Integer) value));
        } else if (name == StandardSocketOptions.SO_KEEPALIVE) {
            h.setOption(SocketOptions.SO_KEEPALIVE, (Boolean) value);
        } else if (name == StandardSocketOptions.SO_REUSEADDR) {
            h.setOption(SocketOptions.SO_REUSEADDR, (Boolean) value);
        } else if (name == StandardSocketOptions.TCP_NODELAY) {
            h.setOption(SocketOptions.TCP_NODELAY, (Boolean) value);
        } else if (name == StandardSocketOptions.SO_BROADCAST) {
            h.setOption(SocketOptions.SO_BROADCAST, (Boolean) value);
        } else {
            throw new UnsupportedOperationException("'" + name + "' not supported");
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T get(BridgedHandle h, Set<SocketOption<?>> supported, SocketOption<T> name)
            throws java.io.IOException {
        requireSupported(supported, name);
        Object v;
        if (name == StandardSocketOptions.SO_LINGER) {
            Linger l = h.getOption(SocketOptions.SO_LINGER);
            v = l.onOff() ? l.seconds() : -1;
        } else if (name == StandardSocketOptions.SO_SNDBUF) {
            v = h.getOption(SocketOptions.SO_SNDBUF);
        } else if (name == StandardSocketOptions.SO_RCVBUF) {
            v = h.getOption(SocketOptions.SO_RCVBUF);
        } else if (name == StandardSocketOptions.SO_KEEPALIVE) {
            v = h.getOption(SocketOptions.SO_KEEPALIVE);
        } else if (name == StandardSocketOptions.SO_REUSEADDR) {
            v = h.getOption(SocketOptions.SO_REUSEADDR);
        } else if (name == StandardSocketOptions.TCP_NODELAY) {
            v = h.getOption(SocketOptions.TCP_NODELAY);
        } else if (name == StandardSocketOptions.SO_BROADCAST) {
            v = h.getOption(SocketOptions.SO_BROADCAST);
        } else {
            throw new UnsupportedOperationException("'" + name + "' not supported");
        }
        return (T) v;
    }

    private static void requireSupported(Set<SocketOption<?>> supported, SocketOption<?> name) {
        if (!supported.contains(name)) {
            throw new UnsupportedOperationException("'" + name + "' not supported");
        }
    }

    private static int positive(Integer v) {
        if (v == null || v <= 0) {
            throw new IllegalArgumentException("Invalid send/receive buffer size");
        }
        return v;
    }
}
