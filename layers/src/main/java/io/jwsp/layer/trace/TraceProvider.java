package io.jwsp.layer.trace;

import io.jwsp.spi.StartupReply;
import io.jwsp.spi.Upcalls;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.kit.ForwardingProvider;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.TimeSource;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/** The trace layer above one lower provider: logs the provider-wide calls and wraps sockets in {@link TraceSocket}. */
final class TraceProvider extends ForwardingProvider {
    private final Logger log;
    private final TimeSource clock;
    private final TraceSettings settings;
    private final AtomicLong sockets = new AtomicLong();

    TraceProvider(WspProvider lower, Logger log, TimeSource clock, TraceSettings settings) {
        super(lower);
        this.log = log;
        this.clock = clock;
        this.settings = settings;
    }

    Logger log() {
        return log;
    }

    TimeSource clock() {
        return clock;
    }

    TraceSettings settings() {
        return settings;
    }

    @Override
    protected WspSocket wrap(WspSocket lowerSocket) {
        return new TraceSocket(this, lowerSocket, "s" + sockets.incrementAndGet());
    }

    /** Writes one line: who, call, arguments, result or error, time taken on the runtime's clock. */
    <T> WspResult<T> done(String who, String call, String args, long startNanos, WspResult<T> r, String extra) {
        log.debug("{} {}({}) -> {} in {}{}", who, call, args, TraceLine.result(r),
                TraceLine.duration(clock.nanoTime() - startNanos), extra);
        return r;
    }

    @Override
    public WspResult<StartupReply> startup(WsaVersion requested, Upcalls upcalls) {
        if (!log.isDebugEnabled()) {
            return lower.startup(requested, upcalls);
        }
        long t0 = clock.nanoTime();
        WspResult<StartupReply> r = lower.startup(requested, upcalls);
        return done("provider", "startup", "version=" + requested, t0, r, "");
    }

    @Override
    public WspResult<Void> cleanup() {
        if (!log.isDebugEnabled()) {
            return lower.cleanup();
        }
        long t0 = clock.nanoTime();
        return done("provider", "cleanup", "", t0, lower.cleanup(), "");
    }

    @Override
    public WspResult<WspSocket> socket(ProtocolInfo info, int addressFamily, int socketType, int protocol,
                                       int flags) {
        if (!log.isDebugEnabled()) {
            return super.socket(info, addressFamily, socketType, protocol, flags);
        }
        long t0 = clock.nanoTime();
        WspResult<WspSocket> r = super.socket(info, addressFamily, socketType, protocol, flags);
        String args = "entry=" + (info == null ? "null" : info.catalogEntryId() + " " + info.name())
                + " af=" + AddressFamily.name(addressFamily) + " type=" + SocketType.name(socketType)
                + " protocol=" + protocol + " flags=0x" + Integer.toHexString(flags);
        return done("provider", "socket", args, t0, r, "");
    }

    @Override
    public WspResult<SelectSets> select(SelectSets sets, long timeoutNanos) {
        if (!log.isDebugEnabled()) {
            return super.select(sets, timeoutNanos);
        }
        long t0 = clock.nanoTime();
        WspResult<SelectSets> r = super.select(sets, timeoutNanos);
        String args = sets == null ? "null" : "read=" + TraceLine.ids(sets.read()) + " write="
                + TraceLine.ids(sets.write()) + " except=" + TraceLine.ids(sets.except())
                + " timeout=" + (timeoutNanos < 0 ? "infinite" : TraceLine.duration(timeoutNanos));
        return done("provider", "select", args, t0, r, "");
    }

    @Override
    public WspResult<Void> cancelBlockingCall(Thread thread) {
        if (!log.isDebugEnabled()) {
            return lower.cancelBlockingCall(thread);
        }
        long t0 = clock.nanoTime();
        return done("provider", "cancelBlockingCall", "thread=" + (thread == null ? "null" : thread.getName()),
                t0, lower.cancelBlockingCall(thread), "");
    }
}
