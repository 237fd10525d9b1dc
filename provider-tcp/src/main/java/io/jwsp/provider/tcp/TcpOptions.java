package io.jwsp.provider.tcp;

import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tcp socket's options. SO_LINGER/SO_DONTLINGER and the time-outs stay here (the kernel's SO_LINGER stays off, and
 * every wait is on the provider's clock); SO_SNDBUF, SO_RCVBUF, SO_KEEPALIVE, SO_REUSEADDR, TCP_NODELAY and
 * SO_OOBINLINE go to the kernel, and are remembered so that a channel that replaces another (listen, a retried
 * connect) or an accepted socket gets them too. Guarded by the owning socket's lock.
 */
final class TcpOptions {
    private static final Logger LOG = LoggerFactory.getLogger(TcpOptions.class);

    /** SO_OOBINLINE is not a standard JDK option: it goes through the socket adaptor. */
    static final SocketOption<Boolean> OOB_INLINE = new SocketOption<>() {
        @Override
        public String name() {
            return "SO_OOBINLINE";
        }

        @Override
        public Class<Boolean> type() {
            return Boolean.class;
        }
    };

    private Linger linger = Linger.DONT_LINGER;
    private int rcvTimeoutMs;
    private int sndTimeoutMs;
    private Integer sndBufSet;
    private Integer rcvBufSet;
    private boolean debug;
    private final Map<SocketOption<?>, Object> kernel = new LinkedHashMap<>();

    Linger linger() {
        return linger;
    }

    int rcvTimeoutMs() {
        return rcvTimeoutMs;
    }

    int sndTimeoutMs() {
        return sndTimeoutMs;
    }

    boolean hasTimeouts() {
        return rcvTimeoutMs > 0 || sndTimeoutMs > 0;
    }

    /** WSPAccept: the accepted socket starts with the listener's options, linger included. */
    void inheritFrom(TcpOptions listener) {
        linger = listener.linger;
        rcvTimeoutMs = listener.rcvTimeoutMs;
        sndTimeoutMs = listener.sndTimeoutMs;
        debug = listener.debug;
        kernel.putAll(listener.kernel);
    }

    /** Gives a new channel every kernel option set so far. */
    void applyTo(NetworkChannel ch) throws IOException {
        for (Map.Entry<SocketOption<?>, Object> o : kernel.entrySet()) {
            apply(ch, o.getKey(), o.getValue());
        }
    }

    /** setsockopt for the options kept here; {@code value} is not null. */
    WspResult<Void> set(SockOpt<?> option, Object value, NetworkChannel current) throws IOException {
        if (option.equals(SocketOptions.SO_LINGER)) {
            linger = (Linger) value;
        } else if (option.equals(SocketOptions.SO_DONTLINGER)) {
            linger = linger.withDontLinger((Boolean) value);
        } else if (option.equals(SocketOptions.SO_RCVTIMEO)) {
            rcvTimeoutMs = Math.max(0, (Integer) value);
        } else if (option.equals(SocketOptions.SO_SNDTIMEO)) {
            sndTimeoutMs = Math.max(0, (Integer) value);
        } else if (option.equals(SocketOptions.SO_DEBUG)) {
            debug = (Boolean) value;
        } else if (option.equals(SocketOptions.SO_OOBINLINE)) {
            toKernel(OOB_INLINE, value, current);
        } else if (option.equals(SocketOptions.SO_SNDBUF) || option.equals(SocketOptions.SO_RCVBUF)) {
            int size = (Integer) value;
            if (size < 0) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            boolean send = option.equals(SocketOptions.SO_SNDBUF);
            if (send) {
                sndBufSet = size;
            } else {
                rcvBufSet = size;
            }
            toKernel(send ? StandardSocketOptions.SO_SNDBUF : StandardSocketOptions.SO_RCVBUF, Math.max(1, size),
                    current);
        } else if (option.equals(SocketOptions.SO_KEEPALIVE)) {
            toKernel(StandardSocketOptions.SO_KEEPALIVE, value, current);
        } else if (option.equals(SocketOptions.SO_REUSEADDR)) {
            toKernel(StandardSocketOptions.SO_REUSEADDR, value, current);
        } else if (option.equals(SocketOptions.TCP_NODELAY)) {
            toKernel(StandardSocketOptions.TCP_NODELAY, value, current);
        } else {
            return WspResult.fail(WsaError.WSAENOPROTOOPT);
        }
        return WspResult.ok();
    }

    /** getsockopt for the options kept here, or {@code null} when the option is not one of them. */
    Object get(SockOpt<?> option, NetworkChannel current) {
        if (option.equals(SocketOptions.SO_LINGER)) {
            return linger;
        } else if (option.equals(SocketOptions.SO_DONTLINGER)) {
            return !linger.onOff();
        } else if (option.equals(SocketOptions.SO_RCVTIMEO)) {
            return rcvTimeoutMs;
        } else if (option.equals(SocketOptions.SO_SNDTIMEO)) {
            return sndTimeoutMs;
        } else if (option.equals(SocketOptions.SO_DEBUG)) {
            return debug;
        } else if (option.equals(SocketOptions.SO_SNDBUF)) {
            // what the application set (Linux doubles it internally), else the kernel's value
            return sndBufSet != null ? sndBufSet : kernelValue(StandardSocketOptions.SO_SNDBUF, 8192, current);
        } else if (option.equals(SocketOptions.SO_RCVBUF)) {
            return rcvBufSet != null ? rcvBufSet : kernelValue(StandardSocketOptions.SO_RCVBUF, 8192, current);
        } else if (option.equals(SocketOptions.SO_KEEPALIVE)) {
            return kernelValue(StandardSocketOptions.SO_KEEPALIVE, false, current);
        } else if (option.equals(SocketOptions.SO_REUSEADDR)) {
            return kernel.getOrDefault(StandardSocketOptions.SO_REUSEADDR, false);
        } else if (option.equals(SocketOptions.TCP_NODELAY)) {
            return kernelValue(StandardSocketOptions.TCP_NODELAY, false, current);
        } else if (option.equals(SocketOptions.SO_OOBINLINE)) {
            return kernel.getOrDefault(OOB_INLINE, false);
        }
        return null;
    }

    private void toKernel(SocketOption<?> option, Object value, NetworkChannel current) throws IOException {
        kernel.put(option, value);
        if (current != null) {
            apply(current, option, value);
        }
    }

    @SuppressWarnings("unchecked")
    private static void apply(NetworkChannel ch, SocketOption<?> option, Object value) throws IOException {
        if (option == OOB_INLINE) {
            if (ch instanceof SocketChannel sc) {
                sc.socket().setOOBInline((Boolean) value);
            }
            return;
        }
        if (ch.supportedOptions().contains(option)) {
            ch.setOption((SocketOption<Object>) option, value);
        }
        // options a listener lacks (SO_KEEPALIVE, TCP_NODELAY) are kept and given to the sockets it accepts
    }

    @SuppressWarnings("unchecked")
    private <V> V kernelValue(SocketOption<V> option, V fallback, NetworkChannel current) {
        if (kernel.containsKey(option)) {
            return (V) kernel.get(option);
        }
        try {
            if (current != null && current.supportedOptions().contains(option)) {
                return current.getOption(option);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("reading {}", option, e);
        }
        return fallback;
    }
}
