package io.jwsp.bench;

import io.jwsp.provider.atm.AtmProviderFactory;
import io.jwsp.provider.irda.IrdaProviderFactory;
import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.Winsock;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ServiceFlags;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Bulk transfer over the simulated IrDA and ATM media on a virtual clock: how many 64 KiB transfers per second of
 * real time the stack, the medium and its frame bytes sustain (the media's own line rates cost virtual time only).
 * One thread drives both ends with nonblocking calls and moves the clock when nothing else can. On a shared machine
 * the wall-clock score is noisy; {@link CpuCost} also counts the thread's CPU time, whose cost per transfer is not.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SimulatedMediaBenchmark {
    private static final int TRANSFER = 64 * 1024;

    @Param({"irda", "atm"})
    public String medium;

    private VirtualClock clock;
    private JwspRuntime runtime;
    private Winsock ws;
    private long client;
    private long server;
    private final ByteBuffer out = ByteBuffer.allocate(16 * 1024);
    private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);

    @Setup(Level.Trial)
    public void setUp() {
        clock = new VirtualClock();
        WspProviderFactory f = medium.equals("irda") ? new IrdaProviderFactory() : new AtmProviderFactory();
        runtime = JwspRuntime.builder().provider(f).timeSource(clock).build();
        ws = runtime.winsock();
        ws.startup(WsaVersion.V2_2).orElseThrow();
        ProtocolInfo entry = runtime.catalog().visibleEntries().stream()
                .filter(e -> e.chain().isBase() && !e.hasService(ServiceFlags.XP1_CONNECTIONLESS)).findFirst()
                .orElseThrow();
        WspProvider p = runtime.providerExtension(f.name(), WspProvider.class).orElseThrow();
        SockAddr where = p.stringToAddress(medium.equals("irda") ? "bench" : "@1.1", entry.addressFamily(), entry)
                .orElseThrow();
        long listener = ws.socket(entry.addressFamily(), entry.socketType(), entry.protocol(), entry, 0).orElseThrow();
        ws.bind(listener, where).orElseThrow();
        ws.listen(listener, 1).orElseThrow();
        SockAddr target = ws.getSockName(listener).orElseThrow();
        client = ws.socket(entry.addressFamily(), entry.socketType(), entry.protocol(), entry, 0).orElseThrow();
        ws.ioctl(client, IoControls.FIONBIO, Boolean.TRUE).orElseThrow();
        ws.ioctl(listener, IoControls.FIONBIO, Boolean.TRUE).orElseThrow();
        ws.connect(client, target);
        WspResult<Long> a;
        while (!(a = ws.accept(listener)).isOk()) {
            step();
        }
        server = a.value();
        ws.ioctl(server, IoControls.FIONBIO, Boolean.TRUE).orElseThrow();
        while (!ws.getPeerName(client).isOk()) {
            step();
        }
    }

    /** Moves the virtual clock to its next timer; fails when nothing is scheduled (the transfer would hang). */
    private void step() {
        long next = clock.nextDeadline();
        if (next < 0) {
            throw new IllegalStateException(medium + ": nothing scheduled and nothing moved");
        }
        clock.advanceNanos(Math.max(0, next - clock.nanoTime()));
    }

    /** The benchmark thread's CPU time and the transfers it made: their quotient is a transfer's CPU cost. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuCost {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        public long cpuMicros;
        public long transfers;

        long now() {
            return THREADS.getCurrentThreadCpuTime();
        }
    }

    @Benchmark
    public long transfer64KiB(CpuCost cost) {
        long start = cost.now();
        long n = transfer();
        cost.cpuMicros += (cost.now() - start) / 1000;
        cost.transfers++;
        return n;
    }

    private long transfer() {
        long sent = 0;
        long received = 0;
        while (received < TRANSFER) {
            boolean moved = false;
            while (sent < TRANSFER) {
                out.clear().limit((int) Math.min(out.capacity(), TRANSFER - sent));
                WspResult<Integer> r = ws.send(client, out, 0);
                if (!r.isOk() || r.value() == 0) {
                    break;
                }
                sent += r.value();
                moved = true;
            }
            WspResult<Integer> r;
            while ((r = ws.recv(server, in.clear(), 0)).isOk() && r.value() > 0) {
                received += r.value();
                moved = true;
            }
            if (!moved) {
                step();
            }
        }
        return received;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ws.closeSocket(client);
        ws.closeSocket(server);
        runtime.close();
    }
}
