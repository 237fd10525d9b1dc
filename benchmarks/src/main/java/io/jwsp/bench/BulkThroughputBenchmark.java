package io.jwsp.bench;

import io.jwsp.provider.loopback.LoopbackProviderFactory;
import io.jwsp.runtime.JwspRuntime;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
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
 * Bulk throughput in 64 KiB sends (every variant copies the bytes in at the sender and out at the receiver, as a
 * socket API's send and recv do), one writer (the benchmark thread) and one reader thread: the loopback provider
 * through the Winsock API, against Netty's LocalChannel, a java.nio Pipe, a plain handoff of copies between two
 * threads, and a single-thread memory copy (the limit). Score: 64 KiB operations per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BulkThroughputBenchmark {
    static final int CHUNK = 64 * 1024;

    @State(Scope.Thread)
    public static class Loopback {
        WinsockPair pair;
        Drainer drainer;
        final ByteBuffer out = ByteBuffer.allocate(CHUNK);

        @Setup(Level.Trial)
        public void setUp() {
            JwspRuntime rt = JwspRuntime.builder().provider(new LoopbackProviderFactory()).build();
            pair = new WinsockPair(rt, WinsockPair.streamEntry(rt, "loopback"), 256 * 1024);
            ByteBuffer in = ByteBuffer.allocate(CHUNK);
            drainer = new Drainer("loopback-reader", () -> {
                in.clear();
                return pair.ws.recv(pair.server, in, 0).isOk();
            });
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            pair.ws.closeSocket(pair.client);
            drainer.close();
            pair.close();
        }
    }

    @Benchmark
    public int loopback(Loopback s) {
        s.out.clear();
        int sent = 0;
        while (s.out.hasRemaining()) {
            sent += s.pair.ws.send(s.pair.client, s.out, 0).orElseThrow();
        }
        return sent;
    }

    @State(Scope.Thread)
    public static class NioPipe {
        Pipe pipe;
        Drainer drainer;
        final ByteBuffer out = ByteBuffer.allocate(CHUNK);

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            pipe = Pipe.open();
            ByteBuffer in = ByteBuffer.allocate(CHUNK);
            drainer = new Drainer("pipe-reader", () -> {
                in.clear();
                return pipe.source().read(in) >= 0;
            });
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            pipe.sink().close();
            drainer.close();
            pipe.source().close();
        }
    }

    @Benchmark
    public int pipe(NioPipe s) throws Exception {
        s.out.clear();
        int sent = 0;
        while (s.out.hasRemaining()) {
            sent += s.pipe.sink().write(s.out);
        }
        return sent;
    }

    @State(Scope.Thread)
    public static class NettyLocal {
        EventLoopGroup group;
        Channel client;
        Channel server;
        /** At most 8 chunks in flight: the writer waits for the reader as a bounded socket buffer makes it do. */
        final Semaphore window = new Semaphore(8);
        final byte[] chunk = new byte[CHUNK];

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            group = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
            LocalAddress addr = new LocalAddress("bench-" + System.nanoTime());
            server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                    .childHandler(new ChannelInboundHandlerAdapter() {
                        private final byte[] sink = new byte[CHUNK];
                        private long pending;

                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ByteBuf b = (ByteBuf) msg;
                            int n = b.readableBytes();
                            pending += n;
                            // The application takes its bytes out, as recv into its own buffer does.
                            while (b.isReadable()) {
                                b.readBytes(sink, 0, Math.min(b.readableBytes(), CHUNK));
                            }
                            b.release();
                            while (pending >= CHUNK) {
                                pending -= CHUNK;
                                window.release();
                            }
                        }
                    }).bind(addr).sync().channel();
            client = new Bootstrap().group(group).channel(LocalChannel.class)
                    .handler(new ChannelInboundHandlerAdapter()).connect(addr).sync().channel();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            client.close().sync();
            server.close().sync();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Benchmark
    public int nettyLocalChannel(NettyLocal s) throws Exception {
        s.window.acquire();
        // The application's bytes are copied in, as send's contract requires (the caller may reuse its array at
        // once); wrapping the array instead would hand Netty a reference, which no socket API can do.
        ByteBuf b = s.client.alloc().buffer(CHUNK).writeBytes(s.chunk);
        s.client.writeAndFlush(b, s.client.voidPromise());
        return CHUNK;
    }

    @State(Scope.Thread)
    public static class Handoff {
        final ArrayBlockingQueue<byte[]> full = new ArrayBlockingQueue<>(4);
        final ArrayBlockingQueue<byte[]> empty = new ArrayBlockingQueue<>(4);
        final byte[] source = new byte[CHUNK];
        Drainer drainer;

        @Setup(Level.Trial)
        public void setUp() {
            for (int i = 0; i < 4; i++) {
                empty.add(new byte[CHUNK]);
            }
            byte[] sink = new byte[CHUNK];
            drainer = new Drainer("handoff-reader", () -> {
                byte[] b = full.poll(100, TimeUnit.MILLISECONDS);
                if (b != null) {
                    System.arraycopy(b, 0, sink, 0, CHUNK);
                    empty.put(b);
                }
                return true;
            });
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            drainer.close();
        }
    }

    @Benchmark
    public int handoff(Handoff s) throws Exception {
        byte[] b = s.empty.take();
        System.arraycopy(s.source, 0, b, 0, CHUNK);
        s.full.put(b);
        return CHUNK;
    }

    @State(Scope.Thread)
    public static class Copy {
        final byte[] from = new byte[CHUNK];
        final byte[] to = new byte[CHUNK];
    }

    @Benchmark
    public byte[] memoryCopy(Copy s) {
        System.arraycopy(s.from, 0, s.to, 0, CHUNK);
        return s.to;
    }
}
