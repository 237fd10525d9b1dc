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

/**
 * The TCP provider over the kernel's TCP on 127.0.0.1, through the Winsock API, against raw blocking java.nio
 * SocketChannels doing the same: 64 KiB bulk sends (operations per second) and a 1-byte round trip (ns).
 *
 * <p>Both sides are one benchmark with a {@code run} parameter, {@code jwsp} or {@code raw} (a suffix such as
 * {@code -2} names a round), because JMH runs a benchmark's parameter values in the order given: {@link QuickBench}
 * passes {@link InterleavedRounds#order} so that each jwsp fork runs next to a raw one, in alternating order. Each
 * fork first runs its operation until the JIT is quiet ({@link JitQuiescence} says why), then JMH's warm-up.
 */
public class TcpBenchmark {
    static final int CHUNK = 64 * 1024;

    /** A connected pair, jwsp's or raw NIO's, with a reader (bulk) or an echo (ping-pong) on the accepted side. */
    @State(Scope.Thread)
    public abstract static class Pair {
        @Param({"jwsp", "raw"})
        public String run;

        boolean jwsp;
        WinsockPair pair;
        ServerSocketChannel listener;
        SocketChannel client;
        SocketChannel server;
        Drainer peer;
        final ByteBuffer out = ByteBuffer.allocate(CHUNK);

        /** What the accepted end does once, as jwsp's or raw NIO's calls. */
        abstract Drainer.ReadOnce peerLoop();

        /** One operation of the benchmark: a 64 KiB send, or a 1-byte round trip. */
        abstract int operation() throws IOException;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            jwsp = InterleavedRounds.isSubject(run);
            if (jwsp) {
                JwspRuntime rt = JwspRuntime.builder().provider(new TcpProviderFactory()).build();
                pair = new WinsockPair(rt, WinsockPair.streamEntry(rt, "tcp"), 0);
            } else {
                listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                client = SocketChannel.open(listener.getLocalAddress());
                client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                server = listener.accept();
                server.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            peer = new Drainer(jwsp ? "tcp-peer" : "nio-peer", peerLoop());
            try {
                JitQuiescence.warm(this::operation, Duration.ofSeconds(1), Duration.ofSeconds(10));
            } catch (Exception e) {
                throw new IllegalStateException("warming " + run, e);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            if (jwsp) {
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

        /** One send on the client end: the provider's, or the channel's blocking write. */
        int send(ByteBuffer b) throws IOException {
            return jwsp ? pair.ws.send(pair.client, b, 0).orElseThrow() : client.write(b);
        }

        int recv(ByteBuffer b) throws IOException {
            return jwsp ? pair.ws.recv(pair.client, b, 0).orElseThrow() : client.read(b);
        }

        /** One receive on the accepted end: bytes, 0 at the end, negative at the end of a raw channel. */
        int peerRecv(ByteBuffer b) throws IOException {
            if (!jwsp) {
                return server.read(b);
            }
            var r = pair.ws.recv(pair.server, b, 0);
            return r.isOk() ? r.value() : -1;
        }

        boolean peerSend(ByteBuffer b) throws IOException {
            if (!jwsp) {
                server.write(b);
                return true;
            }
            return pair.ws.send(pair.server, b, 0).isOk();
        }
    }

    public static class Bulk extends Pair {
        @Override
        int operation() throws IOException {
            out.clear();
            int sent = 0;
            while (out.hasRemaining()) {
                sent += send(out);
            }
            return sent;
        }

        @Override
        Drainer.ReadOnce peerLoop() {
            ByteBuffer in = ByteBuffer.allocate(CHUNK);
            return () -> {
                in.clear();
                return peerRecv(in) > 0;
            };
        }
    }

    public static class Echo extends Pair {
        @Override
        int operation() throws IOException {
            out.clear().limit(1);
            send(out);
            out.clear().limit(1);
            return recv(out);
        }

        @Override
        Drainer.ReadOnce peerLoop() {
            ByteBuffer b = ByteBuffer.allocate(1);
            return () -> {
                b.clear();
                if (peerRecv(b) <= 0) {
                    return false;
                }
                b.flip();
                return peerSend(b);
            };
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int bulk(Bulk s) throws IOException {
        return s.operation();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int pingPong(Echo s) throws IOException {
        return s.operation();
    }
}
