package io.jwsp.runtime.facade;

import io.jwsp.runtime.Winsock;
import io.jwsp.runtime.catalog.impl.CatalogEntry;
import io.jwsp.runtime.catalog.impl.ProtocolCatalog;
import io.jwsp.runtime.catalog.impl.ResolvedChain;
import io.jwsp.runtime.dispatch.ChainInstances;
import io.jwsp.runtime.event.CompletionSignal;
import io.jwsp.runtime.event.EventWaits;
import io.jwsp.runtime.event.RuntimeEvent;
import io.jwsp.runtime.event.ThreadState;
import io.jwsp.runtime.event.ThreadStates;
import io.jwsp.runtime.handle.HandleTable;
import io.jwsp.runtime.handle.OpenSocket;
import io.jwsp.runtime.provider.ProviderSlot;
import io.jwsp.spi.StartupReply;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.AcceptCondition;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.io.CompletionPacket;
import io.jwsp.spi.io.CompletionPort;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.Received;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.option.IoControl;
import io.jwsp.spi.option.OptionCodec;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.TimeSource;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Winsock-style API of one runtime. Every call checks, in this order: the startup count
 * (WSANOTINITIALISED), the handle (WSAENOTSOCK), a blocking call from a completion routine that interrupted one
 * (WSAEINPROGRESS), the caller's arguments (WSAEFAULT, ...); then it dispatches to the socket's provider and
 * records the outcome as the thread's last error. A provider that throws is logged and answers
 * WSASYSCALLFAILURE: the facade never throws for a socket error.
 */
public final class WinsockFacade implements Winsock {
    private static final Logger LOG = LoggerFactory.getLogger(WinsockFacade.class);
    private static final int FROM_PROTOCOL_INFO = -1;

    private final RuntimeLifecycle lifecycle;
    private final ProtocolCatalog catalog;
    private final ChainInstances chains;
    private final HandleTable handles;
    private final ThreadStates states;
    private final EventWaits waits;
    private final CompletionSignal completions;
    private final TimeSource clock;

    WinsockFacade(RuntimeLifecycle lifecycle, ProtocolCatalog catalog, ChainInstances chains, HandleTable handles,
                  ThreadStates states, EventWaits waits, CompletionSignal completions, TimeSource clock) {
        this.lifecycle = lifecycle;
        this.catalog = catalog;
        this.chains = chains;
        this.handles = handles;
        this.states = states;
        this.waits = waits;
        this.completions = completions;
        this.clock = clock;
    }

    // ---- outcome recording

    private static <T> WspResult<T> done(ThreadState st, WspResult<T> r) {
        if (r == null) {
            st.lastError(WsaError.WSASYSCALLFAILURE);
            return WspResult.fail(WsaError.WSASYSCALLFAILURE);
        }
        WsaError e = r.error();
        st.lastError(e == null && r.isPending() ? WsaError.WSA_IO_PENDING : e);
        return r;
    }

    /** One immutable failure per code: a failed call allocates nothing of its own. */
    private static final WspResult<?>[] FAILURES = java.util.Arrays.stream(WsaError.values())
            .map(WspResult::fail).toArray(WspResult<?>[]::new);

    @SuppressWarnings("unchecked")
    private static <T> WspResult<T> fail(ThreadState st, WsaError e) {
        st.lastError(e);
        return (WspResult<T>) FAILURES[e.ordinal()];
    }

    private static <T> WspResult<T> crashed(ThreadState st, OpenSocket o, RuntimeException e) {
        LOG.error("provider {} threw instead of answering a result", o == null ? "?" : o.providerName(), e);
        return fail(st, WsaError.WSASYSCALLFAILURE);
    }

    /** The socket a live handle names, or {@code null}. */
    private OpenSocket open(long s) {
        HandleTable.Entry e = handles.lookup(s);
        return e == null ? null : e.socket();
    }

    // ---- startup and catalog

    @Override
    public WspResult<StartupReply> startup(WsaVersion requested) {
        return done(states.current(), lifecycle.startup(requested));
    }

    @Override
    public WspResult<Void> cleanup() {
        ThreadState st = states.current();
        if (st.inInterruptingRoutine()) {
            return fail(st, WsaError.WSAEINPROGRESS);
        }
        return done(st, lifecycle.cleanup());
    }

    @Override
    public WspResult<List<ProtocolInfo>> enumProtocols() {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        return done(st, WspResult.ok(catalog.visibleEntries()));
    }

    @Override
    public WsaError lastError() {
        return states.current().lastError();
    }

    @Override
    public void setLastError(WsaError error) {
        states.current().lastError(error);
    }

    // ---- socket lifetime

    @Override
    public WspResult<Long> socket(int addressFamily, int socketType, int protocol) {
        return socket(addressFamily, socketType, protocol, null, WspProvider.WSA_FLAG_OVERLAPPED);
    }

    @Override
    public WspResult<Long> socket(int addressFamily, int socketType, int protocol, ProtocolInfo info, int flags) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        CatalogEntry entry;
        if (info == null) {
            WspResult<CatalogEntry> chosen = catalog.select(addressFamily, socketType, protocol);
            if (!chosen.isOk()) {
                return done(st, chosen.retype());
            }
            entry = chosen.value();
        } else {
            entry = catalog.lookup(info.catalogEntryId());
            if (entry == null || entry.isLayer()) {
                return fail(st, WsaError.WSAEINVAL);
            }
        }
        ProtocolInfo chosenInfo = entry.info();
        int af = addressFamily == FROM_PROTOCOL_INFO ? chosenInfo.addressFamily() : addressFamily;
        int type = socketType == FROM_PROTOCOL_INFO ? chosenInfo.socketType() : socketType;
        int proto = protocol == FROM_PROTOCOL_INFO ? chosenInfo.protocol() : protocol;
        ProviderSlot base;
        if (entry.isBase()) {
            base = entry.base();
        } else {
            WspResult<ResolvedChain> chain = catalog.resolve(entry);
            if (!chain.isOk()) {
                return done(st, chain.retype());
            }
            base = chain.value().base().base();
        }
        WspResult<WspProvider> provider = chains.providerFor(entry);
        if (!provider.isOk()) {
            return done(st, provider.retype());
        }
        WspProvider p = provider.value();
        WspResult<WspSocket> made;
        try {
            made = p.socket(chosenInfo, af, type, proto, flags);
        } catch (RuntimeException e) {
            LOG.error("provider {} threw in socket()", base.name(), e);
            return fail(st, WsaError.WSASYSCALLFAILURE);
        }
        if (made == null || (made.isOk() && made.value() == null)) {
            return fail(st, WsaError.WSASYSCALLFAILURE);
        }
        if (!made.isOk()) {
            return done(st, made.retype());
        }
        long h = handles.register(new OpenSocket(made.value(), p, base.name(), base.rawOptions()));
        return done(st, WspResult.ok(h));
    }

    @Override
    public WspResult<Void> closeSocket(long s) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        OpenSocket o = open(s);
        if (o == null) {
            return fail(st, WsaError.WSAENOTSOCK);
        }
        if (st.inInterruptingRoutine()) {
            return fail(st, WsaError.WSAEINPROGRESS);
        }
        WspProvider prev = st.enterBlocking(o.dispatcher());
        try {
            return done(st, handles.close(s, WspSocket::closeSocket));
        } catch (RuntimeException e) {
            return crashed(st, o, e);
        } finally {
            st.leaveBlocking(prev);
        }
    }

    @Override
    public WspResult<Long> duplicateSocket(long s) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        return done(st, handles.duplicate(s));
    }

    @Override
    public WspResult<Void> shutdown(long s, int how) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        OpenSocket o = open(s);
        if (o == null) {
            return fail(st, WsaError.WSAENOTSOCK);
        }
        try {
            return done(st, o.socket().shutdown(how));
        } catch (RuntimeException e) {
            return crashed(st, o, e);
        }
    }

    // ---- naming and connection

    @Override
    public WspResult<Void> bind(long s, SockAddr name) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        OpenSocket o = open(s);
        if (o == null) {
            return fail(st, WsaError.WSAENOTSOCK);
        }
        if (name == null) {
            return fail(st, WsaError.WSAEFAULT);
        }
        try {
            return done(st, o.socket().bind(name));
        } catch (RuntimeException e) {
            return crashed(st, o, e);
        }
    }

    @Override
    public WspResult<Void> listen(long s, int backlog) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        OpenSocket o = open(s);
        if (o == null) {
            return fail(st, WsaError.WSAENOTSOCK);
        }
        try {
            return done(st, o.socket().listen(backlog));
        } catch (RuntimeException e) {
            return crashed(st, o, e);
        }
    }

    @Override
    public WspResult<Long> accept(long s) {
        return accept(s, null);
    }

    @Override
    public WspResult<Long> accept(long s, AcceptCondition condition) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        OpenSocket o = open(s);
        if (o == null) {
            return fail(st, WsaError.WSAENOTSOCK);
        }
        if (st.inInterruptingRoutine()) {
            return fail(st, WsaError.WSAEINPROGRESS);
        }
        WspProvider prev = st.enterBlocking(o.dispatcher());
        WspResult<Accepted> r;
        try {
            r = o.socket().accept(condition);
        } catch (RuntimeException e) {
            return crashed(st, o, e);
        } finally {
            st.leaveBlocking(prev);
        }
        if (r == null || (r.isOk() && (r.value() == null || r.value().socket() == null))) {
            return fail(st, WsaError.WSASYSCALLFAILURE);
        }
        if (!r.isOk()) {
            return done(st, r.retype());
        }
        return done(st, WspResult.ok(handles.register(o.accepted(r.value().socket()))));
    }

    @Override
    public WspResult<Void> connect(long s, SockAddr name) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        OpenSocket o = open(s);
        if (o == null) {
            return fail(st, WsaError.WSAENOTSOCK);
        }
        if (st.inInterruptingRoutine()) {
            return fail(st, WsaError.WSAEINPROGRESS);
        }
        if (name == null) {
            return fail(st, WsaError.WSAEFAULT);
        }
        WspProvider prev = st.enterBlocking(o.dispatcher());
        try {
            return done(st, o.socket().connect(name));
        } catch (RuntimeException e) {
            return crashed(st, o, e);
        } finally {
            st.leaveBlocking(prev);
        }
    }

    @Override
    public WspResult<SockAddr> getSockName(long s) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        OpenSocket o = open(s);
        if (o == null) {
            return fail(st, WsaError.WSAENOTSOCK);
        }
        try {
            return done(st, o.socket().getSockName());
        } catch (RuntimeException e) {
            return crashed(st, o, e);
        }
    }

    @Override
    public WspResult<SockAddr> getPeerName(long s) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        OpenSocket o = open(s);
        if (o == null) {
            return fail(st, WsaError.WSAENOTSOCK);
        }
        try {
            return done(st, o.socket().getPeerName());
        } catch (RuntimeException e) {
            return crashed(st, o, e);
        }
    }

    // ---- data

    @Override
    public WspResult<Integer> send(long s, ByteBuffer buffer, int flags) {
        return wsaSend(s, buffer == null ? null : new ByteBuffer[] {buffer}, flags, null);
    }

    @Override
    public WspResult<Integer> recv(long s, ByteBuffer buffer, int flags) {
        return wsaRecv(s, buffer == null ? null : new ByteBuffer[] {buffer}, flags, null);
    }

    @Override
    public WspResult<Integer> sendTo(long s, ByteBuffer buffer, int flags, SockAddr to) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        OpenSocket o = open(s);
        if (o == null) {
            return fail(st, WsaError.WSAENOTSOCK);
        }
        if (st.inInterruptingRoutine()) {
            return fail(st, WsaError.WSAEINPROGRESS);
        }
        if (buffer == null) {
            return fail(st, WsaError.WSAEFAULT);
        }
        WspProvider prev = st.enterBlocking(o.dispatcher());
        try {
            return done(st, o.socket().sendTo(new ByteBuffer[] {buffer}, flags, to, null));
        } catch (RuntimeException e) {
            return crashed(st, o, e);
        } finally {
            st.leaveBlocking(prev);
        }
    }

    @Override
    public WspResult<Received> recvFrom(long s, ByteBuffer buffer, int flags) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        OpenSocket o = open(s);
        if (o == null) {
            return fail(st, WsaError.WSAENOTSOCK);
        }
        if (st.inInterruptingRoutine()) {
            return fail(st, WsaError.WSAEINPROGRESS);
        }
        if (buffer == null || buffer.isReadOnly()) {
            return fail(st, WsaError.WSAEFAULT); // a receive needs memory it may write, as lpBuffers does
        }
        WspProvider prev = st.enterBlocking(o.dispatcher());
        try {
            return done(st, o.socket().recvFrom(new ByteBuffer[] {buffer}, flags, null));
        } catch (RuntimeException e) {
            return crashed(st, o, e);
        } finally {
            st.leaveBlocking(prev);
        }
    }

    @Override
    public WspResult<Integer> wsaSend(long s, ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        return transfer(s, buffers, flags, overlapped, true);
    }

    @Override
    public WspResult<Integer> wsaRecv(long s, ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        return transfer(s, buffers, flags, overlapped, false);
    }

    private WspResult<Integer> transfer(long s, ByteBuffer[] buffers, int flags, Overlapped overlapped,
                                        boolean sending) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        OpenSocket o = open(s);
        if (o == null) {
            return fail(st, WsaError.WSAENOTSOCK);
        }
        if (overlapped == null && st.inInterruptingRoutine()) {
            return fail(st, WsaError.WSAEINPROGRESS);
        }
        if (buffers == null) {
            return fail(st, WsaError.WSAEFAULT);
        }
        for (ByteBuffer b : buffers) {
            if (b == null || !sending && b.isReadOnly()) {
                return fail(st, WsaError.WSAEFAULT); // a receive needs memory it may write, as lpBuffers does
            }
        }
        WspSocket ws = o.socket();
        if (overlapped != null) {
            return overlapped(st, o, buffers, flags, overlapped, sending);
        }
        WspProvider prev = st.enterBlocking(o.dispatcher());
        try {
            return done(st, sending ? ws.send(buffers, flags, null) : ws.recv(buffers, flags, null));
        } catch (RuntimeException e) {
            return crashed(st, o, e);
        } finally {
            st.leaveBlocking(prev);
        }
    }

    /**
     * An overlapped send or receive. The runtime marks the record in use by the calling thread (the issuer its
     * completion routine runs on; providers must not call {@link Overlapped#begin} themselves). When the provider
     * fails the call at once, no operation was started: the record is released without a completion action.
     */
    private WspResult<Integer> overlapped(ThreadState st, OpenSocket o, ByteBuffer[] buffers, int flags,
                                          Overlapped ov, boolean sending) {
        if (!ov.begin(Thread.currentThread())) {
            return fail(st, WsaError.WSAEINVAL);
        }
        WspResult<Integer> r;
        try {
            r = sending ? o.socket().send(buffers, flags, ov) : o.socket().recv(buffers, flags, ov);
        } catch (RuntimeException e) {
            ov.finish(WsaError.WSASYSCALLFAILURE, 0, 0, null);
            return crashed(st, o, e);
        }
        if (r == null || r.isFailed()) {
            ov.finish(r == null ? WsaError.WSASYSCALLFAILURE : r.error(), 0, 0, null);
        }
        return done(st, r);
    }

    @Override
    public WspResult<Integer> getOverlappedResult(long s, Overlapped overlapped, boolean wait) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        OpenSocket o = open(s);
        if (o == null) {
            return fail(st, WsaError.WSAENOTSOCK);
        }
        if (overlapped == null) {
            return fail(st, WsaError.WSAEFAULT);
        }
        if (overlapped.isPending()) {
            if (!wait) {
                return fail(st, WsaError.WSA_IO_INCOMPLETE);
            }
            try {
                completions.awaitDone(overlapped, clock);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail(st, WsaError.WSAEINTR);
            }
        }
        if (!overlapped.isDone()) {
            return fail(st, WsaError.WSAEINVAL);
        }
        WsaError err = overlapped.error();
        return err != null ? fail(st, err) : done(st, WspResult.ok(overlapped.bytesTransferred()));
    }

    // ---- options and control

    @Override
    public <T> WspResult<Void> setSockOpt(long s, SockOpt<T> option, T value) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        OpenSocket o = open(s);
        if (o == null) {
            return fail(st, WsaError.WSAENOTSOCK);
        }
        if (option == null || value == null) {
            return fail(st, WsaError.WSAEFAULT);
        }
        try {
            return done(st, o.socket().setSockOpt(option, value));
        } catch (RuntimeException e) {
            return crashed(st, o, e);
        }
    }

    @Override
    public <T> WspResult<T> getSockOpt(long s, SockOpt<T> option) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        OpenSocket o = open(s);
        if (o == null) {
            return fail(st, WsaError.WSAENOTSOCK);
        }
        if (option == null) {
            return fail(st, WsaError.WSAEFAULT);
        }
        try {
            return done(st, o.socket().getSockOpt(option));
        } catch (RuntimeException e) {
            return crashed(st, o, e);
        }
    }

    @Override
    public WspResult<Void> setSockOpt(long s, int level, int optname, byte[] optval, int optlen) {
        return raw(s, level, optname, optval, optlen, (ws, option) -> rawSet(ws, option, optval, optlen));
    }

    private static <T> WspResult<Void> rawSet(WspSocket ws, SockOpt<T> option, byte[] optval, int optlen) {
        T value = option.codec().decode(optval, optlen);
        return ws.setSockOpt(option, value);
    }

    @Override
    public WspResult<Integer> getSockOpt(long s, int level, int optname, byte[] optval, int optlen) {
        return raw(s, level, optname, optval, optlen, (ws, option) -> rawGet(ws, option, optval, optlen));
    }

    /**
     * The checks raw setsockopt and getsockopt share, in Winsock's order: started, a socket, a known option with a
     * byte form (else WSAENOPROTOOPT), an optval of at least the option's size (else WSAEFAULT).
     */
    private <R> WspResult<R> raw(long s, int level, int optname, byte[] optval, int optlen,
                                 java.util.function.BiFunction<WspSocket, SockOpt<?>, WspResult<R>> call) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        OpenSocket o = open(s);
        if (o == null) {
            return fail(st, WsaError.WSAENOTSOCK);
        }
        SockOpt<?> option = o.rawOption(level, optname);
        if (option == null || option.codec() == null) {
            return fail(st, WsaError.WSAENOPROTOOPT);
        }
        if (optval == null || optlen < option.codec().size() || optlen > optval.length) {
            return fail(st, WsaError.WSAEFAULT);
        }
        try {
            return done(st, call.apply(o.socket(), option));
        } catch (RuntimeException e) {
            return crashed(st, o, e);
        }
    }

    /** Encodes into the first {@code optlen} bytes only: a codec never writes past the length the caller gave. */
    private static <T> WspResult<Integer> rawGet(WspSocket ws, SockOpt<T> option, byte[] optval, int optlen) {
        WspResult<T> r = ws.getSockOpt(option);
        if (r == null) {
            return null;
        }
        if (!r.isOk()) {
            return r.retype();
        }
        if (r.value() == null) {
            return WspResult.fail(WsaError.WSASYSCALLFAILURE);
        }
        OptionCodec<T> codec = option.codec();
        if (optlen == optval.length) {
            return WspResult.ok(codec.encode(r.value(), optval));
        }
        byte[] window = new byte[optlen];
        int written = codec.encode(r.value(), window);
        System.arraycopy(window, 0, optval, 0, written);
        return WspResult.ok(written);
    }

    @Override
    public <I, O> WspResult<O> ioctl(long s, IoControl<I, O> code, I input) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        OpenSocket o = open(s);
        if (o == null) {
            return fail(st, WsaError.WSAENOTSOCK);
        }
        if (code == null) {
            return fail(st, WsaError.WSAEINVAL);
        }
        if (input == null && code.inputType() != Void.class) {
            return fail(st, WsaError.WSAEFAULT);
        }
        try {
            return done(st, o.socket().ioctl(code, input, null));
        } catch (RuntimeException e) {
            return crashed(st, o, e);
        }
    }

    // ---- readiness and events

    @Override
    public WspResult<Ready> select(Set<Long> read, Set<Long> write, Set<Long> except, Duration timeout) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        Set<Long> r = read == null ? Set.of() : read;
        Set<Long> w = write == null ? Set.of() : write;
        Set<Long> x = except == null ? Set.of() : except;
        WspProvider provider = null;
        for (Collection<Long> set : List.of(r, w, x)) {
            for (Long h : set) {
                OpenSocket o = h == null ? null : open(h);
                if (o == null) {
                    return fail(st, WsaError.WSAENOTSOCK);
                }
                if (provider == null) {
                    provider = o.dispatcher();
                } else if (provider != o.dispatcher()) {
                    return fail(st, WsaError.WSAEINVAL);
                }
            }
        }
        if (provider == null) {
            return fail(st, WsaError.WSAEINVAL);
        }
        if (st.inInterruptingRoutine()) {
            return fail(st, WsaError.WSAEINPROGRESS);
        }
        long nanos;
        if (timeout == null) {
            nanos = -1;
        } else if (timeout.isNegative()) {
            return fail(st, WsaError.WSAEINVAL);
        } else {
            try {
                nanos = timeout.toNanos();
            } catch (ArithmeticException e) {
                nanos = -1;
            }
        }
        Map<WspSocket, List<Long>> rh = bySocket(r);
        Map<WspSocket, List<Long>> wh = bySocket(w);
        Map<WspSocket, List<Long>> xh = bySocket(x);
        SelectSets asked = new SelectSets(new ArrayList<>(rh.keySet()), new ArrayList<>(wh.keySet()),
                new ArrayList<>(xh.keySet()));
        WspProvider prev = st.enterBlocking(provider);
        WspResult<SelectSets> answer;
        try {
            answer = provider.select(asked, nanos);
        } catch (RuntimeException e) {
            return crashed(st, null, e);
        } finally {
            st.leaveBlocking(prev);
        }
        if (answer == null || (answer.isOk() && answer.value() == null)) {
            return fail(st, WsaError.WSASYSCALLFAILURE);
        }
        if (!answer.isOk()) {
            return done(st, answer.retype());
        }
        SelectSets ready = answer.value();
        return done(st, WspResult.ok(new Ready(handlesOf(ready.read(), rh), handlesOf(ready.write(), wh),
                handlesOf(ready.except(), xh))));
    }

    private Map<WspSocket, List<Long>> bySocket(Set<Long> hs) {
        Map<WspSocket, List<Long>> out = new IdentityHashMap<>();
        for (Long h : hs) {
            out.computeIfAbsent(open(h).socket(), k -> new ArrayList<>()).add(h);
        }
        return out;
    }

    private static Set<Long> handlesOf(List<WspSocket> ready, Map<WspSocket, List<Long>> asked) {
        Set<Long> out = new LinkedHashSet<>();
        for (WspSocket ws : ready) {
            List<Long> hs = asked.get(ws);
            if (hs != null) {
                out.addAll(hs);
            }
        }
        return Set.copyOf(out);
    }

    @Override
    public WspEvent createEvent() {
        return waits.createEvent();
    }

    @Override
    public WspResult<Void> eventSelect(long s, WspEvent event, int networkEvents) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        OpenSocket o = open(s);
        if (o == null) {
            return fail(st, WsaError.WSAENOTSOCK);
        }
        if ((networkEvents != 0 && event == null) || (event != null && !(event instanceof RuntimeEvent))) {
            return fail(st, WsaError.WSAEINVAL);
        }
        try {
            return done(st, o.socket().eventSelect(event, networkEvents));
        } catch (RuntimeException e) {
            return crashed(st, o, e);
        }
    }

    @Override
    public WspResult<NetworkEvents> enumNetworkEvents(long s, WspEvent eventToReset) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        OpenSocket o = open(s);
        if (o == null) {
            return fail(st, WsaError.WSAENOTSOCK);
        }
        try {
            return done(st, o.socket().enumNetworkEvents(eventToReset));
        } catch (RuntimeException e) {
            return crashed(st, o, e);
        }
    }

    @Override
    public WspResult<Integer> waitForMultipleEvents(List<WspEvent> events, boolean waitAll, Duration timeout,
                                                    boolean alertable) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        if (st.inInterruptingRoutine()) {
            return fail(st, WsaError.WSAEINPROGRESS);
        }
        return done(st, waits.waitForMultipleEvents(events, waitAll, timeout, alertable));
    }

    @Override
    public WspResult<Integer> sleep(Duration duration, boolean alertable) {
        ThreadState st = states.current();
        if (st.inInterruptingRoutine()) {
            return fail(st, WsaError.WSAEINPROGRESS);
        }
        return done(st, waits.sleep(duration, alertable));
    }

    @Override
    public CompletionPort createCompletionPort() {
        return waits.createPort();
    }

    @Override
    public WspResult<CompletionPacket> getQueuedCompletionStatus(CompletionPort port, Duration timeout) {
        ThreadState st = states.current();
        if (st.inInterruptingRoutine()) {
            return fail(st, WsaError.WSAEINPROGRESS);
        }
        return done(st, waits.getQueuedCompletionStatus(port, timeout));
    }

    @Override
    public WspResult<Void> cancelBlockingCall() {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        WspProvider p = st.blockingProvider();
        if (!st.inInterruptingRoutine() || p == null) {
            return fail(st, WsaError.WSAEINVAL);
        }
        try {
            return done(st, p.cancelBlockingCall(Thread.currentThread()));
        } catch (RuntimeException e) {
            return crashed(st, null, e);
        }
    }
}
