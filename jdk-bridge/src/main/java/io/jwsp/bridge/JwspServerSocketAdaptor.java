package io.jwsp.bridge;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.ServerSocketChannel;
import java.util.Set;

/** The {@link ServerSocket} view of a {@link JwspServerSocketChannel}, for blocking code. */
public final class JwspServerSocketAdaptor extends ServerSocket {
    private final JwspServerSocketChannel ch;
    private volatile int timeoutMillis;

    private JwspServerSocketAdaptor(JwspServerSocketChannel ch) throws IOException {
        super(new InertSocketImpl());
        this.ch = ch;
    }

    static JwspServerSocketAdaptor create(JwspServerSocketChannel ch) {
        try {
            return new JwspServerSocketAdaptor(ch);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ServerSocketChannel getChannel() {
        return ch;
    }

    @Override
    public void bind(SocketAddress endpoint) throws IOException {
        bind(endpoint, 50);
    }

    @Override
    public void bind(SocketAddress endpoint, int backlog) throws IOException {
        ch.bind(endpoint, backlog);
    }

    @Override
    public InetAddress getInetAddress() {
        return getLocalSocketAddress() instanceof InetSocketAddress i ? i.getAddress() : null;
    }

    @Override
    public int getLocalPort() {
        return getLocalSocketAddress() instanceof InetSocketAddress i ? i.getPort() : -1;
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        try {
            return ch.isOpen() ? ch.getLocalAddress() : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public Socket accept() throws IOException {
        if (!ch.isBlocking()) {
            throw new IllegalBlockingModeException();
        }
        if (timeoutMillis > 0) {
            // A bounded accept waits on the provider's select, then takes the connection.
            var r = ch.handle().winsock.select(Set.of(ch.handle().s), Set.of(), Set.of(),
                    java.time.Duration.ofMillis(timeoutMillis));
            if (r.isOk() && r.value().count() == 0) {
                throw new SocketTimeoutException("Accept timed out");
            }
        }
        try {
            return ch.accept().socket();
        } catch (IOException e) {
            throw WsaErrorTranslation.forAdaptor(e);
        }
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }

    @Override
    public boolean isBound() {
        return ch.isBound();
    }

    @Override
    public boolean isClosed() {
        return !ch.isOpen();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout < 0");
        }
        timeoutMillis = timeout;
    }

    @Override
    public int getSoTimeout() {
        return timeoutMillis;
    }

    @Override
    public void setReuseAddress(boolean on) throws SocketException {
        AdaptorOptions.set(ch, StandardSocketOptions.SO_REUSEADDR, on);
    }

    @Override
    public boolean getReuseAddress() throws SocketException {
        return AdaptorOptions.get(ch, StandardSocketOptions.SO_REUSEADDR);
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        AdaptorOptions.set(ch, StandardSocketOptions.SO_RCVBUF, size);
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
        return AdaptorOptions.get(ch, StandardSocketOptions.SO_RCVBUF);
    }

    @Override
    public <T> ServerSocket setOption(SocketOption<T> name, T value) throws IOException {
        ch.setOption(name, value);
        return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        return ch.getOption(name);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return ch.supportedOptions();
    }

    @Override
    public String toString() {
        return "JwspServerSocket[" + ch + "]";
    }
}
