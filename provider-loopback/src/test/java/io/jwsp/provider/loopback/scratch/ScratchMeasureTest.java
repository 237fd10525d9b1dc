package io.jwsp.provider.loopback.scratch;

import io.jwsp.provider.loopback.LoopbackProviderFactory;
import io.jwsp.spi.*;
import io.jwsp.spi.addr.*;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.time.SystemTimeSource;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.trace.WireTap;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.*;
import org.junit.jupiter.api.Test;

class ScratchMeasureTest {
    static WspProvider provider(TimeSource clock) {
        WspProvider p = new LoopbackProviderFactory().create(new ProviderContext() {
            public TimeSource timeSource() { return clock; }
            public WireTap wireTap() { return WireTap.NONE; }
            public Map<String, String> settings() { return Map.of(); }
        });
        p.startup(WsaVersion.V2_2, new Upcalls() {
            public WspEvent createEvent() { return null; }
            public void completeOverlapped(Overlapped o, WsaError e, int b, int f, SockAddr from) { o.finish(e, b, f, from); }
            public void queueApc(Thread t, Runnable r) { r.run(); }
        }).orElseThrow();
        return p;
    }
    static WspSocket[] pair(WspProvider p) {
        var info = new LoopbackProviderFactory().protocolEntries().get(0);
        WspSocket l = p.socket(info, 2, 1, 0, 0).orElseThrow();
        l.bind(InetSockAddr.loopback4(0)).orElseThrow();
        l.listen(100).orElseThrow();
        WspSocket c = p.socket(info, 2, 1, 0, 0).orElseThrow();
        c.connect(l.getSockName().orElseThrow()).orElseThrow();
        WspSocket a = l.accept(null).orElseThrow().socket();
        return new WspSocket[] {l, c, a};
    }

    @Test
    void measure() throws Exception {
        SystemTimeSource clock = new SystemTimeSource();
        WspProvider p = provider(clock);
        long total = 2L << 30;
        for (int round = 0; round < 3; round++) {
            WspSocket[] s = pair(p);
            Thread reader = new Thread(() -> {
                ByteBuffer[] b = {ByteBuffer.allocate(65536)};
                long got = 0;
                while (got < total) { b[0].clear(); got += s[2].recv(b, 0, null).orElseThrow(); }
            });
            reader.start();
            ByteBuffer[] out = {ByteBuffer.allocate(65536)};
            long t0 = System.nanoTime();
            for (long sent = 0; sent < total; sent += 65536) { out[0].clear(); s[1].send(out, 0, null).orElseThrow(); }
            reader.join();
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("loopback bulk 64KiB: %.0f MB/s%n", total / secs / 1e6);
            // Pipe
            Pipe pipe = Pipe.open();
            Thread pr = new Thread(() -> { try { ByteBuffer b = ByteBuffer.allocate(65536); long got = 0; while (got < total) { b.clear(); got += pipe.source().read(b);} } catch (Exception e) { throw new RuntimeException(e);} });
            pr.start();
            ByteBuffer o = ByteBuffer.allocate(65536);
            t0 = System.nanoTime();
            for (long sent = 0; sent < total; sent += 65536) { o.clear(); while (o.hasRemaining()) pipe.sink().write(o); }
            pr.join();
            secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("Pipe bulk 64KiB: %.0f MB/s%n", total / secs / 1e6);
        }
        for (int round = 0; round < 3; round++) {
            WspSocket[] s = pair(p);
            int n = 200_000;
            Thread echo = new Thread(() -> {
                ByteBuffer[] b = {ByteBuffer.allocate(1)};
                for (int i = 0; i < n; i++) { b[0].clear(); s[2].recv(b, 0, null).orElseThrow(); b[0].flip(); s[2].send(b, 0, null).orElseThrow(); }
            });
            echo.start();
            ByteBuffer[] b = {ByteBuffer.allocate(1)};
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) { b[0].clear(); s[1].send(b, 0, null).orElseThrow(); b[0].clear(); s[1].recv(b, 0, null).orElseThrow(); }
            echo.join();
            System.out.printf("loopback ping-pong: %.2f us/rtt%n", (System.nanoTime() - t0) / 1e3 / n);
            Pipe ab = Pipe.open(), ba = Pipe.open();
            Thread pe = new Thread(() -> { try { ByteBuffer x = ByteBuffer.allocate(1); for (int i = 0; i < n; i++) { x.clear(); ab.source().read(x); x.flip(); ba.sink().write(x);} } catch (Exception e) { throw new RuntimeException(e);} });
            pe.start();
            ByteBuffer x = ByteBuffer.allocate(1);
            t0 = System.nanoTime();
            for (int i = 0; i < n; i++) { x.clear(); ab.sink().write(x.flip().limit(1).position(0)); x.clear(); ba.source().read(x); }
            pe.join();
            System.out.printf("Pipe ping-pong: %.2f us/rtt%n", (System.nanoTime() - t0) / 1e3 / n);
        }
        // heap per idle socket
        WspProvider q = provider(clock);
        var info = new LoopbackProviderFactory().protocolEntries().get(0);
        WspSocket l = q.socket(info, 2, 1, 0, 0).orElseThrow();
        l.bind(InetSockAddr.loopback4(0)).orElseThrow();
        l.listen(4096).orElseThrow();
        List<WspSocket> keep = new ArrayList<>();
        Runtime rt = Runtime.getRuntime();
        System.gc(); System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        int pairs = 10_000;
        for (int i = 0; i < pairs; i++) {
            WspSocket c = q.socket(info, 2, 1, 0, 0).orElseThrow();
            c.connect(l.getSockName().orElseThrow()).orElseThrow();
            keep.add(c);
            keep.add(l.accept(null).orElseThrow().socket());
        }
        System.gc(); System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        System.out.printf("heap per idle connected socket: %d bytes (%d sockets)%n", (after - before) / keep.size(), keep.size());
        List<WspSocket> fresh = new ArrayList<>();
        System.gc(); System.gc();
        before = rt.totalMemory() - rt.freeMemory();
        for (int i = 0; i < 20_000; i++) fresh.add(q.socket(info, 2, 1, 0, 0).orElseThrow());
        System.gc(); System.gc();
        after = rt.totalMemory() - rt.freeMemory();
        System.out.printf("heap per new unconnected socket: %d bytes%n", (after - before) / fresh.size());
        System.out.println(keep.size() + fresh.size());
        clock.close();
    }
}
