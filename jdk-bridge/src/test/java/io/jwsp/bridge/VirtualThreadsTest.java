package io.jwsp.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.loopback.LoopbackProviderFactory;
import io.jwsp.runtime.JwspRuntime;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;

/** Blocking calls over the bridge park virtual threads; they never pin their carrier. */
class VirtualThreadsTest {

    @Test
    void manyVirtualThreadsBlockInReadWithoutPinningACarrier() throws Exception {
        List<String> pinned = new CopyOnWriteArrayList<>();
        try (RecordingStream jfr = new RecordingStream();
             JwspRuntime runtime = JwspRuntime.builder().provider(new LoopbackProviderFactory()).build();
             JwspSelectorProvider nio = JwspSelectorProvider.open(runtime, "loopback");
             ServerSocket server = nio.serverSocketFactory().createServerSocket(0)) {
            // A first round loads every class: class loading on a virtual thread pins (a JVM limit, not ours).
            exchange(nio, server, 4);
            jfr.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
            jfr.onEvent("jdk.VirtualThreadPinned", e -> pinned.add(String.valueOf(e.getStackTrace())));
            jfr.startAsync();
            exchange(nio, server, 200); // far more blocked readers than carrier threads
            jfr.stop();
        }
        assertTrue(pinned.isEmpty(), "virtual threads pinned their carrier: " + pinned);
    }

    /** {@code n} connections; a virtual thread blocks in read on each, then virtual threads write one byte each. */
    private static void exchange(JwspSelectorProvider nio, ServerSocket server, int n) throws Exception {
        List<Socket> clients = new ArrayList<>();
        List<Future<Integer>> reads = new ArrayList<>();
        AtomicInteger blocked = new AtomicInteger();
        try (var vts = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                Socket c = nio.socketFactory().createSocket("127.0.0.1", server.getLocalPort());
                Socket peer = server.accept();
                clients.add(c);
                reads.add(vts.submit(() -> {
                    try (peer; InputStream in = peer.getInputStream()) {
                        blocked.incrementAndGet();
                        return in.read();
                    }
                }));
            }
            // Writers are virtual threads too: with pinned readers they could not run on 2 cores.
            for (int i = 0; i < n; i++) {
                Socket c = clients.get(i);
                int value = i & 0x7F;
                vts.submit(() -> {
                    c.getOutputStream().write(value);
                    return null;
                });
            }
            for (int i = 0; i < n; i++) {
                assertEquals(i & 0x7F, reads.get(i).get(30, TimeUnit.SECONDS));
            }
        }
        for (Socket c : clients) {
            c.close();
        }
        assertEquals(n, blocked.get());
    }
}
