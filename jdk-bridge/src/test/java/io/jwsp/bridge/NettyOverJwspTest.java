package io.jwsp.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.loopback.LoopbackProviderFactory;
import io.jwsp.runtime.JwspRuntime;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Netty's own NIO transport, unchanged, over the jwsp SelectorProvider. */
class NettyOverJwspTest {
    private JwspRuntime runtime;
    private JwspSelectorProvider nio;
    private EventLoopGroup group;

    @BeforeEach
    void start() {
        runtime = JwspRuntime.builder().provider(new LoopbackProviderFactory()).build();
        nio = JwspSelectorProvider.open(runtime, "loopback");
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory(nio));
    }

    @AfterEach
    void stop() throws Exception {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        nio.close();
        runtime.close();
    }

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 13 + 1);
        }
        return b;
    }

    /** Collects what a channel reads, and how its stream ended. */
    private static final class Collector extends ChannelInboundHandlerAdapter {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CompletableFuture<Throwable> ended = new CompletableFuture<>();
        final int expected;
        final CompletableFuture<byte[]> complete = new CompletableFuture<>();

        Collector(int expected) {
            this.expected = expected;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            synchronized (bytes) {
                byte[] chunk = new byte[b.readableBytes()];
                b.readBytes(chunk);
                bytes.writeBytes(chunk);
                if (bytes.size() >= expected) {
                    complete.complete(bytes.toByteArray());
                }
            }
            b.release();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ended.complete(cause);
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            ended.complete(null);
        }

        int size() {
            synchronized (bytes) {
                return bytes.size();
            }
        }
    }

    private Channel echoServer() throws InterruptedException {
        return new ServerBootstrap().group(group)
                .channelFactory(() -> new NioServerSocketChannel(nio))
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ctx.write(msg);
                    }

                    @Override
                    public void channelReadComplete(ChannelHandlerContext ctx) {
                        ctx.flush();
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    @Test
    void echoServerAndClientExchangeData() throws Exception {
        Channel server = echoServer();
        byte[] payload = pattern(300_000);
        Collector collector = new Collector(payload.length);
        Channel client = new Bootstrap().group(group)
                .channelFactory(() -> new NioSocketChannel(nio))
                .handler(collector)
                .connect(server.localAddress()).sync().channel();
        client.writeAndFlush(Unpooled.wrappedBuffer(payload)).sync();
        assertArrayEquals(payload, collector.complete.get(30, TimeUnit.SECONDS));
        client.close().sync();
        server.close().sync();
    }

    private record Pair(Channel client, Collector serverSide) {
    }

    /** A server whose accepted channel does not read until told to: the stalled peer. */
    private Pair stalledPair(int lingerSeconds) throws Exception {
        Collector serverSide = new Collector(Integer.MAX_VALUE);
        CompletableFuture<Channel> accepted = new CompletableFuture<>();
        Channel server = new ServerBootstrap().group(group)
                .channelFactory(() -> new NioServerSocketChannel(nio))
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        ctx.pipeline().addLast(serverSide);
                        ctx.pipeline().remove(this);
                        accepted.complete(ctx.channel());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        SocketAddress where = server.localAddress();
        Channel client = new Bootstrap().group(group)
                .channelFactory(() -> new NioSocketChannel(nio))
                .option(ChannelOption.SO_LINGER, lingerSeconds)
                .handler(new ChannelInboundHandlerAdapter())
                .connect(where).sync().channel();
        Channel peer = accepted.get(10, TimeUnit.SECONDS);
        client.attr(io.netty.util.AttributeKey.<Channel>valueOf("peer")).set(peer);
        return new Pair(client, serverSide);
    }

    @Test
    void lingerZeroThroughNettysApiResetsThePeer() throws Exception {
        Pair p = stalledPair(0);
        Channel peer = p.client().attr(io.netty.util.AttributeKey.<Channel>valueOf("peer")).get();
        p.client().writeAndFlush(Unpooled.wrappedBuffer(pattern(1000))).sync();
        p.client().close().sync();
        peer.config().setAutoRead(true);
        Throwable end = p.serverSide().ended.get(10, TimeUnit.SECONDS);
        assertInstanceOf(SocketException.class, end, "the peer sees the hard close as an exception");
        assertEquals("Connection reset", end.getMessage());
    }

    @Test
    void stalledReaderAndLingerTimeoutEndWithAResetAfterPartialData() throws Exception {
        Pair p = stalledPair(1);
        Channel peer = p.client().attr(io.netty.util.AttributeKey.<Channel>valueOf("peer")).get();
        int sent = 4 * 1024 * 1024;
        p.client().writeAndFlush(Unpooled.wrappedBuffer(pattern(sent))); // more than the buffers hold
        long start = System.nanoTime();
        p.client().close().sync(); // Netty runs a lingering close off the event loop; it waits for the time-out
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        peer.config().setAutoRead(true);
        Throwable end = p.serverSide().ended.get(10, TimeUnit.SECONDS);
        assertInstanceOf(SocketException.class, end);
        assertEquals("Connection reset", end.getMessage());
        assertTrue(p.serverSide().size() < sent, "only part of the data arrived: " + p.serverSide().size());
        assertTrue(waitedMillis >= 900, "the close lingered about 1 s, took " + waitedMillis + " ms");
    }
}
