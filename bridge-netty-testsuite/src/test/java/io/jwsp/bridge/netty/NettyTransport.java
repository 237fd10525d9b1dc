package io.jwsp.bridge.netty;

import io.jwsp.bridge.JwspSelectorProvider;
import io.jwsp.provider.loopback.LoopbackProviderFactory;
import io.jwsp.provider.tcp.TcpProviderFactory;
import io.jwsp.runtime.JwspRuntime;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.testsuite.transport.TestsuitePermutation.BootstrapComboFactory;
import io.netty.testsuite.transport.TestsuitePermutation.BootstrapFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.channels.spi.SelectorProvider;
import java.util.List;

/**
 * The transport every subclassed Netty test runs on, chosen by the system property {@code jwsp.netty.transport}
 * (one surefire execution each): {@code jdk} (the JDK's own SelectorProvider, the baseline of the same run),
 * {@code loopback} or {@code tcp} (NIO channels over {@link JwspSelectorProvider} on that jwsp provider). Both the
 * server and the client side use it. One runtime and one event loop group per test JVM, as Netty's own
 * SocketTestPermutation keeps one group.
 */
final class NettyTransport {
    static final String PROPERTY = "jwsp.netty.transport";
    private static final int THREADS = 2;

    private static final NettyTransport CURRENT = new NettyTransport(System.getProperty(PROPERTY, "jdk"));

    private final String name;
    private final SelectorProvider nio;
    private final EventLoopGroup group;

    private NettyTransport(String name) {
        this.name = name;
        this.nio = switch (name) {
            case "jdk" -> SelectorProvider.provider();
            case "loopback" -> JwspSelectorProvider.open(
                    JwspRuntime.builder().provider(new LoopbackProviderFactory()).build(), "loopback");
            case "tcp" -> JwspSelectorProvider.open(
                    JwspRuntime.builder().provider(new TcpProviderFactory()).build(), "tcp");
            default -> throw new IllegalArgumentException(PROPERTY + "=" + name + ": jdk, loopback or tcp");
        };
        this.group = new MultiThreadIoEventLoopGroup(THREADS, NioIoHandler.newFactory(nio));
    }

    static NettyTransport current() {
        return CURRENT;
    }

    String name() {
        return name;
    }

    SelectorProvider selectorProvider() {
        return nio;
    }

    /** One server/client pairing: NIO on both sides, over this transport's SelectorProvider. */
    List<BootstrapComboFactory<ServerBootstrap, Bootstrap>> socket() {
        return List.of(new BootstrapComboFactory<>() {
            @Override
            public ServerBootstrap newServerInstance() {
                return serverBootstrap();
            }

            @Override
            public Bootstrap newClientInstance() {
                return clientBootstrap();
            }
        });
    }

    List<BootstrapFactory<ServerBootstrap>> serverSocket() {
        return List.of(this::serverBootstrap);
    }

    List<BootstrapFactory<Bootstrap>> clientSocket() {
        return List.of(this::clientBootstrap);
    }

    /** A plain java.net socket for tests whose peer is one: the kernel's, or one of jwsp's socket factory. */
    Socket newPeerSocket() {
        try {
            return nio instanceof JwspSelectorProvider jwsp ? jwsp.socketFactory().createSocket() : new Socket();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ServerBootstrap serverBootstrap() {
        return new ServerBootstrap().group(group)
                .channelFactory(() -> new NioServerSocketChannel(nio));
    }

    private Bootstrap clientBootstrap() {
        return new Bootstrap().group(group).channelFactory(() -> new NioSocketChannel(nio));
    }
}
