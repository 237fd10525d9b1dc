package io.jwsp.bench;

import io.jwsp.provider.loopback.LoopbackProviderFactory;
import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.Winsock;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.option.IoControls;
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
 * The time one pass-through layer adds to a call: ioctl(FIONREAD) on a loopback socket made from the base entry,
 * and on one made from a chain entry [pass-through, loopback]. The difference is the layer's cost.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class LayerOverheadBenchmark {
    JwspRuntime runtime;
    Winsock ws;
    long base;
    long layered;

    @Setup(Level.Trial)
    public void setUp() {
        runtime = JwspRuntime.builder().provider(new LoopbackProviderFactory()).layer(new PassThroughLayer()).build();
        ws = runtime.winsock();
        ws.startup(WsaVersion.V2_2).orElseThrow();
        ProtocolInfo baseEntry = null;
        ProtocolInfo chainEntry = null;
        for (ProtocolInfo p : runtime.catalog().visibleEntries()) {
            if (p.socketType() != io.jwsp.spi.addr.SocketType.SOCK_STREAM
                    || p.addressFamily() != io.jwsp.spi.addr.AddressFamily.AF_INET) {
                continue;
            }
            if (p.chain().isChain() && chainEntry == null) {
                chainEntry = p;
            } else if (p.chain().isBase() && baseEntry == null) {
                baseEntry = p;
            }
        }
        if (baseEntry == null || chainEntry == null) {
            throw new IllegalStateException("need a base and a chain entry: " + runtime.catalog().visibleEntries());
        }
        base = ws.socket(2, 1, 0, baseEntry, 0).orElseThrow();
        layered = ws.socket(2, 1, 0, chainEntry, 0).orElseThrow();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ws.closeSocket(base);
        ws.closeSocket(layered);
        runtime.close();
    }

    @Benchmark
    public Object baseCall() {
        return ws.ioctl(base, IoControls.FIONREAD, null);
    }

    @Benchmark
    public Object oneLayerCall() {
        return ws.ioctl(layered, IoControls.FIONREAD, null);
    }
}
