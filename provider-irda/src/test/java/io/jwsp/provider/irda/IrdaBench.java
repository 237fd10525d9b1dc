package io.jwsp.provider.irda;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jwsp.provider.irda.medium.IrSpace;
import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.JwspRuntimeBuilder;
import io.jwsp.runtime.Winsock;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.time.VirtualClock;
import io.jwsp.spi.trace.WireFrame;
import io.jwsp.spi.trace.WireTap;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One runtime with the IrDA provider alone, on a virtual clock (unless given another), recording every frame and
 * close the provider reports. Time moves only through {@link #until} and {@link #advance}.
 */
final class IrdaBench implements AutoCloseable {
    final VirtualClock clock;
    final JwspRuntime runtime;
    final Winsock ws;
    final Recorder tap = new Recorder();

    static final class Recorder implements WireTap {
        private final List<WireFrame> frames = new ArrayList<>();
        private final List<CloseRecord> closes = new ArrayList<>();

        @Override
        public synchronized void frame(WireFrame frame) {
            frames.add(frame);
        }

        @Override
        public synchronized void closed(CloseRecord record) {
            closes.add(record);
        }

        synchronized List<WireFrame> frames() {
            return List.copyOf(frames);
        }

        synchronized List<CloseRecord> closes() {
            return List.copyOf(closes);
        }

        synchronized List<WireFrame> ofKind(String kind) {
            return frames.stream().filter(f -> f.kind().equals(kind)).toList();
        }

        /** Index of the last frame of {@code kind}, -1 when none. */
        synchronized int lastIndexOf(String kind) {
            for (int i = frames.size() - 1; i >= 0; i--) {
                if (frames.get(i).kind().equals(kind)) {
                    return i;
                }
            }
            return -1;
        }

        synchronized int firstIndexOf(String kind) {
            for (int i = 0; i < frames.size(); i++) {
                if (frames.get(i).kind().equals(kind)) {
                    return i;
                }
            }
            return -1;
        }
    }

    IrdaBench(String... settings) {
        this(new VirtualClock(), settings);
    }

    IrdaBench(VirtualClock clock, String... settings) {
        this(clock, (TimeSource) clock, settings);
    }

    private IrdaBench(VirtualClock clock, TimeSource source, String... settings) {
        this.clock = clock;
        JwspRuntimeBuilder b = JwspRuntime.builder().provider(new IrdaProviderFactory()).wireTap(tap);
        if (source != null) {
            b.timeSource(source);
        }
        for (int i = 0; i + 1 < settings.length; i += 2) {
            b.setting(settings[i], settings[i + 1]);
        }
        runtime = b.build();
        ws = runtime.winsock();
        ok(ws.startup(WsaVersion.V2_2));
    }

    /** A bench on the real clock (for the UDP medium, which is real I/O anyway). */
    static IrdaBench realTime(String... settings) {
        return new IrdaBench(null, new io.jwsp.spi.time.SystemTimeSource(), settings);
    }

    IrSpace space() {
        return runtime.providerExtension(IrdaProviderFactory.NAME, IrSpace.class).orElseThrow();
    }

    static <T> T ok(WspResult<T> r) {
        if (!r.isOk()) {
            fail("expected success, got " + (r.isPending() ? "pending" : r.error()));
        }
        return r.value();
    }

    long socket() {
        return ok(ws.socket(AddressFamily.AF_IRDA, SocketType.SOCK_STREAM, 0));
    }

    void nonBlocking(long s, boolean on) {
        ok(ws.ioctl(s, IoControls.FIONBIO, on));
    }

    /**
     * A connect started nonblocking and driven on the virtual clock to its end; answers null when it connected, else
     * the error SO_ERROR reported (or connect's own, when it did not answer WSAEWOULDBLOCK).
     */
    WsaError connectOutcome(long s, SockAddr to) {
        nonBlocking(s, true);
        WspResult<Void> r = ws.connect(s, to);
        if (!r.is(WsaError.WSAEWOULDBLOCK)) {
            return r.error();
        }
        int[] error = {0};
        until(() -> ws.getPeerName(s).isOk()
                || (error[0] = ok(ws.getSockOpt(s, SocketOptions.SO_ERROR))) != 0, Duration.ofSeconds(30));
        return error[0] == 0 ? null : WsaError.ofCode(error[0]);
    }

    /** Advances the clock from timer to timer until {@code done} holds, at most {@code max} of virtual time. */
    void until(BooleanSupplier done, Duration max) {
        long end = clock.nanoTime() + max.toNanos();
        while (!done.getAsBoolean()) {
            long next = clock.nextDeadline();
            if (next < 0 || next > end) {
                next = awaitActivity(done, end);
                if (next < 0) {
                    if (!done.getAsBoolean()) {
                        fail("not reached within " + max + " of virtual time");
                    }
                    return;
                }
            }
            clock.advanceNanos(Math.max(0, next - clock.nanoTime()));
        }
    }

    /**
     * Nothing is due before {@code end}: a thread woken by the last frame (a sender refilling its queue, a close
     * that found it drained) may still be about to act in real time. Give it a bounded moment; answers the next
     * deadline within {@code end}, or -1.
     */
    private long awaitActivity(BooleanSupplier done, long end) {
        long giveUp = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < giveUp) {
            if (done.getAsBoolean()) {
                return clock.nanoTime();
            }
            long next = clock.nextDeadline();
            if (next >= 0 && next <= end) {
                return next;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
        return -1;
    }

    void advance(Duration d) {
        clock.advance(d);
    }

    /** A listener bound to {@code service} on the default device. */
    long listener(String service) {
        long l = socket();
        ok(ws.bind(l, IrdaSockAddr.local(service)));
        ok(ws.listen(l, 4));
        return l;
    }

    record Pair(long listener, long client, long accepted) {
    }

    /** Connects a client to {@code to} (nonblocking, driving the clock) and accepts it; both end up blocking. */
    Pair connect(long listener, SockAddr to) {
        long c = socket();
        nonBlocking(c, true);
        WspResult<Void> r = ws.connect(c, to);
        assertTrue(r.is(WsaError.WSAEWOULDBLOCK) || r.isOk(), "nonblocking connect: " + r);
        nonBlocking(listener, true);
        long[] accepted = {-1};
        until(() -> {
            if (accepted[0] < 0) {
                WspResult<Long> a = ws.accept(listener);
                if (a.isOk()) {
                    accepted[0] = a.value();
                }
            }
            return accepted[0] >= 0 && ws.getPeerName(c).isOk();
        }, Duration.ofSeconds(30));
        nonBlocking(c, false);
        nonBlocking(listener, false);
        nonBlocking(accepted[0], false);
        return new Pair(listener, c, accepted[0]);
    }

    Pair connectByService(String service) {
        long l = listener(service);
        SockAddr name = ok(ws.getSockName(l));
        return connect(l, name);
    }

    static ByteBuffer pattern(int offset, int length) {
        ByteBuffer b = ByteBuffer.allocate(length);
        for (int i = 0; i < length; i++) {
            b.put((byte) ((offset + i) * 31 + 7));
        }
        return b.flip();
    }

    static boolean matches(ByteBuffer got, int offset) {
        ByteBuffer b = got.duplicate().flip();
        for (int i = 0; b.hasRemaining(); i++) {
            if (b.get() != (byte) ((offset + i) * 31 + 7)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        runtime.close();
    }
}
