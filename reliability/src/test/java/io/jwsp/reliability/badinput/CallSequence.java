package io.jwsp.reliability.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jwsp.provider.atm.addr.AtmAddress;
import io.jwsp.provider.atm.addr.AtmSockAddr;
import io.jwsp.provider.atm.sw.AtmSwitch;
import io.jwsp.provider.irda.IrdaSockAddr;
import io.jwsp.reliability.fixture.Bounded;
import io.jwsp.reliability.fixture.Medium;
import io.jwsp.reliability.fixture.RuntimeUnderTest;
import io.jwsp.runtime.Winsock;
import io.jwsp.runtime.handle.OpenSocket;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Runs a list of {@link Step}s against one runtime and checks every answer: a result (never an exception, never
 * null, never pending without an overlapped record), never WSASYSCALLFAILURE (the facade's word for "the provider
 * threw"), WSAENOTSOCK exactly when the handle is not live, and otherwise an error from the call's allowed set, with
 * the exact code where the contract fixes one (null buffer or address WSAEFAULT, unknown option WSAENOPROTOOPT,
 * invalid shutdown how WSAEINVAL). It keeps its own model of which handles are live.
 */
final class CallSequence {
    private static final Duration STEP_BOUND = Duration.ofSeconds(10);
    private static final Set<WsaError> CONNECTION_ERRORS = EnumSet.of(WsaError.WSAENOTCONN, WsaError.WSAESHUTDOWN,
            WsaError.WSAECONNRESET, WsaError.WSAECONNABORTED, WsaError.WSAEDISCON, WsaError.WSAENETRESET,
            WsaError.WSAEWOULDBLOCK, WsaError.WSAEINVAL, WsaError.WSAEOPNOTSUPP, WsaError.WSAEMSGSIZE,
            WsaError.WSAENOBUFS, WsaError.WSAEFAULT, WsaError.WSAETIMEDOUT);
    private static final Set<WsaError> NAMING_ERRORS = EnumSet.of(WsaError.WSAEINVAL, WsaError.WSAEADDRINUSE,
            WsaError.WSAEADDRNOTAVAIL, WsaError.WSAEAFNOSUPPORT, WsaError.WSAEISCONN, WsaError.WSAEACCES,
            WsaError.WSAEFAULT, WsaError.WSAEOPNOTSUPP);
    private static final Set<WsaError> CONNECT_ERRORS = EnumSet.of(WsaError.WSAEWOULDBLOCK, WsaError.WSAEALREADY,
            WsaError.WSAEISCONN, WsaError.WSAEINVAL, WsaError.WSAECONNREFUSED, WsaError.WSAEADDRNOTAVAIL,
            WsaError.WSAEAFNOSUPPORT, WsaError.WSAEFAULT, WsaError.WSAENETUNREACH, WsaError.WSAEHOSTUNREACH,
            WsaError.WSAETIMEDOUT, WsaError.WSAEADDRINUSE, WsaError.WSAEOPNOTSUPP, WsaError.WSAECONNRESET,
            WsaError.WSAECONNABORTED, WsaError.WSAEDISCON, WsaError.WSAEACCES);
    private static final Set<WsaError> OPTION_ERRORS = EnumSet.of(WsaError.WSAENOPROTOOPT, WsaError.WSAEINVAL,
            WsaError.WSAEFAULT, WsaError.WSAEOPNOTSUPP, WsaError.WSAENOTCONN);

    private final RuntimeUnderTest rt;
    private final Winsock ws;
    private final Medium medium;
    private final List<Long> issued = new ArrayList<>();
    private final java.util.SequencedSet<Long> live = new LinkedHashSet<>();
    private final Map<Long, SockOpt<?>> knownOptions = new HashMap<>();
    private final List<String> log = new ArrayList<>();

    CallSequence(RuntimeUnderTest rt) {
        this.rt = rt;
        this.ws = rt.ws;
        this.medium = rt.medium;
        for (SockOpt<?> o : SocketOptions.STANDARD) {
            knownOptions.put(OpenSocket.optionKey(o.level(), o.name()), o);
        }
        for (SockOpt<?> o : medium.factory().socketOptions()) {
            knownOptions.put(OpenSocket.optionKey(o.level(), o.name()), o);
        }
    }

    /** What ran so far, one line per step with its answer, for a failure message. */
    String transcript() {
        return String.join("\n  ", log);
    }

    void run(List<Step> steps) {
        for (Step step : steps) {
            String answer = Bounded.start(step.toString(), () -> apply(step)).join(STEP_BOUND);
            log.add(step + " -> " + answer);
        }
    }

    /**
     * Cleanup as an application ends: SO_DONTLINGER on every live handle (so nothing waits on the unmoving clock),
     * then WSACleanup, which must close every socket still open; afterwards every handle is gone.
     */
    void cleanup() {
        for (long h : live) {
            check(Step.Socket.class, ws.setSockOpt(h, SocketOptions.SO_DONTLINGER, true), "SO_DONTLINGER on " + h,
                    EnumSet.noneOf(WsaError.class));
        }
        WspResult<Void> r = Bounded.start("WSACleanup", ws::cleanup).join(STEP_BOUND);
        if (!r.isOk()) {
            throw new AssertionError("WSACleanup answered " + r.error() + " after\n  " + transcript());
        }
        assertEquals(0, rt.runtime.openHandles(), () -> "handles open after the last WSACleanup; calls were\n  "
                + transcript());
        for (long h : issued) {
            assertEquals(WsaError.WSANOTINITIALISED, ws.closeSocket(h).error(), "close after the last cleanup");
        }
        live.clear();
    }

    private long resolve(Step.HandleRef ref) {
        return switch (ref) {
            case Step.HandleRef.Issued(int index) -> issued.isEmpty() ? Winsock.INVALID_SOCKET
                    : issued.get(index % issued.size());
            case Step.HandleRef.Invented(long value) -> value;
        };
    }

    private SockAddr address(Step.Address a, long self) {
        return switch (a) {
            case NULL -> null;
            case LISTEN_ADDRESS -> medium.listenAddress();
            case NAME_OF_ANOTHER_SOCKET -> {
                for (long h : live.reversed()) {
                    if (h != self) {
                        WspResult<SockAddr> n = ws.getSockName(h);
                        if (n.isOk()) {
                            yield n.value();
                        }
                    }
                }
                yield medium.listenAddress();
            }
            case FOREIGN_FAMILY -> medium == Medium.IRDA || medium == Medium.ATM ? InetSockAddr.loopback4(9)
                    : IrdaSockAddr.local("Foreign");
            case NOBODY_THERE -> switch (medium) {
                case LOOPBACK, TCP -> InetSockAddr.loopback4(1);
                case IRDA -> IrdaSockAddr.local("Nobody");
                case ATM -> AtmSockAddr.of(AtmAddress.aesa(AtmSwitch.defaultPrefix(1), AtmSwitch.esi(2), 77));
            };
        };
    }

    private static ByteBuffer buffer(Step.Buffer b) {
        return switch (b) {
            case NULL -> null;
            case EMPTY -> ByteBuffer.allocate(0);
            case SMALL -> ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
            case LARGE -> ByteBuffer.allocate(64 * 1024);
            case READ_ONLY -> ByteBuffer.wrap(new byte[32]).asReadOnlyBuffer();
            case DIRECT -> ByteBuffer.allocateDirect(64);
        };
    }

    private String apply(Step step) {
        return switch (step) {
            case Step.Socket() -> {
                WspResult<Long> r = ws.socket(medium.streamEntry().addressFamily(), medium.streamEntry().socketType(),
                        medium.streamEntry().protocol(), null, 0);
                check(step, r, "socket", EnumSet.of(WsaError.WSAEMFILE, WsaError.WSAENOBUFS));
                if (r.isOk()) {
                    issued.add(r.value());
                    live.add(r.value());
                    check(step, ws.ioctl(r.value(), IoControls.FIONBIO, true), "FIONBIO", EnumSet.noneOf(WsaError.class));
                }
                yield describe(r);
            }
            case Step.ConnectedPair() -> {
                long l = rt.listener(4);
                long[] pair = rt.connect(l);
                for (long h : new long[] {l, pair[0], pair[1]}) {
                    issued.add(h);
                    live.add(h);
                    check(step, ws.ioctl(h, IoControls.FIONBIO, true), "FIONBIO", EnumSet.noneOf(WsaError.class));
                }
                yield "listener " + Long.toHexString(l) + ", pair " + Long.toHexString(pair[0]) + "/"
                        + Long.toHexString(pair[1]);
            }
            case Step.Close(Step.HandleRef ref) -> {
                long s = resolve(ref);
                WspResult<Void> r = onHandle(step, s, () -> ws.closeSocket(s), EnumSet.of(WsaError.WSAEWOULDBLOCK));
                if (r.isOk()) {
                    live.remove(s);
                }
                yield describe(r);
            }
            case Step.Duplicate(Step.HandleRef ref) -> {
                long s = resolve(ref);
                WspResult<Long> r = onHandle(step, s, () -> ws.duplicateSocket(s), EnumSet.noneOf(WsaError.class));
                if (r.isOk()) {
                    issued.add(r.value());
                    live.add(r.value());
                }
                yield describe(r);
            }
            case Step.Bind(Step.HandleRef ref, Step.Address a) -> {
                long s = resolve(ref);
                SockAddr to = address(a, s);
                WspResult<Void> r = onHandle(step, s, () -> ws.bind(s, to), NAMING_ERRORS);
                exactWhenLive(s, r, to == null, WsaError.WSAEFAULT, "bind to null");
                yield describe(r);
            }
            case Step.Listen(Step.HandleRef ref, int backlog) -> {
                long s = resolve(ref);
                yield describe(onHandle(step, s, () -> ws.listen(s, backlog), EnumSet.of(WsaError.WSAEINVAL,
                        WsaError.WSAEISCONN, WsaError.WSAEOPNOTSUPP, WsaError.WSAEADDRINUSE, WsaError.WSAEMFILE,
                        WsaError.WSAENOBUFS)));
            }
            case Step.Accept(Step.HandleRef ref) -> {
                long s = resolve(ref);
                WspResult<Long> r = onHandle(step, s, () -> ws.accept(s), EnumSet.of(WsaError.WSAEWOULDBLOCK,
                        WsaError.WSAEINVAL, WsaError.WSAEOPNOTSUPP, WsaError.WSAECONNRESET, WsaError.WSAEMFILE,
                        WsaError.WSAENOBUFS, WsaError.WSAECONNABORTED));
                if (r.isOk()) {
                    issued.add(r.value());
                    live.add(r.value());
                }
                yield describe(r);
            }
            case Step.Connect(Step.HandleRef ref, Step.Address a) -> {
                long s = resolve(ref);
                SockAddr to = address(a, s);
                WspResult<Void> r = onHandle(step, s, () -> ws.connect(s, to), CONNECT_ERRORS);
                exactWhenLive(s, r, to == null, WsaError.WSAEFAULT, "connect to null");
                yield describe(r);
            }
            case Step.Send(Step.HandleRef ref, Step.Buffer b, int flags) -> {
                long s = resolve(ref);
                ByteBuffer buf = buffer(b);
                int before = buf == null ? 0 : buf.remaining();
                WspResult<Integer> r = onHandle(step, s, () -> ws.send(s, buf, flags), CONNECTION_ERRORS);
                exactWhenLive(s, r, buf == null, WsaError.WSAEFAULT, "send from a null buffer");
                if (r.isOk() && (r.value() < 0 || r.value() > before)) {
                    throw new AssertionError(step + ": send answered " + r.value() + " of " + before + " bytes");
                }
                yield describe(r);
            }
            case Step.Recv(Step.HandleRef ref, Step.Buffer b, int flags) -> {
                long s = resolve(ref);
                ByteBuffer buf = buffer(b);
                int room = buf == null ? 0 : buf.remaining();
                WspResult<Integer> r = onHandle(step, s, () -> ws.recv(s, buf, flags), CONNECTION_ERRORS);
                exactWhenLive(s, r, buf == null, WsaError.WSAEFAULT, "recv into a null buffer");
                if (r.isOk() && (r.value() < 0 || r.value() > room)) {
                    throw new AssertionError(step + ": recv answered " + r.value() + " bytes into room for " + room);
                }
                yield describe(r);
            }
            case Step.Shutdown(Step.HandleRef ref, int how) -> {
                long s = resolve(ref);
                WspResult<Void> r = onHandle(step, s, () -> ws.shutdown(s, how), EnumSet.of(WsaError.WSAEINVAL,
                        WsaError.WSAENOTCONN, WsaError.WSAEOPNOTSUPP, WsaError.WSAECONNRESET,
                        WsaError.WSAECONNABORTED, WsaError.WSAEDISCON));
                exactWhenLive(s, r, how < 0 || how > 2, WsaError.WSAEINVAL, "shutdown with how=" + how);
                yield describe(r);
            }
            case Step.SetOptRaw(Step.HandleRef ref, int level, int optname, Step.RawValue v, int optlen) -> {
                long s = resolve(ref);
                byte[] val = v.isNull() ? null : new byte[v.size()];
                WspResult<Void> r = onHandle(step, s, () -> ws.setSockOpt(s, level, optname, val, optlen),
                        OPTION_ERRORS);
                rawOptionRules(s, r, level, optname, val, optlen);
                yield describe(r);
            }
            case Step.GetOptRaw(Step.HandleRef ref, int level, int optname, Step.RawValue v, int optlen) -> {
                long s = resolve(ref);
                byte[] val = v.isNull() ? null : new byte[v.size()];
                WspResult<Integer> r = onHandle(step, s, () -> ws.getSockOpt(s, level, optname, val, optlen),
                        OPTION_ERRORS);
                rawOptionRules(s, r, level, optname, val, optlen);
                if (r.isOk() && (r.value() < 0 || r.value() > optlen)) {
                    throw new AssertionError(step + ": getsockopt wrote " + r.value() + " bytes, optlen " + optlen);
                }
                yield describe(r);
            }
            case Step.SetLinger(Step.HandleRef ref, boolean onOff, int seconds) -> {
                long s = resolve(ref);
                yield describe(onHandle(step, s, () -> ws.setSockOpt(s, SocketOptions.SO_LINGER,
                        new Linger(onOff, seconds)), EnumSet.of(WsaError.WSAEINVAL)));
            }
            case Step.GetSockName(Step.HandleRef ref) -> {
                long s = resolve(ref);
                yield describe(onHandle(step, s, () -> ws.getSockName(s), EnumSet.of(WsaError.WSAEINVAL)));
            }
            case Step.GetPeerName(Step.HandleRef ref) -> {
                long s = resolve(ref);
                yield describe(onHandle(step, s, () -> ws.getPeerName(s), EnumSet.of(WsaError.WSAENOTCONN,
                        WsaError.WSAEINVAL)));
            }
            case Step.BytesReadable(Step.HandleRef ref) -> {
                long s = resolve(ref);
                WspResult<Integer> r = onHandle(step, s, () -> ws.ioctl(s, IoControls.FIONREAD, null),
                        EnumSet.of(WsaError.WSAEINVAL, WsaError.WSAEOPNOTSUPP, WsaError.WSAENOTCONN));
                if (r.isOk() && (r.value() == null || r.value() < 0)) {
                    throw new AssertionError(step + ": FIONREAD answered " + r.value());
                }
                yield describe(r);
            }
        };
    }

    /** Runs a call on handle {@code s}: WSAENOTSOCK exactly when {@code s} is not live; else an allowed answer. */
    private <T> WspResult<T> onHandle(Step step, long s, Callable<WspResult<T>> call, Set<WsaError> allowed) {
        WspResult<T> r;
        try {
            r = call.call();
        } catch (Exception e) {
            throw new AssertionError(step + " threw " + e + " instead of answering a result", e);
        }
        if (!live.contains(s)) {
            if (r == null || !r.is(WsaError.WSAENOTSOCK)) {
                throw new AssertionError(step + " on handle " + Long.toHexString(s) + ", which is not live, should"
                        + " answer WSAENOTSOCK, answered " + describe(r));
            }
            return r;
        }
        check(step, r, step.getClass().getSimpleName(), allowed);
        return r;
    }

    private <T> void check(Object step, WspResult<T> r, String what, Set<WsaError> allowed) {
        if (r == null) {
            throw new AssertionError(step + ": " + what + " answered null");
        }
        if (r.isPending()) {
            throw new AssertionError(step + ": " + what + " answered pending without an overlapped record");
        }
        if (r.isFailed() && !allowed.contains(r.error())) {
            String why = r.error() == WsaError.WSASYSCALLFAILURE ? " (the provider threw; see the log)" : "";
            throw new AssertionError(step + ": " + what + " answered " + r.error() + why + ", not one of " + allowed);
        }
    }

    private void exactWhenLive(long s, WspResult<?> r, boolean condition, WsaError expected, String what) {
        if (condition && live.contains(s) && !r.is(expected)) {
            throw new AssertionError(what + " should answer " + expected + ", answered " + describe(r));
        }
    }

    private void rawOptionRules(long s, WspResult<?> r, int level, int optname, byte[] val, int optlen) {
        if (!live.contains(s)) {
            return;
        }
        SockOpt<?> known = knownOptions.get(OpenSocket.optionKey(level, optname));
        if (known == null || known.codec() == null) {
            if (!r.is(WsaError.WSAENOPROTOOPT)) {
                throw new AssertionError("raw option level=" + level + " optname=" + optname + " is unknown: should"
                        + " answer WSAENOPROTOOPT, answered " + describe(r));
            }
        } else if (val == null || optlen < known.codec().size() || optlen > val.length) {
            if (!r.is(WsaError.WSAEFAULT)) {
                throw new AssertionError("raw " + known + " with optval " + (val == null ? "null" : val.length
                        + " bytes") + " and optlen " + optlen + " should answer WSAEFAULT, answered " + describe(r));
            }
        }
    }

    private static String describe(WspResult<?> r) {
        if (r == null) {
            return "null";
        }
        if (r.isOk()) {
            Object v = r.value();
            return "ok" + (v == null ? "" : " " + (v instanceof Long l ? Long.toHexString(l) : v));
        }
        return r.isPending() ? "pending" : r.error().symbol();
    }
}
