package io.jwsp.bench;

import io.jwsp.provider.loopback.LoopbackProviderFactory;
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
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Round trip of one byte: the benchmark thread sends a byte and waits for the echo from a second thread. The
 * loopback provider through the Winsock API, against a pair of java.nio Pipes and Netty's LocalChannel.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PingPongBenchmark {

    @State(Scope.Thread)
    public static class Loopback {
        WinsockPair pair;
        Drainer echo;
        final ByteBuffer one = ByteBuffer.allocate(1);

        @Setup(Level.Trial)
        public void setUp() {
            JwspRuntime rt = JwspRuntime.builder().provider(new LoopbackProviderFactory()).build();
            pair = new WinsockPair(rt, WinsockPair.streamEntry(rt, "loopback"), 0);
            ByteBuffer b = ByteBuffer.allocate(1);
            echo = new Drainer("loopback-echo", () -> {
                b.clear();
                if (!pair.ws.recv(pair.server, b, 0).isOk() || b.position() == 0) {
                    return false;
                }
                b.flip();
                return pair.ws.send(pair.server, b, 0).isOk();
            });
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            pair.ws.closeSocket(pair.client);
            echo.close();
            pair.close();
        }
    }

    @Benchmark
    public int loopback(Loopback s) {
        s.one.clear();
        s.pair.ws.send(s.pair.client, s.one, 0).orElseThrow();
        s.one.clear();
        return s.pair.ws.recv(s.pair.client, s.one, 0).orElseThrow();
    }

    @State(Scope.Thread)
    public static class NioPipes {
        Pipe there;
        Pipe back;
        Drainer echo;
        final ByteBuffer one = ByteBuffer.allocate(1);

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            there = Pipe.open();
            back = Pipe.open();
            ByteBuffer b = ByteBuffer.allocate(1);
            echo = new Drainer("pipe-echo", () -> {
                b.clear();
                if (there.source().read(b) < 0) {
                    return false;
                }
                b.flip();
                back.sink().write(b);
                return true;
            });
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            there.sink().close();
            echo.close();
            there.source().close();
            back.sink().close();
            back.source().close();
        }
    }

    @Benchmark
    public int pipe(NioPipes s) throws Exception {
        s.one.clear();
        s.there.sink().write(s.one);
        s.one.clear();
        return s.back.source().read(s.one);
    }

    @State(Scope.Thread)
    public static class NettyLocal {
        EventLoopGroup serverGroup;
        EventLoopGroup clientGroup;
        Channel client;
        Channel server;
        final SynchronousQueue<Integer> replies = new SynchronousQueue<>();

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            serverGroup = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
            clientGroup = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
            LocalAddress addr = new LocalAddress("pingpong-" + System.nanoTime());
            server = new ServerBootstrap().group(serverGroup).channel(LocalServerChannel.class)
                    .childHandler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ctx.writeAndFlush(msg, ctx.voidPromise());
                        }
                    }).bind(addr).sync().channel();
            client = new Bootstrap().group(clientGroup).channel(LocalChannel.class)
                    .handler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            int n = ((ByteBuf) msg).readableBytes();
                            ((ByteBuf) msg).release();
                            try {
                                replies.put(n);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }).connect(addr).sync().channel();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            client.close().sync();
            server.close().sync();
            clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Benchmark
    public int nettyLocalChannel(NettyLocal s) throws Exception {
        s.client.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1}), s.client.voidPromise());
        return s.replies.take();
    }
}
