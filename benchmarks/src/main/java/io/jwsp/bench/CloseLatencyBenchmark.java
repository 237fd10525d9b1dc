package io.jwsp.bench;

import io.jwsp.provider.loopback.LoopbackProviderFactory;
import io.jwsp.runtime.JwspRuntime;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
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
 * How long closesocket takes on the loopback provider with nothing queued or 64 MiB queued at a peer that does not
 * read: the default (graceful, in the background) close and linger 0 both return at once, so the two sizes should
 * cost the same.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class CloseLatencyBenchmark {
    static final int QUEUED = 64 * 1024 * 1024;

    @Param({"0", "67108864"})
    public int queuedBytes;

    @Param({"default", "linger0"})
    public String mode;

    WinsockPair pair;

    @Setup(Level.Invocation)
    public void connectAndQueue() {
        JwspRuntime rt = JwspRuntime.builder().provider(new LoopbackProviderFactory()).build();
        pair = new WinsockPair(rt, WinsockPair.streamEntry(rt, "loopback"), 0);
        if (queuedBytes > 0) {
            pair.ws.setSockOpt(pair.client, SocketOptions.SO_SNDBUF, queuedBytes).orElseThrow();
            pair.ws.ioctl(pair.client, IoControls.FIONBIO, true).orElseThrow();
            ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
            int queued = 0;
            while (queued < queuedBytes) {
                chunk.clear();
                var r = pair.ws.send(pair.client, chunk, 0);
                if (!r.isOk()) {
                    break;
                }
                queued += r.value();
            }
            pair.ws.ioctl(pair.client, IoControls.FIONBIO, false).orElseThrow();
        }
        if (mode.equals("linger0")) {
            pair.ws.setSockOpt(pair.client, SocketOptions.SO_LINGER, Linger.of(0)).orElseThrow();
        }
        System.gc(); // the 64 MiB just queued must not be collected inside the measured close
    }

    @Benchmark
    public Object close() {
        return pair.ws.closeSocket(pair.client).orElseThrow();
    }

    @TearDown(Level.Invocation)
    public void tearDown() {
        pair.ws.closeSocket(pair.server);
        pair.ws.closeSocket(pair.listener);
        pair.runtime.close();
    }
}
