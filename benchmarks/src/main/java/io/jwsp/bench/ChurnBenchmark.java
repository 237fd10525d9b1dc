package io.jwsp.bench;

import io.jwsp.provider.loopback.LoopbackProviderFactory;
import io.jwsp.provider.tcp.TcpProviderFactory;
import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.Winsock;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import java.net.InetSocketAddress;
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

/** Connections per second: socket + connect + accept + close of both ends, against one listener. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ChurnBenchmark {

    @State(Scope.Thread)
    public abstract static class Listener {
        JwspRuntime runtime;
        Winsock ws;
        ProtocolInfo entry;
        long listener;
        SockAddr where;

        abstract JwspRuntime build();

        abstract String entryName();

        @Setup(Level.Trial)
        public void setUp() {
            runtime = build();
            ws = runtime.winsock();
            ws.startup(WsaVersion.V2_2).orElseThrow();
            entry = WinsockPair.streamEntry(runtime, entryName());
            listener = ws.socket(2, 1, 0, entry, 0).orElseThrow();
            ws.bind(listener, InetSockAddr.loopback4(0)).orElseThrow();
            ws.listen(listener, 128).orElseThrow();
            where = ws.getSockName(listener).orElseThrow();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            ws.closeSocket(listener);
            runtime.close();
        }
    }

    public static class LoopbackListener extends Listener {
        @Override
        JwspRuntime build() {
            // TIME_WAIT held 1 s: the churn measures connections, not a growing TIME_WAIT table.
            return JwspRuntime.builder().provider(new LoopbackProviderFactory())
                    .setting("loopback.timeWaitMillis", "1000").build();
        }

        @Override
        String entryName() {
            return "loopback";
        }
    }

    public static class TcpListener extends Listener {
        @Override
        JwspRuntime build() {
            return JwspRuntime.builder().provider(new TcpProviderFactory()).build();
        }

        @Override
        String entryName() {
            return "tcp";
        }
    }

    private static long churn(Listener l) {
        long c = l.ws.socket(2, 1, 0, l.entry, 0).orElseThrow();
        l.ws.connect(c, l.where).orElseThrow();
        long a = l.ws.accept(l.listener).orElseThrow();
        l.ws.closeSocket(c).orElseThrow();
        l.ws.closeSocket(a).orElseThrow();
        return a;
    }

    @Benchmark
    public long loopback(LoopbackListener l) {
        return churn(l);
    }

    @Benchmark
    public long tcp(TcpListener l) {
        return churn(l);
    }

    @State(Scope.Thread)
    public static class RawListener {
        ServerSocketChannel listener;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0), 128);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            listener.close();
        }
    }

    @Benchmark
    public Object rawNio(RawListener l) throws Exception {
        SocketChannel c = SocketChannel.open(l.listener.getLocalAddress());
        SocketChannel a = l.listener.accept();
        c.close();
        a.close();
        return a;
    }
}
