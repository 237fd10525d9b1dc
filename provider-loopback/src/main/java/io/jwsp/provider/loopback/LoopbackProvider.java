package io.jwsp.provider.loopback;

import io.jwsp.spi.kit.ext.KitExtensions;
import io.jwsp.spi.kit.ext.KitDisconnectEx;
import io.jwsp.spi.kit.ext.InetSockAddrLayout;
import io.jwsp.spi.kit.ext.ExtensionTable;
import io.jwsp.provider.loopback.core.LoopbackSocket;
import io.jwsp.provider.loopback.core.LoopbackStack;
import io.jwsp.provider.loopback.core.Readiness;
import io.jwsp.provider.loopback.dgram.DatagramSocket;
import io.jwsp.provider.loopback.stream.StreamSocket;
import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.StartupReply;
import io.jwsp.spi.Upcalls;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.IpProtocol;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.close.TimeWaitQuery;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.kit.transmit.TransmitExtensions;
import io.jwsp.spi.kit.wait.BlockingWait;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.TimeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loopback provider instance: one runtime's in-memory network. Answers its own TIME_WAIT table through
 * {@link #unwrap} ({@link TimeWaitQuery}).
 */
public final class LoopbackProvider implements WspProvider, TimeWaitQuery {
    private static final Logger LOG = LoggerFactory.getLogger(LoopbackProvider.class);
    private static final int FROM_PROTOCOL_INFO = -1;

    private final LoopbackStack stack;
    private final Object startupLock = new Object();
    private volatile int startups;

    LoopbackProvider(String name, ProviderContext context) {
        this.stack = new LoopbackStack(name, context.timeSource(), context.wireTap(),
                LoopbackSettings.from(context.settings()));
        stack.extensions(TransmitExtensions.offer(KitExtensions.offer(ExtensionTable.builder(), this,
                new InetSockAddrLayout(), KitDisconnectEx.Ending.SHUTDOWN_SEND)).build());
    }

    @Override
    public WspResult<StartupReply> startup(WsaVersion requested, Upcalls upcalls) {
        if (upcalls == null) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        WspResult<StartupReply> reply = WsaVersion.negotiate(requested, WsaVersion.V1_1, WsaVersion.V2_2);
        if (reply.isOk()) {
            synchronized (startupLock) {
                stack.upcalls(upcalls);
                startups++;
            }
        }
        return reply;
    }

    @Override
    public WspResult<Void> cleanup() {
        List<LoopbackSocket> left;
        synchronized (startupLock) {
            if (startups == 0) {
                return WspResult.fail(WsaError.WSANOTINITIALISED);
            }
            if (--startups > 0) {
                return WspResult.ok();
            }
            left = stack.openSockets();
        }
        if (!left.isEmpty()) {
            LOG.debug("last cleanup closes {} loopback sockets still open", left.size());
        }
        for (LoopbackSocket s : left) {
            s.forceClose();
        }
        stack.reset();
        return WspResult.ok();
    }

    @Override
    public WspResult<WspSocket> socket(ProtocolInfo info, int addressFamily, int socketType, int protocol,
                                       int flags) {
        if (startups == 0) {
            return WspResult.fail(WsaError.WSANOTINITIALISED);
        }
        if (info == null) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        int af = addressFamily == FROM_PROTOCOL_INFO ? info.addressFamily() : addressFamily;
        int type = socketType == FROM_PROTOCOL_INFO ? info.socketType() : socketType;
        int proto = protocol == FROM_PROTOCOL_INFO ? info.protocol() : protocol;
        if (af != AddressFamily.AF_INET && af != AddressFamily.AF_INET6 || af != info.addressFamily()) {
            return WspResult.fail(WsaError.WSAEAFNOSUPPORT);
        }
        if (type != info.socketType()) {
            return WspResult.fail(WsaError.WSAESOCKTNOSUPPORT);
        }
        if (proto != 0 && !info.matchesProtocol(proto)) {
            return WspResult.fail(WsaError.WSAEPROTONOSUPPORT);
        }
        return switch (type) {
            case SocketType.SOCK_STREAM -> info.protocol() == IpProtocol.IPPROTO_TCP
                    ? WspResult.ok(new StreamSocket(stack, info, af)) : WspResult.fail(WsaError.WSAEPROTONOSUPPORT);
            case SocketType.SOCK_DGRAM -> info.protocol() == IpProtocol.IPPROTO_UDP
                    ? WspResult.ok(new DatagramSocket(stack, info, af)) : WspResult.fail(WsaError.WSAEPROTONOSUPPORT);
            default -> WspResult.fail(WsaError.WSAESOCKTNOSUPPORT);
        };
    }

    /**
     * WSPSelect: looks at every socket, and when none is ready waits for the provider-wide wake-up on the time
     * source. WSAEINVAL when all sets are empty; WSAENOTSOCK for a socket that is not this provider's or is
     * closed at the start; WSAEINTR when cancelled.
     */
    @Override
    public WspResult<SelectSets> select(SelectSets sets, long timeoutNanos) {
        if (startups == 0) {
            return WspResult.fail(WsaError.WSANOTINITIALISED);
        }
        if (sets == null) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        if (sets.total() == 0) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        for (List<WspSocket> list : List.of(sets.read(), sets.write(), sets.except())) {
            for (WspSocket s : list) {
                if (!stack.owns(s) || s.getSockOpt(io.jwsp.spi.option.SocketOptions.SO_TYPE).is(
                        WsaError.WSAENOTSOCK)) {
                    return WspResult.fail(WsaError.WSAENOTSOCK);
                }
            }
        }
        Readiness readiness = stack.readiness();
        TimeSource clock = stack.clock();
        long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : clock.nanoTime() + timeoutNanos;
        long epoch = readiness.enter();
        BlockingWait wait = null;
        try {
            while (true) {
                SelectSets ready = look(sets);
                if (ready.total() > 0 || timeoutNanos == 0) {
                    return WspResult.ok(ready);
                }
                readiness.lock().lock();
                try {
                    if (readiness.epoch() == epoch) {
                        if (wait == null) {
                            wait = BlockingWait.start(clock, stack.blockingCalls(), readiness,
                                    readiness.lock(), readiness.condition(), null, deadline == Long.MAX_VALUE ? 0
                                            : Math.max(1, deadline - clock.nanoTime()));
                        }
                        WsaError e = wait.park();
                        if (e == WsaError.WSAETIMEDOUT) {
                            return WspResult.ok(new SelectSets(List.of(), List.of(), List.of()));
                        }
                        if (e != null) {
                            return WspResult.fail(e);
                        }
                    }
                    epoch = readiness.epoch();
                } finally {
                    readiness.lock().unlock();
                }
            }
        } finally {
            if (wait != null) {
                readiness.lock().lock();
                try {
                    wait.end();
                } finally {
                    readiness.lock().unlock();
                }
            }
            readiness.exit();
        }
    }

    /**
     * The ready subsets. A socket that closed while the select waited is reported once (observed Windows): in the
     * read set if it was asked there, else the write set, else the except set.
     */
    private static SelectSets look(SelectSets sets) {
        List<WspSocket> read = new ArrayList<>();
        List<WspSocket> write = new ArrayList<>();
        List<WspSocket> except = new ArrayList<>();
        for (WspSocket s : sets.read()) {
            if (((LoopbackSocket) s).readyToRead()) {
                read.add(s);
            }
        }
        for (WspSocket s : sets.write()) {
            LoopbackSocket ls = (LoopbackSocket) s;
            if (ls.readyToWrite() || ls.isClosing() && !sets.read().contains(s)) {
                write.add(s);
            }
        }
        for (WspSocket s : sets.except()) {
            LoopbackSocket ls = (LoopbackSocket) s;
            if (ls.readyExcept() || ls.isClosing() && !sets.read().contains(s) && !sets.write().contains(s)) {
                except.add(s);
            }
        }
        return new SelectSets(read, write, except);
    }

    @Override
    public WspResult<Void> cancelBlockingCall(Thread thread) {
        return stack.blockingCalls().cancel(thread) ? WspResult.ok() : WspResult.fail(WsaError.WSAEINVAL);
    }

    @Override
    public WspResult<SockAddr> stringToAddress(String text, int addressFamily, ProtocolInfo info) {
        if (text == null) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        try {
            InetSockAddr a = text.contains(":") ? InetSockAddr.parse(text) : InetSockAddr.parse(text + ":0");
            int af = addressFamily == AddressFamily.AF_UNSPEC || addressFamily == FROM_PROTOCOL_INFO
                    ? a.addressFamily() : addressFamily;
            if (a.addressFamily() != af) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            return WspResult.ok(a);
        } catch (IllegalArgumentException e) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
    }

    @Override
    public WspResult<String> addressToString(SockAddr address, ProtocolInfo info) {
        if (address == null) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        if (!(address instanceof InetSockAddr)) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        return WspResult.ok(address.toString());
    }

    @Override
    public boolean inTimeWait(SockAddr local, SockAddr peer) {
        return stack.timeWait().contains(local, peer, stack.clock().nanoTime());
    }

    /** How many connections sit in TIME_WAIT now. */
    public int timeWaitCount() {
        return stack.timeWait().size(stack.clock().nanoTime());
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    @Override
    public String toString() {
        return "loopback provider (" + stack.providerName() + ")";
    }
}
