package io.jwsp.bench.scale;

import io.jwsp.provider.loopback.LoopbackProvider;
import io.jwsp.provider.loopback.LoopbackProviderFactory;
import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.Winsock;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.TimeSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Many loopback connections open at once in this JVM, on virtual threads: each client connects, sends
 * {@link ScaleClose#PAYLOAD} bytes and reads them back from a server that accepted it on a virtual thread; once
 * every connection has echoed, all of them are open and idle at the same moment and the heap is measured; then each
 * connection closes with one row of the close table ({@link ScaleClose}, rotating), every answer checked, and the
 * handle table must be empty at the end. Pools of virtual threads do the work (blocking calls throughout), each
 * thread one connection at a time: a thread per connection would leave the runtime a per-thread state (the last
 * error) for each of millions of ended threads, which its weak map lets go only some time after a collection, and
 * the heap readings would count those rather than sockets.
 *
 * <p>Heap per idle socket is (heap after the opens) minus (heap before them), both read after full collections,
 * divided by the sockets opened (two per connection). It counts everything the opens left reachable: both ends'
 * provider sockets with their locks, conditions, rings and option tables, the connection, the client's address
 * binding, the runtime's handle-table entries (and the growth of its arrays) and per-socket records. It leaves out
 * the listener and the classes (made before the baseline), the run's own two arrays of handles (16 bytes a
 * connection, allocated before the baseline) and the listener's backlog, which is empty once everything is
 * accepted. Threads have ended by then: an idle socket holds none (see {@link #idleHeap} for their states).
 *
 * <p>Addresses: Windows hands out ephemeral ports from one pool whatever the local address (16,384 of them), so a
 * client binds explicitly, as a Windows application opening this many connections must: connection {@code i}
 * leaves from 127.1.x.y, one address per 16,384 connections, with port {@code 49152 + i % 16384}.
 */
public final class LoopbackScale {
    /** The key prefix of a close row's mismatch count in {@link Result#toLines}, followed by the row's id. */
    static final String ROW_MISMATCHES = "mismatches.";
    /** Threads connecting clients, each one at a time: fewer than the backlog, so no connect is ever refused. */
    private static final int CONNECTING = 2048;
    /** Threads accepting and echoing. */
    private static final int ACCEPTORS = 64;
    /** Threads closing connections, each one at a time: many, because a linger-stall close waits its second. */
    private static final int CLOSING = 16_384;
    private static final int PORTS = 16_384;
    private static final int FIRST_PORT = 49_152;
    private static final int BACKLOG = 4096;

    /**
     * What one run measured and every mismatch it saw: counted per close row ({@code mismatchesByRow}; the rest of
     * {@code mismatches} were outside the rows: opens, echoes, a phase over its bound), the first
     * {@value ScaleMismatches#KEPT_PER_ROW} of each kept in full. {@code gracefulCloses}: closes whose client ended
     * gracefully (it holds TIME_WAIT); {@code lingerRanOut}: linger-read closes whose l_linger ran out before the
     * peer read (abortive, as the table allows).
     */
    public record Result(int connections, long heapBefore, long heapOpen, long heapClosed, long openMillis,
                         long closeMillis,
                         int peakPlatformThreads, int peakVirtualThreads, long collections, long collectionMillis,
                         int handlesOpenWhenIdle, int handlesLeft, int timeWaitEntered, int gracefulCloses,
                         int lingerRanOut, int mismatches, Map<ScaleClose, Integer> mismatchesByRow,
                         List<String> firstMismatches, String histogram) {
        public Result {
            mismatchesByRow = Collections.unmodifiableMap(new EnumMap<>(mismatchesByRow));
            firstMismatches = List.copyOf(firstMismatches);
        }

        /** Mismatches of close row {@code row}. */
        public int mismatches(ScaleClose row) {
            return mismatchesByRow.getOrDefault(row, 0);
        }

        /** Heap the opens added, per socket (two per connection). */
        public double heapPerSocket() {
            return (heapOpen - heapBefore) / (2.0 * connections);
        }

        /**
         * Heap still held after every connection closed, per connection: the TIME_WAIT entries of the graceful
         * closes (held for the whole run), and anything a close failed to let go.
         */
        public double heapPerClosedConnection() {
            return (heapClosed - heapBefore) / (double) connections;
        }

        /** One line per figure, {@code key=value}, for the parent process of a forked run. */
        public String toLines() {
            StringBuilder b = new StringBuilder();
            b.append("connections=").append(connections).append('\n')
                    .append("heapBefore=").append(heapBefore).append('\n')
                    .append("heapOpen=").append(heapOpen).append('\n')
                    .append("heapClosed=").append(heapClosed).append('\n')
                    .append("openMillis=").append(openMillis).append('\n')
                    .append("closeMillis=").append(closeMillis).append('\n')
                    .append("peakPlatformThreads=").append(peakPlatformThreads).append('\n')
                    .append("peakVirtualThreads=").append(peakVirtualThreads).append('\n')
                    .append("collections=").append(collections).append('\n')
                    .append("collectionMillis=").append(collectionMillis).append('\n')
                    .append("handlesOpenWhenIdle=").append(handlesOpenWhenIdle).append('\n')
                    .append("handlesLeft=").append(handlesLeft).append('\n')
                    .append("timeWaitEntered=").append(timeWaitEntered).append('\n')
                    .append("gracefulCloses=").append(gracefulCloses).append('\n')
                    .append("lingerRanOut=").append(lingerRanOut).append('\n')
                    .append("mismatches=").append(mismatches).append('\n');
            for (ScaleClose row : ScaleClose.values()) {
                b.append(ROW_MISMATCHES).append(row.id()).append('=').append(mismatches(row)).append('\n');
            }
            for (String m : firstMismatches) {
                b.append("mismatch=").append(m.replace('\n', ' ')).append('\n');
            }
            return b.toString();
        }
    }

    private final int connections;
    private final long phaseNanos;
    private final boolean histogram;
    private final Consumer<String> progress;
    private final VirtualThreads threads = new VirtualThreads();
    private final ScaleMismatches mismatches = new ScaleMismatches();
    /** Closes whose client ended gracefully, so it holds TIME_WAIT. */
    private final AtomicInteger gracefulCloses = new AtomicInteger();
    /** Linger-read closes whose linger ran out before the peer read (abortive, as the table allows). */
    private final AtomicInteger lingerRanOut = new AtomicInteger();
    /** The provider's clock, which its lingers wait on. */
    private TimeSource clock;

    private LoopbackScale(int connections, long phaseNanos, boolean histogram, Consumer<String> progress) {
        if (connections < 1 || connections > PORTS * 250) {
            throw new IllegalArgumentException("1.." + PORTS * 250 + " connections, not " + connections);
        }
        this.connections = connections;
        this.phaseNanos = phaseNanos;
        this.histogram = histogram;
        this.progress = progress;
    }

    /**
     * Opens, echoes and closes {@code connections} connections; each phase (open, close) must end within
     * {@code phaseBound} or the run stops with what it saw. {@code histogram}: the result carries the top of a class
     * histogram taken while every connection was open and idle.
     */
    public static Result run(int connections, java.time.Duration phaseBound, boolean histogram,
                             Consumer<String> progress) throws InterruptedException {
        return new LoopbackScale(connections, phaseBound.toNanos(), histogram, progress).run();
    }

    private Result run() throws InterruptedException {
        ThreadMXBean platform = ManagementFactory.getThreadMXBean();
        // TIME_WAIT held for the whole run (Windows' 240 s would let the first entries expire during a long one), so
        // its count is exact and its table at its largest.
        try (JwspRuntime rt = JwspRuntime.builder().provider(new LoopbackProviderFactory())
                .setting("loopback.timeWaitMillis", String.valueOf(TimeUnit.DAYS.toMillis(1))).build()) {
            Winsock ws = rt.winsock();
            clock = rt.timeSource();
            ws.startup(WsaVersion.V2_2).orElseThrow();
            long listener = ws.socket(2, 1, 0).orElseThrow();
            ws.bind(listener, InetSockAddr.loopback4(0)).orElseThrow();
            ws.listen(listener, BACKLOG).orElseThrow();
            InetSockAddr where = (InetSockAddr) ws.getSockName(listener).orElseThrow();
            InetAddress[] from = clientAddresses(1, connections);
            // A warm-up round through every close row, so classes and first-use tables are made before the baseline.
            Connections warm = new Connections(ScaleClose.values().length * 4);
            if (open(ws, listener, where, clientAddresses(2, 1), warm)) {
                close(ws, warm);
            }
            int timeWaitBefore = timeWait(rt);
            gracefulCloses.set(0); // the warm-up's do not count
            lingerRanOut.set(0);
            Connections all = new Connections(connections);
            long gcBefore = HeapFigures.collections();
            long gcMillisBefore = HeapFigures.collectionMillis();
            long before = idleHeap(ws);
            platform.resetPeakThreadCount();

            progress.accept("opening " + connections + " loopback connections, each echoing "
                    + ScaleClose.PAYLOAD + " bytes");
            long t0 = System.nanoTime();
            boolean opened = open(ws, listener, where, from, all);
            long openNanos = System.nanoTime() - t0;
            int idleHandles = rt.openHandles();
            long heapOpen = opened ? idleHeap(ws) : 0;
            String top = histogram && opened ? HeapFigures.classHistogram(Integer.getInteger("jwsp.scale.histogramLines", 12)) : "";

            progress.accept("closing them in the " + ScaleClose.values().length + " rotating close rows");
            long t1 = System.nanoTime();
            if (opened) {
                close(ws, all);
            }
            long closeNanos = System.nanoTime() - t1;
            long heapClosed = opened ? idleHeap(ws) : 0;
            if (histogram && Boolean.getBoolean("jwsp.scale.closedHistogram")) {
                progress.accept("after the closes:\n" + HeapFigures.classHistogram(12));
            }
            ws.closeSocket(listener).orElseThrow();
            int left = rt.openHandles();
            int timeWait = timeWait(rt) - timeWaitBefore;
            return new Result(connections, before, heapOpen, heapClosed, TimeUnit.NANOSECONDS.toMillis(openNanos),
                    TimeUnit.NANOSECONDS.toMillis(closeNanos), platform.getPeakThreadCount(), threads.peak(),
                    HeapFigures.collections() - gcBefore, HeapFigures.collectionMillis() - gcMillisBefore,
                    idleHandles, left, timeWait, gracefulCloses.get(), lingerRanOut.get(), mismatches.total(),
                    mismatches.byRow(), mismatches.first(), top);
        }
    }

    /** The handles of a run's connections, by connection number. */
    private static final class Connections {
        final long[] clients;
        final long[] servers;

        Connections(int n) {
            clients = new long[n];
            servers = new long[n];
        }

        int size() {
            return clients.length;
        }
    }

    /**
     * {@value #CONNECTING} virtual threads connect the clients, each one at a time, and {@value #ACCEPTORS} accept
     * and echo; all of them take connection numbers from shared counters until every connection has echoed.
     */
    private boolean open(Winsock ws, long listener, InetSockAddr where, InetAddress[] from, Connections c)
            throws InterruptedException {
        int n = c.size();
        AtomicInteger nextClient = new AtomicInteger();
        AtomicInteger nextAccept = new AtomicInteger();
        int workers = Math.min(CONNECTING, n);
        int acceptors = Math.min(ACCEPTORS, n);
        CountDownLatch done = new CountDownLatch(workers + acceptors);
        for (int w = 0; w < acceptors; w++) {
            threads.start(() -> {
                try {
                    while (nextAccept.getAndIncrement() < n) {
                        WspResult<Long> accepted = ws.accept(listener);
                        if (!accepted.isOk()) {
                            mismatches.outsideRows("accept answered " + accepted.error());
                            return;
                        }
                        echo(ws, accepted.value(), c);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        for (int w = 0; w < workers; w++) {
            threads.start(() -> {
                try {
                    for (int id = nextClient.getAndIncrement(); id < n; id = nextClient.getAndIncrement()) {
                        c.clients[id] = client(ws, id, from[id / PORTS], where);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        if (!done.await(phaseNanos, TimeUnit.NANOSECONDS)) {
            mismatches.outsideRows("the opens did not finish within the bound (" + nextAccept.get()
                    + " accepts begun)");
            ws.closeSocket(listener); // ends the acceptors; the runtime's close ends the clients
            return false;
        }
        return mismatches.outsideRowsCount() == 0;
    }

    /** Connects client {@code id}, sends its payload (its number first) and checks the echo; answers the handle. */
    private long client(Winsock ws, int id, InetAddress address, InetSockAddr where) {
        long h = ws.socket(2, 1, 0).orElseThrow();
        WspResult<Void> bound = ws.bind(h, new InetSockAddr(address, FIRST_PORT + id % PORTS));
        WspResult<Void> connected = bound.isOk() ? ws.connect(h, where) : bound;
        if (!connected.isOk()) {
            mismatches.outsideRows("connection " + id + ": bind/connect answered " + connected.error());
            return h;
        }
        ByteBuffer out = payload(id);
        WspResult<Integer> sent = ws.send(h, out.duplicate(), 0);
        if (!sent.isOk() || sent.value() != ScaleClose.PAYLOAD) {
            mismatches.outsideRows("connection " + id + ": send answered "
                    + (sent.isOk() ? sent.value() : sent.error()));
            return h;
        }
        ByteBuffer in = ByteBuffer.allocate(ScaleClose.PAYLOAD);
        String read = readFully(ws, h, in);
        if (read != null || !in.flip().equals(out)) {
            mismatches.outsideRows("connection " + id + ": echo "
                    + (read != null ? read : "differs from what was sent"));
        }
        return h;
    }

    /** The server side: reads a payload, files the handle under the client's number, echoes it. */
    private void echo(Winsock ws, long server, Connections c) {
        ByteBuffer in = ByteBuffer.allocate(ScaleClose.PAYLOAD);
        String read = readFully(ws, server, in);
        if (read != null) {
            mismatches.outsideRows("server read " + read);
            return;
        }
        int id = in.getInt(0);
        if (id < 0 || id >= c.size() || c.servers[id] != 0 || !in.flip().equals(payload(id))) {
            mismatches.outsideRows("server read a payload that is not connection " + id + "'s");
            return;
        }
        c.servers[id] = server;
        WspResult<Integer> sent = ws.send(server, in, 0);
        if (!sent.isOk() || sent.value() != ScaleClose.PAYLOAD) {
            mismatches.outsideRows("connection " + id + ": echo send answered "
                    + (sent.isOk() ? sent.value() : sent.error()));
        }
    }

    /**
     * {@value #CLOSING} virtual threads close the connections, each one at a time, the server side after it has
     * seen what the row promises; a linger-read close has its peer read on one more.
     */
    private void close(Winsock ws, Connections c) throws InterruptedException {
        int n = c.size();
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(CLOSING, n);
        CountDownLatch done = new CountDownLatch(workers);
        long start = System.nanoTime();
        long gcBefore = HeapFigures.collections();
        long gcMillisBefore = HeapFigures.collectionMillis();
        for (int w = 0; w < workers; w++) {
            threads.start(() -> {
                try {
                    for (int id = next.getAndIncrement(); id < n; id = next.getAndIncrement()) {
                        ScaleClose row = ScaleClose.of(id);
                        CloseEnding ending = row.run(ws, c.clients[id], c.servers[id],
                                task -> Thread.ofVirtual().unstarted(threads.counted(task)), clock);
                        if (ending.lingerRanOut()) {
                            lingerRanOut.incrementAndGet();
                        } else if (row.graceful()) {
                            gracefulCloses.incrementAndGet();
                        }
                        if (!ending.asTheTableSays()) {
                            // when, and how much of the phase the collector had taken by then: a linger on the
                            // real clock counts those pauses too
                            mismatches.close(row, "connection " + id + ": " + ending.mismatch() + "; ended "
                                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
                                    + " ms into the closes, " + (HeapFigures.collections() - gcBefore)
                                    + " collections (" + (HeapFigures.collectionMillis() - gcMillisBefore)
                                    + " ms) by then");
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        if (!done.await(phaseNanos, TimeUnit.NANOSECONDS)) {
            mismatches.outsideRows("the closes did not finish within the bound (" + next.get() + " begun)");
        }
    }

    private static String readFully(Winsock ws, long h, ByteBuffer in) {
        while (in.hasRemaining()) {
            WspResult<Integer> r = ws.recv(h, in, 0);
            if (!r.isOk()) {
                return "recv answered " + r.error() + " after " + in.position() + " bytes";
            }
            if (r.value() == 0) {
                return "the end of the stream after " + in.position() + " bytes";
            }
        }
        return null;
    }

    /** Connection {@code id}'s payload: its number, then bytes that depend on it. */
    private static ByteBuffer payload(int id) {
        ByteBuffer b = ByteBuffer.allocate(ScaleClose.PAYLOAD).putInt(id);
        while (b.hasRemaining()) {
            b.put((byte) (id * 31 + b.position()));
        }
        return b.flip();
    }

    /** The addresses {@code n} clients leave from: 127.{@code net}.x.y, one per {@value #PORTS} clients. */
    private static InetAddress[] clientAddresses(int net, int n) {
        InetAddress[] out = new InetAddress[(n + PORTS - 1) / PORTS];
        try {
            for (int i = 0; i < out.length; i++) {
                out[i] = InetAddress.getByAddress(new byte[] {127, (byte) net, (byte) (i >> 8), (byte) i});
            }
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    /**
     * The heap after full collections. The runtime keeps each thread's state (its last error) in a weak map whose
     * entries for ended threads go at the map's next use after a collection; one call from a new thread makes that
     * use first, so the figure holds the sockets, not the states of threads that have ended.
     */
    private static long idleHeap(Winsock ws) throws InterruptedException {
        for (int i = 0; i < 2; i++) { // twice: a thread still ending during the first collection is gone by the second
            System.gc();
            Thread.ofVirtual().start(ws::lastError).join();
        }
        return HeapFigures.usedAfterGc();
    }

    /** Connections in TIME_WAIT in the loopback provider now. */
    private static int timeWait(JwspRuntime rt) {
        return rt.providerExtension(LoopbackProviderFactory.NAME, LoopbackProvider.class)
                .map(LoopbackProvider::timeWaitCount).orElse(-1);
    }

}
