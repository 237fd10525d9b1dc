package io.jwsp.bench;

import io.jwsp.provider.loopback.LoopbackProviderFactory;
import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.Winsock;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SockAddr;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Heap held per idle, connected loopback socket: {@code pairs} connections (two sockets each) are opened and the
 * retained heap is compared before and after, with collections in between. Counts the handle table entry too.
 */
public final class IdleSocketFootprint {
    private IdleSocketFootprint() {
    }

    /** Answers bytes per socket. */
    public static double measure(int pairs) {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        try (JwspRuntime rt = JwspRuntime.builder().provider(new LoopbackProviderFactory()).build()) {
            Winsock ws = rt.winsock();
            ws.startup(WsaVersion.V2_2).orElseThrow();
            long listener = ws.socket(2, 1, 0).orElseThrow();
            ws.bind(listener, InetSockAddr.loopback4(0)).orElseThrow();
            ws.listen(listener, pairs + 1).orElseThrow();
            SockAddr where = ws.getSockName(listener).orElseThrow();
            // warm up the classes and the handle table's first growth
            open(ws, listener, where, 64);
            long before = usedAfterGc(mem);
            long[] handles = open(ws, listener, where, pairs);
            long after = usedAfterGc(mem);
            for (long h : handles) {
                ws.closeSocket(h);
            }
            return (after - before) / (2.0 * pairs);
        }
    }

    private static long[] open(Winsock ws, long listener, SockAddr where, int pairs) {
        long[] handles = new long[2 * pairs];
        for (int i = 0; i < pairs; i++) {
            long c = ws.socket(2, 1, 0).orElseThrow();
            ws.connect(c, where).orElseThrow();
            handles[2 * i] = c;
            handles[2 * i + 1] = ws.accept(listener).orElseThrow();
        }
        return handles;
    }

    private static long usedAfterGc(MemoryMXBean mem) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
