package io.jwsp.bridge.jvmwide;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.SelectorProvider;

/**
 * A program that knows nothing of jwsp: a pipe round trip and a socket channel round trip, then it prints which
 * SelectorProvider served them. {@link JvmWideServiceEntryTest} runs it in a JVM of its own.
 */
public final class UnchangedMain {
    private UnchangedMain() {
    }

    public static void main(String[] args) throws IOException {
        Pipe pipe = Pipe.open();
        pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
        ByteBuffer one = ByteBuffer.allocate(1);
        pipe.source().read(one);
        try (ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SocketChannel client = SocketChannel.open(listener.getLocalAddress());
             SocketChannel served = listener.accept()) {
            client.write(ByteBuffer.wrap(new byte[] {2}));
            served.read(one.clear());
        }
        System.out.println(SelectorProvider.provider().getClass().getName() + " " + one.get(0));
    }
}
