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
 * The TCP provider over the kernel's TCP on 127.0.0.1, through the Winsock API, against raw blocking java.nio
 * SocketChannels doing the same: 64 KiB bulk sends (operations per second) and a 1-byte round trip (ns).
 */
public class TcpBenchmark {
    static final int CHUNK = 64 * 1024;

    /** A connected jwsp TCP pair, with a reader (bulk) or an echo (ping-pong) on the accepted side. */
    @State(Scope.Thread)
    public abstract static class JwspTcp {
        WinsockPair pair;
        Drainer peer;
        final ByteBuffer out = ByteBuffer.allocate(CHUNK);

        abstract Drainer.ReadOnce peerLoop();

        @Setup(Level.Trial)
        public void setUp() {
            JwspRuntime rt = JwspRuntime.builder().provider(new TcpProviderFactory()).build();
            pair = new WinsockPair(rt, WinsockPair.streamEntry(rt, "tcp"), 0);
            peer = new Drainer("tcp-peer", peerLoop());
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            pair.ws.closeSocket(pair.client);
            peer.close();
            pair.close();
        }
    }

    public static class JwspBulk extends JwspTcp {
        @Override
        Drainer.ReadOnce peerLoop() {
            ByteBuffer in = ByteBuffer.allocate(CHUNK);
            return () -> {
                in.clear();
                var r = pair.ws.recv(pair.server, in, 0);
                return r.isOk() && r.value() > 0;
            };
        }
    }

    public static class JwspEcho extends JwspTcp {
        @Override
        Drainer.ReadOnce peerLoop() {
            ByteBuffer b = ByteBuffer.allocate(1);
            return () -> {
                b.clear();
                var r = pair.ws.recv(pair.server, b, 0);
                if (!r.isOk() || r.value() == 0) {
                    return false;
                }
                b.flip();
                return pair.ws.send(pair.server, b, 0).isOk();
            };
        }
    }

    /** The same with raw blocking java.nio SocketChannels. */
    @State(Scope.Thread)
    public abstract static class RawNio {
        ServerSocketChannel listener;
        SocketChannel client;
        SocketChannel server;
        Drainer peer;
        final ByteBuffer out = ByteBuffer.allocate(CHUNK);

        abstract Drainer.ReadOnce peerLoop();

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            client = SocketChannel.open(listener.getLocalAddress());
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            server = listener.accept();
            server.setOption(StandardSocketOptions.TCP_NODELAY, true);
            peer = new Drainer("nio-peer", peerLoop());
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            client.close();
            peer.close();
            server.close();
            listener.close();
        }
    }

    public static class RawBulk extends RawNio {
        @Override
        Drainer.ReadOnce peerLoop() {
            ByteBuffer in = ByteBuffer.allocate(CHUNK);
            return () -> {
                in.clear();
                return server.read(in) > 0;
            };
        }
    }

    public static class RawEcho extends RawNio {
        @Override
        Drainer.ReadOnce peerLoop() {
            ByteBuffer b = ByteBuffer.allocate(1);
            return () -> {
                b.clear();
                if (server.read(b) <= 0) {
                    return false;
                }
                b.flip();
                server.write(b);
                return true;
            };
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int jwspBulk(JwspBulk s) {
        s.out.clear();
        int sent = 0;
        while (s.out.hasRemaining()) {
            sent += s.pair.ws.send(s.pair.client, s.out, 0).orElseThrow();
        }
        return sent;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int rawNioBulk(RawBulk s) throws Exception {
        s.out.clear();
        int sent = 0;
        while (s.out.hasRemaining()) {
            sent += s.client.write(s.out);
        }
        return sent;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int jwspPingPong(JwspEcho s) {
        s.out.clear().limit(1);
        s.pair.ws.send(s.pair.client, s.out, 0).orElseThrow();
        s.out.clear().limit(1);
        return s.pair.ws.recv(s.pair.client, s.out, 0).orElseThrow();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int rawNioPingPong(RawEcho s) throws Exception {
        s.out.clear().limit(1);
        s.client.write(s.out);
        s.out.clear().limit(1);
        return s.client.read(s.out);
    }
}
