package io.jwsp.bench;

import io.jwsp.provider.tcp.TcpProviderFactory;
import io.jwsp.runtime.JwspRuntime;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The TCP provider over the kernel's TCP on 127.0.0.1, through the Winsock API, against raw blocking java.nio
 * SocketChannels doing the same: 64 KiB bulk sends (operations per second) and a 1-byte round trip (ns).
 *
 * <p>Both sides live in one fork. With {@code sides=alternate} (what {@link QuickBench} runs) the measurement
 * iterations alternate between them in the pattern of {@link InterleavedRounds}, so each jwsp iteration has a raw
 * one right beside it on the same machine, the same JIT and the same load; JMH's score is then a blend, and the
 * per-side figures come from the iteration scores. {@code sides=jwsp} or {@code sides=raw} runs one side only
 * (for a profile); {@code sides=aa} alternates raw NIO with a second raw NIO pair (an A/A run: what the rounds'
 * ratios look like when both sides are equal). Both sides are first warmed until the JIT is quiet
 * ({@link JitQuiescence} says why).
 */
public class TcpBenchmark {
    static final int CHUNK = 64 * 1024;

    /** The two connected pairs of one fork, and which of them the current iteration drives. */
    @State(Scope.Thread)
    public abstract static class Sides {
        @Param({"alternate", "jwsp", "raw", "aa"})
        public String sides;

        Side jwsp;
        Side raw;
        Side current;
        private int measured;
        private int warmups;

        /** The side's accepted end: a reader (bulk) or an echo (ping-pong). */
        abstract Drainer.ReadOnce peerLoop(Side side);

        /** One operation of the benchmark on {@code side}: a 64 KiB send, or a 1-byte round trip. */
        abstract int operation(Side side) throws IOException;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            if (!sides.equals("raw")) {
                jwsp = sides.equals("aa") ? Side.raw() : Side.jwsp();
                jwsp.startPeer(peerLoop(jwsp));
                JitQuiescence.warm(() -> operation(jwsp), Duration.ofSeconds(1), Duration.ofSeconds(10));
            }
            if (!sides.equals("jwsp")) {
                raw = Side.raw();
                raw.startPeer(peerLoop(raw));
                JitQuiescence.warm(() -> operation(raw), Duration.ofSeconds(1), Duration.ofSeconds(10));
            }
        }

        @Setup(Level.Iteration)
        public void pickSide(IterationParams iteration) {
            if (jwsp == null || raw == null) {
                current = jwsp != null ? jwsp : raw;
            } else if (iteration.getType() == IterationType.MEASUREMENT) {
                current = InterleavedRounds.subjectAt(measured++) ? jwsp : raw;
            } else {
                current = warmups++ % 2 == 0 ? jwsp : raw;
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            if (jwsp != null) {
                jwsp.close();
            }
            if (raw != null) {
                raw.close();
            }
        }
    }

    public static class Bulk extends Sides {
        private final ByteBuffer out = ByteBuffer.allocate(CHUNK);

        @Override
        int operation(Side side) throws IOException {
            out.clear();
            int sent = 0;
            while (out.hasRemaining()) {
                sent += side.send(out);
            }
            return sent;
        }

        @Override
        Drainer.ReadOnce peerLoop(Side side) {
            ByteBuffer in = ByteBuffer.allocate(CHUNK);
            return () -> {
                in.clear();
                return side.peerRecv(in) > 0;
            };
        }
    }

    public static class Echo extends Sides {
        private final ByteBuffer out = ByteBuffer.allocate(1);

        @Override
        int operation(Side side) throws IOException {
            out.clear();
            side.send(out);
            out.clear();
            return side.recv(out);
        }

        @Override
        Drainer.ReadOnce peerLoop(Side side) {
            ByteBuffer b = ByteBuffer.allocate(1);
            return () -> {
                b.clear();
                if (side.peerRecv(b) <= 0) {
                    return false;
                }
                b.flip();
                return side.peerSend(b);
            };
        }
    }

    /** A connected pair, jwsp's or raw NIO's, and the thread on its accepted end. */
    static final class Side {
        private final boolean isJwsp;
        private WinsockPair pair;
        private ServerSocketChannel listener;
        private SocketChannel client;
        private SocketChannel server;
        private Drainer peer;

        private Side(boolean isJwsp) {
            this.isJwsp = isJwsp;
        }

        static Side jwsp() {
            Side s = new Side(true);
            JwspRuntime rt = JwspRuntime.builder().provider(new TcpProviderFactory()).build();
            s.pair = new WinsockPair(rt, WinsockPair.streamEntry(rt, "tcp"), 0);
            return s;
        }

        static Side raw() throws IOException {
            Side s = new Side(false);
            s.listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            s.client = SocketChannel.open(s.listener.getLocalAddress());
            s.client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            s.server = s.listener.accept();
            s.server.setOption(StandardSocketOptions.TCP_NODELAY, true);
            return s;
        }

        void startPeer(Drainer.ReadOnce loop) {
            peer = new Drainer(isJwsp ? "tcp-peer" : "nio-peer", loop);
        }

        /** One send on the client end: the provider's, or the channel's blocking write. */
        int send(ByteBuffer b) throws IOException {
            return isJwsp ? pair.ws.send(pair.client, b, 0).orElseThrow() : client.write(b);
        }

        int recv(ByteBuffer b) throws IOException {
            return isJwsp ? pair.ws.recv(pair.client, b, 0).orElseThrow() : client.read(b);
        }

        /** One receive on the accepted end: bytes, 0 or negative at the end. */
        int peerRecv(ByteBuffer b) throws IOException {
            if (!isJwsp) {
                return server.read(b);
            }
            var r = pair.ws.recv(pair.server, b, 0);
            return r.isOk() ? r.value() : -1;
        }

        boolean peerSend(ByteBuffer b) throws IOException {
            if (!isJwsp) {
                server.write(b);
                return true;
            }
            return pair.ws.send(pair.server, b, 0).isOk();
        }

        void close() throws Exception {
            if (isJwsp) {
                pair.ws.closeSocket(pair.client);
                peer.close();
                pair.close();
            } else {
                client.close();
                peer.close();
                server.close();
                listener.close();
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int bulk(Bulk s) throws IOException {
        return s.operation(s.current);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int pingPong(Echo s) throws IOException {
        return s.operation(s.current);
    }
}
