package io.jwsp.provider.sample;

import io.jwsp.spi.kit.ext.KitExtensions;
import io.jwsp.spi.kit.ext.KitDisconnectEx;
import io.jwsp.spi.kit.ext.TextSockAddrLayout;
import io.jwsp.spi.kit.ext.ExtensionTable;
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
import io.jwsp.spi.kit.SocketServices;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.kit.transmit.TransmitExtensions;
import io.jwsp.spi.kit.wait.BlockingCalls;
import io.jwsp.spi.kit.wait.BlockingWait;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.TimeSource;
import java.util.ArrayList;
import java.util.HashMap;
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
 * change wakes every waiter, and each waiter re-checks what it waits for. Sockets build on the socket kit
 * ({@link SocketServices} is what they share).
 */
final class SampleProvider implements WspProvider {
    /** The extension functions this provider answers (SIO_GET_EXTENSION_FUNCTION_POINTER); its entries list them. */
    private final ExtensionTable extensions = TransmitExtensions.offer(KitExtensions.offer(ExtensionTable.builder(),
            this, new TextSockAddrLayout(this, MAX_NAME_BYTES), KitDisconnectEx.Ending.SHUTDOWN_SEND)).build();
    /** The longest name an AcceptEx buffer holds (its address slots need this plus 18 bytes). */
    static final int MAX_NAME_BYTES = 100;

    private static final Logger LOG = LoggerFactory.getLogger(SampleProvider.class);
    private static final WsaVersion LOWEST = WsaVersion.V2_0;
    private static final WsaVersion HIGHEST = WsaVersion.V2_2;

    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();
    private final ProviderContext context;
    private final BlockingCalls blockingCalls = new BlockingCalls();
    private final SocketServices services;
    /** The default SO_SNDBUF and SO_RCVBUF, from the setting {@code jwsp.sample.bufferBytes}. */
    final int bufferBytes;

    private int startups;
    private volatile Upcalls upcalls;
    /** Completions decided under the lock, fired by whoever releases it next (guarded by lock). */
    private DeferredCompletions completions = new DeferredCompletions();
    /** Bound names of this runtime only: two runtimes in one JVM never see each other's names. */
    private final Map<String, SampleSocket> names = new HashMap<>();
    private final Set<SampleSocket> open = new LinkedHashSet<>();
    private int nextName = 1;

    SampleProvider(ProviderContext context) {
        this.context = context;
        this.bufferBytes = Integer.parseInt(context.setting("bufferBytes", "8192"));
        this.services = new SocketServices(context.timeSource(), blockingCalls,
                (o, error, bytes, flags, from) -> upcalls.completeOverlapped(o, error, bytes, flags, from),
                context.wireTap(), this::wakeSelects, null);
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
        DeferredCompletions done;
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
            done = takeCompletions();
            lock.unlock();
            done.fire(services.completer());
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
            SampleSocket s = new SampleSocket(this, info, new SampleOptions(bufferBytes));
            open.add(s);
            return WspResult.ok(s);
        } finally {
            lock.unlock();
        }
    }

    // ---- WSPSelect

    /**
     * WSPSelect. A socket closed before the call is not a socket (WSAENOTSOCK); one that starts closing while the
     * select waits wakes it and is reported ready once (observed Windows): in the read set if asked there, else the
     * write set, else the except set.
     */
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
        BlockingWait wait = BlockingWait.start(clock(), blockingCalls, this, lock, changed, null,
                timeoutNanos < 0 ? 0 : Math.max(1, timeoutNanos));
        try {
            if (all.stream().anyMatch(SampleSocket::isClosing)) {
                return WspResult.fail(WsaError.WSAENOTSOCK);
            }
            while (true) {
                SelectSets ready = ready(sets);
                if (ready.total() > 0 || timeoutNanos == 0) {
                    return WspResult.ok(ready);
                }
                WsaError stop = wait.park();
                if (stop == WsaError.WSAETIMEDOUT) {
                    return WspResult.ok(ready(sets));
                }
                if (stop != null) {
                    return WspResult.fail(stop);
                }
            }
        } finally {
            wait.end();
            lock.unlock();
        }
    }

    /** The ready subsets, each closing socket counted once. No out-of-band data here: except holds only closes. */
    private static SelectSets ready(SelectSets sets) {
        List<WspSocket> read = sets.read().stream().filter(w -> ((SampleSocket) w).readyToRead()).toList();
        List<WspSocket> write = sets.write().stream()
                .filter(w -> ((SampleSocket) w).readyToWrite()
                        || (((SampleSocket) w).isClosing() && !sets.read().contains(w)))
                .toList();
        List<WspSocket> except = sets.except().stream()
                .filter(w -> ((SampleSocket) w).isClosing() && !sets.read().contains(w) && !sets.write().contains(w))
                .toList();
        return new SelectSets(read, write, except);
    }

    // ---- WSPCancelBlockingCall

    @Override
    public WspResult<Void> cancelBlockingCall(Thread thread) {
        // WSAEINVAL: no blocking call in progress on that thread.
        return blockingCalls.cancel(thread) ? WspResult.ok() : WspResult.fail(WsaError.WSAEINVAL);
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

    SocketServices services() {
        return services;
    }

    /** The completions decided under the lock so far (lock held). */
    DeferredCompletions completions() {
        return completions;
    }

    /** Hands over the completions decided so far, to fire once the lock is released (lock held). */
    DeferredCompletions takeCompletions() {
        DeferredCompletions now = completions;
        completions = new DeferredCompletions();
        return now;
    }

    /** Selects wait on the one condition every socket signals; a close wakes them through the kit. */
    private void wakeSelects() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
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

    ExtensionTable extensions() {
        return extensions;
    }
}
