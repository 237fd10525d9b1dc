package io.jwsp.bench;

import io.jwsp.provider.tcp.TcpProviderFactory;
import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.Winsock;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.addr.InetSockAddr;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Many concurrent TCP connections echoing at once on this machine: the jwsp TCP provider's clients, one virtual
 * thread each doing blocking send/recv, against a one-thread java.nio echo server in a child JVM. Reports the
 * heap and the platform threads the provider needed: selectors, not a thread per socket.
 */
public final class TcpScale {
    /** What one run measured. */
    public record Result(int connections, int rounds, long connectMillis, long echoMillis, long heapBytes,
                         int platformThreads, int peakPlatformThreads) {
        public double echoesPerSecond() {
            return connections * (double) rounds * 1000 / Math.max(1, echoMillis);
        }
    }

    private TcpScale() {
    }

    public static Result run(int connections, int rounds) throws Exception {
        Path portFile = Files.createTempDirectory("jwsp-echo").resolve("port");
        Process echo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), NioEchoServer.class.getName(),
                portFile.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (JwspRuntime rt = JwspRuntime.builder().provider(new TcpProviderFactory()).build()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(portFile)) {
                if (System.nanoTime() > deadline || !echo.isAlive()) {
                    throw new IllegalStateException("the echo server did not start");
                }
                Thread.onSpinWait();
            }
            InetSockAddr server = InetSockAddr.loopback4(Integer.parseInt(Files.readString(portFile).trim()));
            Winsock ws = rt.winsock();
            ws.startup(WsaVersion.V2_2).orElseThrow();
            long[] s = new long[connections];
            long t0 = System.nanoTime();
            for (int i = 0; i < connections; i++) {
                s[i] = ws.socket(2, 1, 6).orElseThrow();
                ws.connect(s[i], server).orElseThrow();
            }
            long connected = System.nanoTime();
            var threads = ManagementFactory.getThreadMXBean();
            threads.resetPeakThreadCount();
            List<Future<?>> all = new ArrayList<>();
            try (var vts = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < connections; i++) {
                    long h = s[i];
                    all.add(vts.submit(() -> {
                        ByteBuffer out = ByteBuffer.allocate(32);
                        ByteBuffer in = ByteBuffer.allocate(32);
                        for (int r = 0; r < rounds; r++) {
                            out.clear();
                            ws.send(h, out, 0).orElseThrow();
                            in.clear();
                            while (in.hasRemaining()) {
                                if (ws.recv(h, in, 0).orElseThrow() == 0) {
                                    throw new IllegalStateException("echo server closed early");
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : all) {
                    f.get(5, TimeUnit.MINUTES);
                }
            }
            long echoed = System.nanoTime();
            int platformThreads = threads.getThreadCount();
            int peak = threads.getPeakThreadCount();
            long heap = usedAfterGc();
            for (long h : s) {
                ws.closeSocket(h);
            }
            ws.cleanup();
            return new Result(connections, rounds, TimeUnit.NANOSECONDS.toMillis(connected - t0),
                    TimeUnit.NANOSECONDS.toMillis(echoed - connected), heap, platformThreads, peak);
        } finally {
            echo.getOutputStream().close();
            if (!echo.waitFor(10, TimeUnit.SECONDS)) {
                echo.destroyForcibly();
            }
            Files.deleteIfExists(portFile);
            Files.deleteIfExists(portFile.getParent());
        }
    }

    private static long usedAfterGc() {
        var mem = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
