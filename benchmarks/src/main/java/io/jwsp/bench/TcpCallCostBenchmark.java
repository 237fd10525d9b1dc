package io.jwsp.bench;

import io.jwsp.provider.tcp.TcpProviderFactory;
import io.jwsp.runtime.JwspRuntime;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
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
 * What the TCP provider's send and recv cost in CPU over raw blocking SocketChannels, without the scheduler in the
 * figure: one thread sends 1 byte on the client end and receives it on the accepted end (loopback has queued it
 * by the time the send returns, so the receive does not wait). No thread wakes another, so the difference between
 * the two scores is the provider's own per-call work (facade, checks, allocation); the round-trip rows of
 * {@link TcpBenchmark} add two wake-ups to that, which is where their run-to-run noise comes from.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TcpCallCostBenchmark {
    @State(Scope.Thread)
    public static class Jwsp {
        WinsockPair pair;
        final ByteBuffer out = ByteBuffer.allocate(1);
        final ByteBuffer in = ByteBuffer.allocate(1);

        @Setup(Level.Trial)
        public void setUp() {
            JwspRuntime rt = JwspRuntime.builder().provider(new TcpProviderFactory()).build();
            pair = new WinsockPair(rt, WinsockPair.streamEntry(rt, "tcp"), 0);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pair.close();
        }
    }

    @State(Scope.Thread)
    public static class Raw {
        ServerSocketChannel listener;
        SocketChannel client;
        SocketChannel server;
        final ByteBuffer out = ByteBuffer.allocate(1);
        final ByteBuffer in = ByteBuffer.allocate(1);

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            client = SocketChannel.open(listener.getLocalAddress());
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            server = listener.accept();
            server.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            client.close();
            server.close();
            listener.close();
        }
    }

    @Benchmark
    public int jwspSendRecv(Jwsp s) {
        s.out.clear();
        s.pair.ws.send(s.pair.client, s.out, 0).orElseThrow();
        s.in.clear();
        return s.pair.ws.recv(s.pair.server, s.in, 0).orElseThrow();
    }

    @Benchmark
    public int rawNioSendRecv(Raw s) throws Exception {
        s.out.clear();
        s.client.write(s.out);
        s.in.clear();
        return s.server.read(s.in);
    }
}
