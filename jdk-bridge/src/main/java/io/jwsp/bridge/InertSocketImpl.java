package io.jwsp.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.SocketImpl;

/**
 * The JDK requires a {@link SocketImpl} behind every {@link java.net.ServerSocket} (and may behind a
 * {@link java.net.Socket}); the adaptors override every public method, so this one is never reached and refuses
 * anything asked of it.
 */
final class InertSocketImpl extends SocketImpl {
    private static IOException unused() {
        return new IOException("not used: the jwsp adaptor handles this call");
    }

    @Override protected void create(boolean stream) throws IOException { throw unused(); }
    @Override protected void connect(String host, int port) throws IOException { throw unused(); }
    @Override protected void connect(InetAddress address, int port) throws IOException { throw unused(); }
    @Override protected void connect(SocketAddress address, int timeout) throws IOException { throw unused(); }
    @Override protected void bind(InetAddress host, int port) throws IOException { throw unused(); }
    @Override protected void listen(int backlog) throws IOException { throw unused(); }
    @Override protected void accept(SocketImpl s) throws IOException { throw unused(); }
    @Override protected InputStream getInputStream() throws IOException { throw unused(); }
    @Override protected OutputStream getOutputStream() throws IOException { throw unused(); }
    @Override protected int available() throws IOException { throw unused(); }
    @Override protected void close() { }
    @Override protected void sendUrgentData(int data) throws IOException { throw unused(); }
    @Override public void setOption(int optID, Object value) throws java.net.SocketException {
        throw new java.net.SocketException("not used");
    }
    @Override public Object getOption(int optID) throws java.net.SocketException {
        throw new java.net.SocketException("not used");
    }
}
