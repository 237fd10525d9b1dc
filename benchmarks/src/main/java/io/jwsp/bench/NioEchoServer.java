package io.jwsp.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * A one-thread java.nio echo server, run in a child JVM by {@link TcpScale} so the 10,000 server ends do not count
 * against the measuring process's file descriptors. Writes its port to the file named by its argument; stops when
 * its standard input closes.
 */
public final class NioEchoServer {
    private NioEchoServer() {
    }

    public static void main(String[] args) throws IOException {
        try (Selector selector = Selector.open(); ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0), 4096);
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
            Path portFile = Path.of(args[0]);
            Files.writeString(portFile.resolveSibling(portFile.getFileName() + ".tmp"),
                    String.valueOf(((InetSocketAddress) listener.getLocalAddress()).getPort()));
            Files.move(portFile.resolveSibling(portFile.getFileName() + ".tmp"), portFile);
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // the parent keeps stdin open while it wants the server
                    }
                } catch (IOException ignored) {
                    // the parent went away
                }
                System.exit(0);
            });
            ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
            while (true) {
                selector.select();
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    if (k.isAcceptable()) {
                        SocketChannel c;
                        while ((c = listener.accept()) != null) {
                            c.configureBlocking(false);
                            c.register(selector, SelectionKey.OP_READ);
                        }
                    } else if (k.isReadable()) {
                        SocketChannel c = (SocketChannel) k.channel();
                        buf.clear();
                        int n;
                        try {
                            n = c.read(buf);
                        } catch (IOException e) {
                            n = -1;
                        }
                        if (n < 0) {
                            k.cancel();
                            c.close();
                            continue;
                        }
                        buf.flip();
                        while (buf.hasRemaining()) {
                            c.write(buf); // echoes are small: the socket buffer takes them whole
                        }
                    }
                }
            }
        }
    }
}
