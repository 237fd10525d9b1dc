package io.jwsp.provider.sample;

import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.StartupReply;
import io.jwsp.spi.Upcalls;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.TimeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider instance, made for one runtime: the startup count, the names bound in this runtime, and the one
 * lock every socket of the instance works under. One lock and one condition keep the sample easy to follow: any
 * change wakes every waiter, and each waiter re-checks what it waits for.
 */
final class SampleProvider implements WspProvider {
    private static final Logger LOG = LoggerFactory.getLogger(SampleProvider.class);
    private static final WsaVersion LOWEST = WsaVersion.V2_0;
    private static final WsaVersion HIGHEST = WsaVersion.V2_2;

    final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ProviderContext context;
    /** The default SO_SNDBUF and SO_RCVBUF, from the setting {@code jwsp.sample.bufferBytes}. */
    final int bufferBytes;

    private int startups;
    private Upcalls upcalls;
    /** Bound names of this runtime only: two runtimes in one JVM never see each other's names. */
    private final Map<String, SampleSocket> names = new HashMap<>();
    private final Set<SampleSocket> open = new LinkedHashSet<>();
    private final Set<Thread> blocked = new HashSet<>();
    private final Set<Thread> cancelled = new HashSet<>();
    private int nextName = 1;

    SampleProvider(ProviderContext context) {
        this.context = context;
        this.bufferBytes = Integer.parseInt(context.setting("bufferBytes", "8192"));
    }

    // ---- WSPStartup / WSPCleanup

    @Override
    public WspResult<StartupReply> startup(WsaVersion requested, Upcalls newUpcalls) {
        WspResult<StartupReply> reply = WsaVersion.negotiate(requested, LOWEST, HIGHEST);
        if (reply.isOk()) {
            lock.lock();
            try {
                startups++;
                upcalls = newUpcalls; // WSPStartup: keep the most recent upcall table
            } finally {
                lock.unlock();
            }
        }
        return reply;
    }

    @Override
    public WspResult<Void> cleanup() {
        lock.lock();
        try {
            if (startups == 0) {
                return WspResult.fail(WsaError.WSANOTINITIALISED);
            }
            if (--startups == 0) {
                // WSPCleanup: the last one releases everything still open.
                for (SampleSocket s : List.copyOf(open)) {
                    s.release();
                }
                names.clear();
                LOG.debug("sample provider cleaned up");
            }
            return WspResult.ok();
        } finally {
            lock.unlock();
        }
    }

    // ---- WSPSocket

    @Override
    public WspResult<WspSocket> socket(ProtocolInfo info, int addressFamily, int socketType, int protocol, int flags) {
        lock.lock();
        try {
            if (startups == 0) {
                return WspResult.fail(WsaError.WSANOTINITIALISED);
            }
            if (addressFamily != AddressFamily.AF_UNIX) {
                return WspResult.fail(WsaError.WSAEAFNOSUPPORT);
            }
            if (socketType != SocketType.SOCK_STREAM) {
                return WspResult.fail(WsaError.WSAESOCKTNOSUPPORT);
            }
            if (protocol != 0) {
                return WspResult.fail(WsaError.WSAEPROTONOSUPPORT);
            }
            // Every socket here can do overlapped I/O, so WSA_FLAG_OVERLAPPED needs no state of its own.
            SampleSocket s = new SampleSocket(this, info);
            open.add(s);
            return WspResult.ok(s);
        } finally {
            lock.unlock();
        }
    }

    // ---- WSPSelect

    @Override
    public WspResult<SelectSets> select(SelectSets sets, long timeoutNanos) {
        List<SampleSocket> all = new ArrayList<>();
        for (List<WspSocket> set : List.of(sets.read(), sets.write(), sets.except())) {
            for (WspSocket w : set) {
                if (!(w instanceof SampleSocket s) || s.provider() != this) {
                    return WspResult.fail(WsaError.WSAENOTSOCK);
                }
                all.add(s);
            }
        }
        lock.lock();
        try {
            long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : clock().nanoTime() + timeoutNanos;
            for (boolean first = true; ; first = false) {
                for (SampleSocket s : all) {
                    if (s.isClosed()) {
                        // Closed before the call: not a socket; closed while we waited: the wait was interrupted.
                        return WspResult.fail(first ? WsaError.WSAENOTSOCK : WsaError.WSAEINTR);
                    }
                }
                SelectSets ready = new SelectSets(
                        sets.read().stream().filter(w -> ((SampleSocket) w).readyToRead()).toList(),
                        sets.write().stream().filter(w -> ((SampleSocket) w).readyToWrite()).toList(),
                        List.of()); // no out-of-band data, no failed nonblocking connects: nothing exceptional
                long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - clock().nanoTime();
                if (ready.total() > 0 || left <= 0) {
                    return WspResult.ok(ready);
                }
                if (!awaitChange(left)) {
                    return WspResult.fail(WsaError.WSAEINTR);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- WSPCancelBlockingCall

    @Override
    public WspResult<Void> cancelBlockingCall(Thread thread) {
        lock.lock();
        try {
            if (!blocked.contains(thread)) {
                return WspResult.fail(WsaError.WSAEINVAL); // no blocking call in progress on that thread
            }
            cancelled.add(thread);
            changed.signalAll();
            return WspResult.ok();
        } finally {
            lock.unlock();
        }
    }

    // ---- WSPAddressToString / WSPStringToAddress

    @Override
    public WspResult<String> addressToString(SockAddr address, ProtocolInfo info) {
        if (address == null) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        if (!(address instanceof SampleSockAddr a)) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        return WspResult.ok(a.toString());
    }

    /** Any text is a name; "*" (or nothing) is {@link SampleSockAddr#ANY}. */
    @Override
    public WspResult<SockAddr> stringToAddress(String text, int addressFamily, ProtocolInfo info) {
        if (text == null) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        if (addressFamily != AddressFamily.AF_UNIX) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        String name = text.strip();
        return WspResult.ok(name.equals("*") ? SampleSockAddr.ANY : new SampleSockAddr(name));
    }

    // ---- what the sockets share (all called with the lock held)

    TimeSource clock() {
        return context.timeSource();
    }

    Upcalls upcalls() {
        return upcalls;
    }

    ProviderContext context() {
        return context;
    }

    /** Wakes every waiter: something changed. */
    void signalChange() {
        changed.signalAll();
    }

    /**
     * Waits for a change, at most {@code nanos} on the runtime's clock (TimeSource: every wait goes through it, so a
     * virtual clock sees this thread parked). Answers false when the wait must end the call with WSAEINTR: the thread
     * was interrupted, or WSPCancelBlockingCall named it.
     */
    boolean awaitChange(long nanos) {
        Thread me = Thread.currentThread();
        blocked.add(me);
        try {
            clock().awaitNanos(lock, changed, nanos);
        } catch (InterruptedException e) {
            me.interrupt();
            return false;
        } finally {
            blocked.remove(me);
        }
        return !cancelled.remove(me);
    }

    /** bind: takes {@code wanted}, or a fresh name for {@link SampleSockAddr#ANY}; null when the name is taken. */
    SampleSockAddr claimName(SampleSockAddr wanted, SampleSocket owner) {
        SampleSockAddr name = wanted;
        while (name.isAny() || names.containsKey(name.name())) {
            if (!wanted.isAny()) {
                return null;
            }
            name = new SampleSockAddr("sample-" + nextName++);
        }
        names.put(name.name(), owner);
        return name;
    }

    void releaseName(SampleSockAddr name, SampleSocket owner) {
        if (name != null) {
            names.remove(name.name(), owner);
        }
    }

    SampleSocket boundTo(SampleSockAddr name) {
        return names.get(name.name());
    }

    void opened(SampleSocket s) {
        open.add(s);
    }

    void forget(SampleSocket s) {
        open.remove(s);
    }
}
