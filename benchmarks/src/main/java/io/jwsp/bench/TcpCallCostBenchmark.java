package io.jwsp.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
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
 * What the TCP provider's send and recv cost in CPU over raw blocking SocketChannels, without the scheduler in the
 * figure: one thread sends 1 byte on the client end and receives it on the accepted end (loopback has queued it
 * by the time the send returns, so the receive does not wait). No thread wakes another, so the difference between
 * the two sides' scores is the provider's own per-call work (facade, checks, allocation); the round-trip rows of
 * {@link TcpBenchmark} add two wake-ups to that. The sides are {@link TcpBenchmark}'s, set up alike.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TcpCallCostBenchmark {
    @State(Scope.Thread)
    public static class Pair {
        @Param({"jwsp", "raw"})
        public String side;
        TcpSide tcp;
        final ByteBuffer out = ByteBuffer.allocate(1);
        final ByteBuffer in = ByteBuffer.allocate(1);

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            tcp = TcpSide.named(side);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            tcp.close();
        }
    }

    @Benchmark
    public int sendRecv(Pair s) throws IOException {
        s.out.clear();
        s.tcp.clientSend(s.out);
        s.in.clear();
        return s.tcp.serverRecv(s.in);
    }
}
