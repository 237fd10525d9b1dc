package io.jwsp.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.JwspRuntime;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Channels opened without a protocol family take IPv4 and IPv6 addresses alike, as the JDK's dual-stack channels
 * do: on a host where {@code localhost} is {@code ::1}, unchanged code binds and connects to {@code ::1}.
 */
class DualStackChannelsTest {
    private static final InetSocketAddress IPV6_LOOPBACK = new InetSocketAddress("::1", 0);

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jwsp.bridge.IpProviders#names")
    void aChannelWithoutAFamilyBindsAndConnectsOverIpv6(String provider) throws Exception {
        try (JwspRuntime runtime = IpProviders.runtime(provider);
             JwspSelectorProvider nio = JwspSelectorProvider.open(runtime, provider);
             ServerSocketChannel listener = nio.openServerSocketChannel();
             SocketChannel client = nio.openSocketChannel()) {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true); // set before the family is known
            listener.bind(IPV6_LOOPBACK);
            InetSocketAddress where = (InetSocketAddress) listener.getLocalAddress();
            assertInstanceOf(Inet6Address.class, where.getAddress());
            assertTrue(listener.getOption(StandardSocketOptions.SO_REUSEADDR), "options move to the IPv6 socket");
            client.connect(where);
            try (SocketChannel served = listener.accept()) {
                client.write(ByteBuffer.wrap(new byte[] {7}));
                ByteBuffer one = ByteBuffer.allocate(1);
                assertEquals(1, served.read(one));
                assertEquals(7, one.get(0));
                assertInstanceOf(Inet6Address.class, ((InetSocketAddress) served.getRemoteAddress()).getAddress());
            }
        }
    }

    /** Netty's order: open, nonblocking, register (interest 0), then connect; the registration moves along. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jwsp.bridge.IpProviders#names")
    void aRegisteredChannelKeepsItsSelectorWhenItsFamilyIsChosen(String provider) throws Exception {
        try (JwspRuntime runtime = IpProviders.runtime(provider);
             JwspSelectorProvider nio = JwspSelectorProvider.open(runtime, provider);
             ServerSocketChannel listener = nio.openServerSocketChannel();
             SocketChannel client = nio.openSocketChannel();
             Selector selector = nio.openSelector()) {
            listener.configureBlocking(false);
            SelectionKey accept = listener.register(selector, 0);
            listener.bind(IPV6_LOOPBACK);
            accept.interestOps(SelectionKey.OP_ACCEPT);
            client.configureBlocking(false);
            SelectionKey connect = client.register(selector, 0);
            client.connect(listener.getLocalAddress());
            connect.interestOps(SelectionKey.OP_CONNECT);
            boolean connected = false;
            SocketChannel served = null;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while ((!connected || served == null) && System.nanoTime() < deadline) {
                selector.select(1_000);
                for (SelectionKey k : selector.selectedKeys()) {
                    if (k == connect && k.isConnectable()) {
                        connected = client.finishConnect();
                    }
                    if (k == accept && k.isAcceptable() && served == null) {
                        served = listener.accept();
                    }
                }
                selector.selectedKeys().clear();
            }
            assertTrue(connected, "connected through the selector");
            assertTrue(served != null, "accepted through the selector");
            served.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jwsp.bridge.IpProviders#names")
    void ipv4StaysIpv4(String provider) throws Exception {
        try (JwspRuntime runtime = IpProviders.runtime(provider);
             JwspSelectorProvider nio = JwspSelectorProvider.open(runtime, provider);
             ServerSocketChannel listener = nio.openServerSocketChannel()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            assertInstanceOf(Inet4Address.class, ((InetSocketAddress) listener.getLocalAddress()).getAddress());
        }
    }
}
