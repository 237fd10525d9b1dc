package io.jwsp.bench;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * SocketChannels doing the same: a 1 MiB transfer (sixteen 64 KiB sends, ended by the peer's acknowledgement that it
 * has read them all, so no iteration ends with bytes in flight) and a 1-byte round trip; each timed one by one
 * (JMH's sample mode), so that {@link TcpComparison} can take the median operation of each iteration.
 *
 * <p>Both sides live in one fork and take turns: the measurement iterations alternate in the order of
 * {@link AlternatingRounds}, and the same two threads carry both sides ({@link SharedPeer} says why). Before JMH's
 * warm-up, both sides run in alternating batches until the JIT is quiet ({@link JitQuiescence}), so neither side is
 * measured in C1 code. JMH's own score is a blend of both sides; {@link TcpComparison} reads the iterations.
 * {@code sides} is subject-anchor: {@code jwsp-raw} is the bench; {@code raw-raw} and {@code jwsp-jwsp} are A/A
 * controls (the same instrument on two equal sides), {@code raw-jwsp} the mirror image.
 */
public class TcpBenchmark {
    static final int CHUNK = 64 * 1024;
    static final int CHUNKS_PER_TRANSFER = 16;
    /** The bytes of one bulk operation. */
    static final long TRANSFER = (long) CHUNKS_PER_TRANSFER * CHUNK;
    /** Operations per side between handovers in the JIT warm-up. */
    private static final int WARM_BATCH = 64;

    /** The two sides of one fork, the peer they share, and the side the current iteration drives. */
    @State(Scope.Thread)
    public abstract static class Sides {
        @Param({"jwsp-raw"})
        public String sides;
        /** How long the JIT must have been quiet before JMH's warm-up starts, in ms. */
        @Param({"500"})
        public int jitQuietMs;
        /** The longest the JIT warm-up may take, in ms. */
        @Param({"8000"})
        public int jitMaxMs;

        private final List<TcpSide> pair = new ArrayList<>();
        private SharedPeer peer;
        TcpSide current;
        private int measured;
        private int warmups;

        /** The peer's part of one operation on the accepted end. */
        abstract SharedPeer.Service service();

        /** One operation on the client end of {@code side}: a 1 MiB transfer, or a 1-byte round trip. */
        abstract int operation(TcpSide side) throws IOException;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            String[] names = sides.split("-");
            if (names.length != 2) {
                throw new IllegalArgumentException("sides is subject-anchor, e.g. jwsp-raw, not " + sides);
            }
            for (String name : names) {
                pair.add(TcpSide.named(name));
            }
            peer = new SharedPeer(pair, service());
            current = pair.get(AlternatingRounds.SUBJECT);
            JitQuiescence.warm(() -> {
                for (int i = 0; i < WARM_BATCH; i++) {
                    operation(current);
                }
                current = peer.handOver(1 - peer.current());
            }, Duration.ofMillis(jitQuietMs), Duration.ofMillis(jitMaxMs));
        }

        @Setup(Level.Iteration)
        public void pickSide(IterationParams iteration) throws IOException {
            int side = iteration.getType() == IterationType.MEASUREMENT ? AlternatingRounds.sideAt(measured++)
                    : warmups++ % 2;
            current = peer.handOver(side);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            peer.close();
            for (TcpSide s : pair) {
                s.close();
            }
        }
    }

    /** A 1 MiB transfer: 64 KiB sends, then the peer's 1-byte acknowledgement once it has read all of them. */
    public static class Bulk extends Sides {
        private final ByteBuffer out = ByteBuffer.allocate(CHUNK);
        private final ByteBuffer done = ByteBuffer.allocate(1);

        @Override
        int operation(TcpSide side) throws IOException {
            int sent = 0;
            for (int i = 0; i < CHUNKS_PER_TRANSFER; i++) {
                out.clear();
                while (out.hasRemaining()) {
                    sent += side.clientSend(out);
                }
            }
            done.clear();
            while (done.hasRemaining()) {
                if (side.clientRecv(done) < 0) {
                    throw new EOFException("the peer ended " + side + " during a transfer");
                }
            }
            return sent;
        }

        @Override
        SharedPeer.Service service() {
            ByteBuffer in = ByteBuffer.allocate(CHUNK);
            ByteBuffer ack = ByteBuffer.allocate(1);
            long[] received = {0};
            return side -> {
                in.clear();
                int n = side.serverRecv(in);
                if (n <= 0) {
                    return SharedPeer.END;
                }
                // a handover's marker comes alone: the sender sends it only after its last transfer was acknowledged
                int next = SharedPeer.sideNamedBy(in.get(in.position() - 1));
                if (next == SharedPeer.SAME_SIDE) {
                    received[0] += n;
                    if (received[0] < TRANSFER) {
                        return next;
                    }
                    received[0] = 0;
                }
                ack.clear();
                return side.serverSend(ack) ? next : SharedPeer.END;
            };
        }
    }

    public static class Echo extends Sides {
        private final ByteBuffer out = ByteBuffer.allocate(1);

        @Override
        int operation(TcpSide side) throws IOException {
            out.clear();
            side.clientSend(out);
            out.clear();
            return side.clientRecv(out);
        }

        @Override
        SharedPeer.Service service() {
            ByteBuffer b = ByteBuffer.allocate(1);
            return side -> {
                b.clear();
                if (side.serverRecv(b) <= 0) {
                    return SharedPeer.END;
                }
                b.flip();
                if (!side.serverSend(b)) {
                    return SharedPeer.END;
                }
                return SharedPeer.sideNamedBy(b.get(0)); // the echo of a marker is its acknowledgement
            };
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int bulk(Bulk s) throws IOException {
        return s.operation(s.current);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int pingPong(Echo s) throws IOException {
        return s.operation(s.current);
    }
}
