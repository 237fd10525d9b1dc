package io.jwsp.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jwsp.provider.irda.IrdaProviderFactory;
import io.jwsp.provider.irda.IrdaSockAddr;
import io.jwsp.runtime.JwspRuntime;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Netty's NIO transport and plain java.net sockets over the IrDA provider: addresses are {@link JwspSocketAddress}
 * wrapping an IrDA device and service name; the medium runs at its default 115200 baud on the real clock.
 */
class NettyOverIrdaTest {
    /** The provider's first simulated device; a client in the same runtime reaches it from the second. */
    private static final int DEVICE_A = 0x1DA00001;

    @Test
    void nettyEchoServerAndClientOverIrda() throws Exception {
        try (JwspRuntime runtime = JwspRuntime.builder().provider(new IrdaProviderFactory()).build();
             JwspSelectorProvider nio = JwspSelectorProvider.open(runtime, "irda")) {
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory(nio));
            try {
                Channel server = new ServerBootstrap().group(group)
                        .channelFactory(() -> new NioServerSocketChannel(nio))
                        .childHandler(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ctx.writeAndFlush(msg);
                            }
                        })
                        .bind(new JwspSocketAddress(IrdaSockAddr.local("netty-echo"))).sync().channel();
                byte[] payload = new byte[3000];
                for (int i = 0; i < payload.length; i++) {
                    payload[i] = (byte) (i * 7);
                }
                CompletableFuture<byte[]> echoed = new CompletableFuture<>();
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                Channel client = new Bootstrap().group(group)
                        .channelFactory(() -> new NioSocketChannel(nio))
                        .handler(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ByteBuf b = (ByteBuf) msg;
                                byte[] chunk = new byte[b.readableBytes()];
                                b.readBytes(chunk);
                                b.release();
                                got.writeBytes(chunk);
                                if (got.size() >= payload.length) {
                                    echoed.complete(got.toByteArray());
                                }
                            }
                        })
                        .connect(new JwspSocketAddress(IrdaSockAddr.of(DEVICE_A, "netty-echo"))).sync().channel();
                client.writeAndFlush(Unpooled.wrappedBuffer(payload)).sync();
                assertArrayEquals(payload, echoed.get(30, TimeUnit.SECONDS));
                client.close().sync();
                server.close().sync();
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            }
        }
    }

    @Test
    void plainSocketAndServerSocketOverIrda() throws Exception {
        try (JwspRuntime runtime = JwspRuntime.builder().provider(new IrdaProviderFactory()).build();
             JwspSelectorProvider nio = JwspSelectorProvider.open(runtime, "irda")) {
            try (ServerSocket server = nio.serverSocketFactory().createServerSocket()) {
                server.bind(new JwspSocketAddress(IrdaSockAddr.local("plain")));
                CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
                    try (Socket peer = server.accept(); InputStream in = peer.getInputStream()) {
                        return in.readAllBytes().length;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                try (Socket client = nio.socketFactory().createSocket()) {
                    client.connect(new JwspSocketAddress(IrdaSockAddr.of(DEVICE_A, "plain")));
                    client.getOutputStream().write(new byte[5000]);
                } // send then close at once: IrDA defers the disconnect until the data is through
                assertEquals(5000, read.get(30, TimeUnit.SECONDS));
            }
        }
    }
}
