package io.jwsp.bridge;

import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WspResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.SocketChannel;
import java.util.Set;

/**
 * The {@link Socket} view of a {@link JwspSocketChannel}, for blocking code. {@link #setSoLinger} maps to the
 * provider's SO_LINGER, so {@link #close()} follows the provider's close table; {@link #setSoTimeout} maps to
 * SO_RCVTIMEO, so a read that times out throws {@link SocketTimeoutException}.
 */
public final class JwspSocketAdaptor extends Socket {
    private final JwspSocketChannel ch;
    private volatile int timeoutMillis;

    private JwspSocketAdaptor(JwspSocketChannel ch) throws SocketException {
        super(new InertSocketImpl());
        this.ch = ch;
    }

    static JwspSocketAdaptor create(JwspSocketChannel ch) {
        try {
            return new JwspSocketAdaptor(ch);
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public SocketChannel getChannel() {
        return ch;
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        connect(endpoint, 0);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        try {
            connectChannel(endpoint, timeout);
        } catch (IOException e) {
            throw WsaErrorTranslation.forAdaptor(e);
        }
    }

    private void connectChannel(SocketAddress endpoint, int timeout) throws IOException {
        if (endpoint == null) {
            throw new IllegalArgumentException("connect: The address can't be null");
        }
        if (timeout < 0) {
            throw new IllegalArgumentException("connect: timeout can't be negative");
        }
        if (!ch.isBlocking()) {
            throw new IllegalBlockingModeException();
        }
        if (timeout == 0) {
            ch.connect(endpoint);
            return;
        }
        // A bounded connect: start it nonblocking, then wait on the provider's select with the time-out.
        ch.configureBlocking(false);
        try {
            if (!ch.connect(endpoint)) {
                var w = ch.handle().winsock.select(Set.of(), Set.of(ch.winsockHandle()), Set.of(ch.winsockHandle()),
                        java.time.Duration.ofMillis(timeout));
                if (w.isOk() && w.value().count() == 0) {
                    ch.close();
                    throw new SocketTimeoutException("Connect timed out");
                }
                if (!ch.finishConnect()) {
                    ch.close();
                    throw new SocketTimeoutException("Connect timed out");
                }
            }
        } finally {
            if (ch.isOpen()) {
                ch.configureBlocking(true);
            }
        }
    }

    @Override
    public void bind(SocketAddress bindpoint) throws IOException {
        ch.bind(bindpoint);
    }

    @Override
    public InetAddress getInetAddress() {
        return getRemoteSocketAddress() instanceof InetSocketAddress i ? i.getAddress() : null;
    }

    @Override
    public InetAddress getLocalAddress() {
        return getLocalSocketAddress() instanceof InetSocketAddress i ? i.getAddress() : null;
    }

    @Override
    public int getPort() {
        return getRemoteSocketAddress() instanceof InetSocketAddress i ? i.getPort() : 0;
    }

    @Override
    public int getLocalPort() {
        return getLocalSocketAddress() instanceof InetSocketAddress i ? i.getPort() : -1;
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        try {
            return ch.isOpen() ? ch.getRemoteAddress() : null;
        } catch (IOException e) {
            return null;
        }
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
    public InputStream getInputStream() throws IOException {
        ensureUsable();
        if (isInputShutdown()) {
            throw new SocketException("Socket input is shutdown");
        }
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                java.util.Objects.checkFromIndexSize(off, len, b.length);
                if (len == 0) {
                    return 0;
                }
                if (!ch.isBlocking()) {
                    throw new IllegalBlockingModeException();
                }
                try {
                    return ch.read(ByteBuffer.wrap(b, off, len));
                } catch (IOException e) {
                    throw WsaErrorTranslation.forAdaptor(e);
                }
            }

            @Override
            public int available() throws IOException {
                WspResult<Integer> r = ch.handle().winsock.ioctl(ch.winsockHandle(), IoControls.FIONREAD, null);
                return r.isOk() ? r.value() : 0;
            }

            @Override
            public void close() throws IOException {
                JwspSocketAdaptor.this.close();
            }
        };
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        ensureUsable();
        if (isOutputShutdown()) {
            throw new SocketException("Socket output is shutdown");
        }
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                java.util.Objects.checkFromIndexSize(off, len, b.length);
                if (!ch.isBlocking()) {
                    throw new IllegalBlockingModeException();
                }
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                try {
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                } catch (IOException e) {
                    throw WsaErrorTranslation.forAdaptor(e);
                }
            }

            @Override
            public void close() throws IOException {
                JwspSocketAdaptor.this.close();
            }
        };
    }

    private void ensureUsable() throws SocketException {
        if (isClosed()) {
            throw new SocketException("Socket is closed");
        }
        if (!isConnected()) {
            throw new SocketException("Socket is not connected");
        }
    }

    private <T> void set(SocketOption<T> name, T value) throws SocketException {
        AdaptorOptions.set(ch, name, value);
    }

    private <T> T get(SocketOption<T> name) throws SocketException {
        return AdaptorOptions.get(ch, name);
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        set(StandardSocketOptions.TCP_NODELAY, on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return get(StandardSocketOptions.TCP_NODELAY);
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        if (on && linger < 0) {
            throw new IllegalArgumentException("invalid value for SO_LINGER");
        }
        set(StandardSocketOptions.SO_LINGER, on ? linger : -1);
    }

    @Override
    public int getSoLinger() throws SocketException {
        return get(StandardSocketOptions.SO_LINGER);
    }

    @Override
    public void sendUrgentData(int data) throws IOException {
        throw new SocketException("Urgent data not supported");
    }

    @Override
    public void setOOBInline(boolean on) throws SocketException {
        if (on) {
            throw new SocketException("OOB inline not supported");
        }
    }

    @Override
    public boolean getOOBInline() {
        return false;
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout can't be negative");
        }
        try {
            ch.handle().setOption(SocketOptions.SO_RCVTIMEO, timeout);
        } catch (UnsupportedOperationException e) {
            throw (SocketException) new SocketException("SO_TIMEOUT not supported by the provider").initCause(e);
        } catch (IOException e) {
            throw (SocketException) new SocketException(e.getMessage()).initCause(e);
        }
        timeoutMillis = timeout;
    }

    @Override
    public int getSoTimeout() {
        return timeoutMillis;
    }

    @Override
    public void setSendBufferSize(int size) throws SocketException {
        set(StandardSocketOptions.SO_SNDBUF, size);
    }

    @Override
    public int getSendBufferSize() throws SocketException {
        return get(StandardSocketOptions.SO_SNDBUF);
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        set(StandardSocketOptions.SO_RCVBUF, size);
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
        return get(StandardSocketOptions.SO_RCVBUF);
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        set(StandardSocketOptions.SO_KEEPALIVE, on);
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
        return get(StandardSocketOptions.SO_KEEPALIVE);
    }

    @Override
    public void setTrafficClass(int tc) {
        // IP_TOS is not a Winsock provider option; ignored as the JDK may ignore it.
    }

    @Override
    public int getTrafficClass() {
        return 0;
    }

    @Override
    public void setReuseAddress(boolean on) throws SocketException {
        set(StandardSocketOptions.SO_REUSEADDR, on);
    }

    @Override
    public boolean getReuseAddress() throws SocketException {
        return get(StandardSocketOptions.SO_REUSEADDR);
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }

    @Override
    public void shutdownInput() throws IOException {
        ch.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        ch.shutdownOutput();
    }

    @Override
    public boolean isConnected() {
        return ch.isConnected();
    }

    @Override
    public boolean isBound() {
        return ch.isOpen() && getLocalSocketAddress() != null;
    }

    @Override
    public boolean isClosed() {
        return !ch.isOpen();
    }

    @Override
    public boolean isInputShutdown() {
        return !ch.isOpen() || ch.socketInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return !ch.isOpen() || ch.socketOutputShutdown();
    }

    @Override
    public <T> Socket setOption(SocketOption<T> name, T value) throws IOException {
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
        return "JwspSocket[" + ch + "]";
    }
}
