package io.jwsp.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.loopback.LoopbackProviderFactory;
import io.jwsp.runtime.JwspRuntime;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.IllegalSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.SelectorProvider;
import java.util.Iterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hand-written java.nio selector code, the kind a protocol stack has, over the loopback provider. */
class NioSelectorOverLoopbackTest {
    private JwspRuntime runtime;
    private JwspSelectorProvider nio;

    @BeforeEach
    void start() {
        runtime = JwspRuntime.builder().provider(new LoopbackProviderFactory()).build();
        nio = JwspSelectorProvider.open(runtime, "loopback");
    }

    @AfterEach
    void stop() {
        nio.close();
        runtime.close();
    }

    @Test
    void nonblockingEchoLoopWithOneSelector() throws Exception {
        byte[] payload = new byte[100_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i ^ (i >>> 8));
        }
        try (Selector selector = nio.openSelector();
             ServerSocketChannel server = nio.openServerSocketChannel()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);

            SocketChannel client = nio.openSocketChannel();
            client.configureBlocking(false);
            boolean connected = client.connect(server.getLocalAddress());
            SelectionKey clientKey = client.register(selector,
                    connected ? SelectionKey.OP_WRITE | SelectionKey.OP_READ : SelectionKey.OP_CONNECT);
            ByteBuffer toSend = ByteBuffer.wrap(payload);
            ByteArrayOutputStream echoed = new ByteArrayOutputStream();
            ByteBuffer scratch = ByteBuffer.allocate(8192);

            long deadline = System.nanoTime() + 30_000_000_000L;
            while (echoed.size() < payload.length) {
                assertTrue(System.nanoTime() < deadline, "echo did not finish; got " + echoed.size());
                selector.select(1000);
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    if (k.isAcceptable()) {
                        SocketChannel peer = server.accept();
                        if (peer != null) {
                            peer.configureBlocking(false);
                            peer.register(selector, SelectionKey.OP_READ, ByteBuffer.allocate(16384));
                        }
                    } else if (k.isConnectable()) {
                        assertTrue(client.finishConnect());
                        k.interestOps(SelectionKey.OP_WRITE | SelectionKey.OP_READ);
                    } else {
                        if (k.isValid() && k.isWritable() && k == clientKey) {
                            client.write(toSend);
                            if (!toSend.hasRemaining()) {
                                k.interestOps(SelectionKey.OP_READ);
                            }
                        }
                        if (k.isValid() && k.isReadable()) {
                            SocketChannel ch = (SocketChannel) k.channel();
                            if (k == clientKey) {
                                scratch.clear();
                                int n = ch.read(scratch);
                                echoed.write(scratch.array(), 0, Math.max(n, 0));
                            } else {
                                ByteBuffer buf = (ByteBuffer) k.attachment();
                                int n = ch.read(buf);
                                buf.flip();
                                ch.write(buf); // the echo side: loopback buffers hold what a round takes
                                buf.compact();
                                if (n < 0) {
                                    ch.close();
                                }
                            }
                        }
                    }
                }
            }
            assertArrayEquals(payload, echoed.toByteArray());
            client.close();
        }
    }

    @Test
    void aChannelOfAnotherProviderIsRefused() throws Exception {
        try (Selector selector = nio.openSelector();
             SocketChannel jdk = SelectorProvider.provider().openSocketChannel()) {
            jdk.configureBlocking(false);
            assertThrows(IllegalSelectorException.class, () -> jdk.register(selector, SelectionKey.OP_READ));
        }
    }

    @Test
    void wakeupBeforeSelectMakesTheNextSelectReturnAtOnce() throws Exception {
        try (Selector selector = nio.openSelector()) {
            selector.wakeup();
            assertEquals(0, selector.select()); // would block forever without the pending wakeup
        }
    }

    @Test
    void datagramsKeepTheirBoundariesAndSource() throws Exception {
        try (DatagramChannel a = nio.openDatagramChannel(); DatagramChannel b = nio.openDatagramChannel()) {
            a.bind(new InetSocketAddress("127.0.0.1", 0));
            b.bind(new InetSocketAddress("127.0.0.1", 0));
            b.send(ByteBuffer.wrap(new byte[] {1, 2, 3}), a.getLocalAddress());
            b.send(ByteBuffer.wrap(new byte[] {4, 5}), a.getLocalAddress());
            ByteBuffer buf = ByteBuffer.allocate(100);
            SocketAddress from = a.receive(buf);
            assertEquals(b.getLocalAddress(), from);
            assertEquals(3, buf.position());
            buf.clear();
            a.receive(buf);
            assertEquals(2, buf.position());
            assertFalse(a.isConnected());
            assertThrows(UnsupportedOperationException.class,
                    () -> a.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true));
        }
    }
}
