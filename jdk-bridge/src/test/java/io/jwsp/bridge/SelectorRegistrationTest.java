package io.jwsp.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.JwspRuntime;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What a selector reports for a channel it has just been given, and how a cancelled key lets the channel go. */
class SelectorRegistrationTest {

    /** A connected pair over one provider, the server's end accepted. */
    private record Pair(ServerSocketChannel listener, SocketChannel client, SocketChannel server)
            implements AutoCloseable {
        static Pair open(JwspSelectorProvider nio) throws Exception {
            ServerSocketChannel l = nio.openServerSocketChannel().bind(new InetSocketAddress("127.0.0.1", 0));
            SocketChannel c = nio.openSocketChannel();
            c.connect(l.getLocalAddress());
            return new Pair(l, c, l.accept());
        }

        @Override
        public void close() throws Exception {
            client.close();
            server.close();
            listener.close();
        }
    }

    /** Netty fires a read for every readable report: a channel with no data must not be reported readable. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jwsp.bridge.IpProviders#names")
    void aNewlyRegisteredChannelWithoutDataIsNotReadable(String provider) throws Exception {
        try (JwspRuntime runtime = IpProviders.runtime(provider);
             JwspSelectorProvider nio = JwspSelectorProvider.open(runtime, provider);
             Pair pair = Pair.open(nio);
             Selector selector = nio.openSelector()) {
            pair.server().configureBlocking(false);
            pair.server().register(selector, SelectionKey.OP_READ);
            assertEquals(0, selector.selectNow());
            pair.listener().configureBlocking(false);
            pair.listener().register(selector, SelectionKey.OP_ACCEPT);
            assertEquals(0, selector.selectNow(), "no connection is pending");
        }
    }

    /** Data that arrived before the registration is not lost: the channel is reported readable at once. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jwsp.bridge.IpProviders#names")
    void dataThatArrivedBeforeTheRegistrationIsReported(String provider) throws Exception {
        try (JwspRuntime runtime = IpProviders.runtime(provider);
             JwspSelectorProvider nio = JwspSelectorProvider.open(runtime, provider);
             Pair pair = Pair.open(nio);
             Selector selector = nio.openSelector()) {
            pair.client().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            // the blocking read of a peeked byte would consume it; wait for arrival through FIONREAD instead
            JwspSocketAdaptor in = (JwspSocketAdaptor) pair.server().socket();
            awaitAvailable(in);
            pair.server().configureBlocking(false);
            SelectionKey key = pair.server().register(selector, SelectionKey.OP_READ);
            assertEquals(1, selector.select(10_000));
            assertTrue(key.isReadable());
        }
    }

    /**
     * HttpServer's pattern for every exchange: cancel the key, then switch the channel back to blocking mode
     * before the selector has flushed the cancelled key. The JDK allows it (no valid key is left); Winsock refuses
     * FIONBIO while an event association is in force, so the bridge must end the association first.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jwsp.bridge.IpProviders#names")
    void aChannelWhoseKeyIsCancelledGoesBackToBlockingMode(String provider) throws Exception {
        try (JwspRuntime runtime = IpProviders.runtime(provider);
             JwspSelectorProvider nio = JwspSelectorProvider.open(runtime, provider);
             Pair pair = Pair.open(nio);
             Selector selector = nio.openSelector()) {
            pair.server().configureBlocking(false);
            SelectionKey key = pair.server().register(selector, SelectionKey.OP_READ);
            key.cancel();
            pair.server().configureBlocking(true);
            assertTrue(pair.server().isBlocking());
            pair.client().write(ByteBuffer.wrap(new byte[] {42}));
            ByteBuffer one = ByteBuffer.allocate(1);
            assertEquals(1, pair.server().read(one), "a blocking read works after the switch");
            assertEquals(42, one.get(0));
            selector.selectNow(); // flushing the cancelled key afterwards is harmless
            assertFalse(key.isValid());
        }
    }

    /**
     * HttpServer's dispatcher: one accept per select, then selectNow() to flush cancelled keys (which puts the
     * still-ready listener key back in the selected set). Every pending connection must be taken without waiting
     * for the select's time-out: a select returns when a channel is ready even if its key was already selected.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jwsp.bridge.IpProviders#names")
    @Timeout(30)
    void oneAcceptPerSelectTakesEveryPendingConnection(String provider) throws Exception {
        int clients = 16;
        try (JwspRuntime runtime = IpProviders.runtime(provider);
             JwspSelectorProvider nio = JwspSelectorProvider.open(runtime, provider);
             ServerSocketChannel listener = nio.openServerSocketChannel();
             Selector selector = nio.openSelector()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0), 50).configureBlocking(false);
            SelectionKey key = listener.register(selector, SelectionKey.OP_ACCEPT);
            List<SocketChannel> open = new ArrayList<>();
            try {
                for (int i = 0; i < clients; i++) {
                    open.add(nio.openSocketChannel());
                    open.getLast().connect(listener.getLocalAddress());
                }
                int accepted = 0;
                for (int round = 0; round < 2 * clients && accepted < clients; round++) {
                    selector.select(60_000); // a lost readiness waits the whole minute, and the test fails on time
                    if (selector.selectedKeys().remove(key)) {
                        SocketChannel s = listener.accept();
                        if (s != null) {
                            open.add(s);
                            accepted++;
                        }
                    }
                    selector.selectNow();
                }
                assertEquals(clients, accepted);
            } finally {
                for (SocketChannel c : open) {
                    c.close();
                }
            }
        }
    }

    private static void awaitAvailable(JwspSocketAdaptor s) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (s.getInputStream().available() == 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000L);
        }
    }
}
