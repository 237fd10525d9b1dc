package io.jwsp.runtime.facade;

import io.jwsp.runtime.Winsock;
import io.jwsp.runtime.catalog.impl.CatalogEntry;
import io.jwsp.runtime.catalog.impl.ProtocolCatalog;
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
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Winsock-style API of one runtime. Every call on a socket takes one path ({@link #onSocket}): the startup count
 * (WSANOTINITIALISED), the handle, looked up once (WSAENOTSOCK), a blocking call from a completion routine that
 * interrupted one (WSAEINPROGRESS), the caller's arguments (WSAEFAULT, ...); then the provider, whose answer becomes
 * the thread's last error. Whatever a provider throws is logged and answers WSASYSCALLFAILURE, as does a provider
 * that answers nothing: the facade never throws for a socket error.
 */
public final class WinsockFacade implements Winsock {
    private static final Logger LOG = LoggerFactory.getLogger(WinsockFacade.class);
    private static final int FROM_PROTOCOL_INFO = -1;
    /** One immutable failure per code: a refused call allocates no result of its own. */
    private static final WspResult<?>[] FAILURES = Arrays.stream(WsaError.values()).map(WspResult::fail)
            .toArray(WspResult<?>[]::new);

    /** Whether a call is a blocking one: refused inside an interrupting routine, cancellable while in the provider. */
    private enum Mode { QUICK, BLOCKING }

    /** The part of a call that runs once its handle is resolved and its arguments are checked. */
    @FunctionalInterface
    private interface SocketCall<T> {
        WspResult<T> on(OpenSocket socket);
    }

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

    // ---- the one call path

    /**
     * A call on socket {@code s}, in Winsock's order. {@code refusal}, the caller's own check of its arguments
     * ({@code null}: none failed), is answered only after the handle passed: a bad handle is always WSAENOTSOCK.
     */
    private <T> WspResult<T> onSocket(long s, Mode mode, WsaError refusal, SocketCall<T> call) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        HandleTable.Entry entry = handles.lookup(s);
        if (entry == null) {
            return fail(st, WsaError.WSAENOTSOCK);
        }
        if (mode == Mode.BLOCKING && st.inInterruptingRoutine()) {
            return fail(st, WsaError.WSAEINPROGRESS);
        }
        if (refusal != null) {
            return fail(st, refusal);
        }
        OpenSocket o = entry.socket();
        return dispatch(st, o.providerName(), mode == Mode.BLOCKING ? o.dispatcher() : null, () -> call.on(o));
    }

    /**
     * Runs {@code call} (marked as the thread's blocking call on {@code blockingOn}, unless {@code null}) and
     * records its answer as the thread's last error. A throw or a {@code null} answer is the provider's crash.
     */
    private static <T> WspResult<T> dispatch(ThreadState st, String provider, WspProvider blockingOn,
                                             Supplier<WspResult<T>> call) {
        WspProvider outer = blockingOn == null ? null : st.enterBlocking(blockingOn);
        try {
            WspResult<T> r = call.get();
            if (r == null) {
                LOG.error("provider {} answered no result", provider);
                return fail(st, WsaError.WSASYSCALLFAILURE);
            }
            st.lastError(r.isPending() ? WsaError.WSA_IO_PENDING : r.error());
            return r;
        } catch (Throwable e) { // any throw, checked ones sneaked out included: the facade never throws
            LOG.error("provider {} threw instead of answering a result", provider, e);
            return fail(st, WsaError.WSASYSCALLFAILURE);
        } finally {
            if (blockingOn != null) {
                st.leaveBlocking(outer);
            }
        }
    }

    private static <T> WspResult<T> fail(ThreadState st, WsaError e) {
        st.lastError(e);
        return refused(e);
    }

    @SuppressWarnings("unchecked")
    private static <T> WspResult<T> refused(WsaError e) {
        return (WspResult<T>) FAILURES[e.ordinal()];
    }

    /** A provider's success that carries nothing where the contract requires a value (a socket, the ready sets). */
    private static <T> WspResult<T> empty(String provider, String call) {
        LOG.error("provider {} answered {} without a value", provider, call);
        return refused(WsaError.WSASYSCALLFAILURE);
    }

    // ---- startup and catalog

    @Override
    public WspResult<StartupReply> startup(WsaVersion requested) {
        return dispatch(states.current(), "runtime", null, () -> lifecycle.startup(requested));
    }

    @Override
    public WspResult<Void> cleanup() {
        ThreadState st = states.current();
        if (st.inInterruptingRoutine()) {
            return fail(st, WsaError.WSAEINPROGRESS);
        }
        return dispatch(st, "runtime", null, lifecycle::cleanup);
    }

    @Override
    public WspResult<List<ProtocolInfo>> enumProtocols() {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        return dispatch(st, "runtime", null, () -> WspResult.ok(catalog.visibleEntries()));
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
        WspResult<CatalogEntry> chosen = info == null ? catalog.select(addressFamily, socketType, protocol)
                : entryFor(info);
        if (!chosen.isOk()) {
            return fail(st, chosen.error());
        }
        CatalogEntry entry = chosen.value();
        WspResult<ProviderSlot> base = entry.isBase() ? WspResult.ok(entry.base())
                : catalog.resolve(entry).map(chain -> chain.base().base());
        WspResult<WspProvider> provider = base.isOk() ? chains.providerFor(entry) : base.retype();
        if (!provider.isOk()) {
            return fail(st, provider.error());
        }
        ProtocolInfo chosenInfo = entry.info();
        int af = addressFamily == FROM_PROTOCOL_INFO ? chosenInfo.addressFamily() : addressFamily;
        int type = socketType == FROM_PROTOCOL_INFO ? chosenInfo.socketType() : socketType;
        int proto = protocol == FROM_PROTOCOL_INFO ? chosenInfo.protocol() : protocol;
        WspProvider p = provider.value();
        ProviderSlot slot = base.value();
        return dispatch(st, slot.name(), null, () -> {
            WspResult<WspSocket> made = p.socket(chosenInfo, af, type, proto, flags);
            if (made == null || !made.isOk()) {
                return made == null ? null : made.retype();
            }
            if (made.value() == null) {
                return empty(slot.name(), "socket()");
            }
            return WspResult.ok(handles.register(new OpenSocket(made.value(), p, slot.name(), slot.rawOptions())));
        });
    }

    /** WSASocket's explicit entry: it must exist and must not be a layer's own. */
    private WspResult<CatalogEntry> entryFor(ProtocolInfo info) {
        CatalogEntry entry = catalog.lookup(info.catalogEntryId());
        return entry == null || entry.isLayer() ? refused(WsaError.WSAEINVAL) : WspResult.ok(entry);
    }

    @Override
    public WspResult<Void> closeSocket(long s) {
        return onSocket(s, Mode.BLOCKING, null, o -> handles.close(s, o, WspSocket::closeSocket));
    }

    @Override
    public WspResult<Long> duplicateSocket(long s) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        return dispatch(st, "runtime", null, () -> handles.duplicate(s));
    }

    @Override
    public WspResult<Void> shutdown(long s, int how) {
        return onSocket(s, Mode.QUICK, null, o -> o.socket().shutdown(how));
    }

    // ---- naming and connection

    @Override
    public WspResult<Void> bind(long s, SockAddr name) {
        return onSocket(s, Mode.QUICK, name == null ? WsaError.WSAEFAULT : null, o -> o.socket().bind(name));
    }

    @Override
    public WspResult<Void> listen(long s, int backlog) {
        return onSocket(s, Mode.QUICK, null, o -> o.socket().listen(backlog));
    }

    @Override
    public WspResult<Long> accept(long s) {
        return accept(s, null);
    }

    @Override
    public WspResult<Long> accept(long s, AcceptCondition condition) {
        return onSocket(s, Mode.BLOCKING, null, o -> {
            WspResult<Accepted> r = o.socket().accept(condition);
            if (r == null || !r.isOk()) {
                return r == null ? null : r.retype();
            }
            if (r.value() == null || r.value().socket() == null) {
                return empty(o.providerName(), "accept()");
            }
            return WspResult.ok(handles.register(o.accepted(r.value().socket())));
        });
    }

    @Override
    public WspResult<Void> connect(long s, SockAddr name) {
        return onSocket(s, Mode.BLOCKING, name == null ? WsaError.WSAEFAULT : null, o -> o.socket().connect(name));
    }

    @Override
    public WspResult<SockAddr> getSockName(long s) {
        return onSocket(s, Mode.QUICK, null, o -> o.socket().getSockName());
    }

    @Override
    public WspResult<SockAddr> getPeerName(long s) {
        return onSocket(s, Mode.QUICK, null, o -> o.socket().getPeerName());
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
        return onSocket(s, Mode.BLOCKING, buffer == null ? WsaError.WSAEFAULT : null,
                o -> o.socket().sendTo(new ByteBuffer[] {buffer}, flags, to, null));
    }

    @Override
    public WspResult<Received> recvFrom(long s, ByteBuffer buffer, int flags) {
        return onSocket(s, Mode.BLOCKING, bufferRefusal(buffer, false),
                o -> o.socket().recvFrom(new ByteBuffer[] {buffer}, flags, null));
    }

    @Override
    public WspResult<Integer> wsaSend(long s, ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        return onSocket(s, overlapped == null ? Mode.BLOCKING : Mode.QUICK, buffersRefusal(buffers, true),
                o -> overlapped == null ? o.socket().send(buffers, flags, null)
                        : overlapped(overlapped, ov -> o.socket().send(buffers, flags, ov)));
    }

    @Override
    public WspResult<Integer> wsaRecv(long s, ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        return onSocket(s, overlapped == null ? Mode.BLOCKING : Mode.QUICK, buffersRefusal(buffers, false),
                o -> overlapped == null ? o.socket().recv(buffers, flags, null)
                        : overlapped(overlapped, ov -> o.socket().recv(buffers, flags, ov)));
    }

    private static WsaError buffersRefusal(ByteBuffer[] buffers, boolean sending) {
        if (buffers == null) {
            return WsaError.WSAEFAULT;
        }
        for (ByteBuffer b : buffers) {
            if (bufferRefusal(b, sending) != null) {
                return WsaError.WSAEFAULT;
            }
        }
        return null;
    }

    /** A receive needs memory it may write, as lpBuffers does. */
    private static WsaError bufferRefusal(ByteBuffer buffer, boolean sending) {
        return buffer == null || !sending && buffer.isReadOnly() ? WsaError.WSAEFAULT : null;
    }

    /**
     * An overlapped send or receive. The runtime marks the record in use by the calling thread (the issuer its
     * completion routine runs on; providers must not call {@link Overlapped#begin} themselves). When the provider
     * fails the call at once (or throws), no operation was started: the record is released without a completion
     * action.
     */
    private static WspResult<Integer> overlapped(Overlapped ov, Function<Overlapped, WspResult<Integer>> issue) {
        if (!ov.begin(Thread.currentThread())) {
            return refused(WsaError.WSAEINVAL);
        }
        WspResult<Integer> r = null;
        try {
            r = issue.apply(ov);
            return r;
        } finally {
            if (r == null || r.isFailed()) {
                ov.finish(r == null ? WsaError.WSASYSCALLFAILURE : r.error(), 0, 0, null);
            }
        }
    }

    @Override
    public WspResult<Integer> getOverlappedResult(long s, Overlapped overlapped, boolean wait) {
        return onSocket(s, Mode.QUICK, overlapped == null ? WsaError.WSAEFAULT : null,
                o -> overlappedResult(overlapped, wait));
    }

    private WspResult<Integer> overlappedResult(Overlapped overlapped, boolean wait) {
        if (overlapped.isPending()) {
            if (!wait) {
                return refused(WsaError.WSA_IO_INCOMPLETE);
            }
            try {
                completions.awaitDone(overlapped, clock);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return refused(WsaError.WSAEINTR);
            }
        }
        if (!overlapped.isDone()) {
            return refused(WsaError.WSAEINVAL);
        }
        WsaError err = overlapped.error();
        return err != null ? refused(err) : WspResult.ok(overlapped.bytesTransferred());
    }

    // ---- options and control

    @Override
    public <T> WspResult<Void> setSockOpt(long s, SockOpt<T> option, T value) {
        return onSocket(s, Mode.QUICK, option == null || value == null ? WsaError.WSAEFAULT : null,
                o -> o.socket().setSockOpt(option, value));
    }

    @Override
    public <T> WspResult<T> getSockOpt(long s, SockOpt<T> option) {
        return onSocket(s, Mode.QUICK, option == null ? WsaError.WSAEFAULT : null,
                o -> o.socket().getSockOpt(option));
    }

    @Override
    public WspResult<Void> setSockOpt(long s, int level, int optname, byte[] optval, int optlen) {
        return onSocket(s, Mode.QUICK, null, o -> {
            SockOpt<?> option = o.rawOption(level, optname);
            WsaError refusal = rawRefusal(option, optval, optlen);
            return refusal != null ? refused(refusal) : rawSet(o.socket(), option, optval, optlen);
        });
    }

    @Override
    public WspResult<Integer> getSockOpt(long s, int level, int optname, byte[] optval, int optlen) {
        return onSocket(s, Mode.QUICK, null, o -> {
            SockOpt<?> option = o.rawOption(level, optname);
            WsaError refusal = rawRefusal(option, optval, optlen);
            return refusal != null ? refused(refusal) : rawGet(o.socket(), option, optval, optlen);
        });
    }

    /**
     * The checks raw setsockopt and getsockopt share once the handle passed, in Winsock's order: a known option
     * with a byte form (else WSAENOPROTOOPT), an optval of at least the option's size (else WSAEFAULT).
     */
    private static WsaError rawRefusal(SockOpt<?> option, byte[] optval, int optlen) {
        if (option == null || option.codec() == null) {
            return WsaError.WSAENOPROTOOPT;
        }
        if (optval == null || optlen < option.codec().size() || optlen > optval.length) {
            return WsaError.WSAEFAULT;
        }
        return null;
    }

    private static <T> WspResult<Void> rawSet(WspSocket ws, SockOpt<T> option, byte[] optval, int optlen) {
        return ws.setSockOpt(option, option.codec().decode(optval, optlen));
    }

    /** Encodes into the first {@code optlen} bytes only: a codec never writes past the length the caller gave. */
    private static <T> WspResult<Integer> rawGet(WspSocket ws, SockOpt<T> option, byte[] optval, int optlen) {
        WspResult<T> r = ws.getSockOpt(option);
        if (r == null || !r.isOk()) {
            return r == null ? null : r.retype();
        }
        if (r.value() == null) {
            return refused(WsaError.WSASYSCALLFAILURE);
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
        WsaError refusal = code == null ? WsaError.WSAEINVAL
                : input == null && code.inputType() != Void.class ? WsaError.WSAEFAULT : null;
        return onSocket(s, Mode.QUICK, refusal, o -> o.socket().ioctl(code, input, null));
    }

    // ---- readiness and events

    @Override
    public WspResult<Ready> select(Set<Long> read, Set<Long> write, Set<Long> except, Duration timeout) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        SelectRequest request = SelectRequest.resolve(handles, read, write, except);
        if (request.refusal() != null) {
            return fail(st, request.refusal());
        }
        if (st.inInterruptingRoutine()) {
            return fail(st, WsaError.WSAEINPROGRESS);
        }
        if (timeout != null && timeout.isNegative()) {
            return fail(st, WsaError.WSAEINVAL);
        }
        long nanos = timeoutNanos(timeout);
        WspProvider provider = request.provider();
        return dispatch(st, request.providerName(), provider, () -> {
            WspResult<SelectSets> answer = provider.select(request.sets(), nanos);
            if (answer == null || !answer.isOk()) {
                return answer == null ? null : answer.retype();
            }
            return answer.value() == null ? empty(request.providerName(), "select()")
                    : WspResult.ok(request.answer(answer.value()));
        });
    }

    /** WSPSelect's time-out: -1 waits forever ({@code null}, or longer than a long of nanoseconds holds). */
    private static long timeoutNanos(Duration timeout) {
        if (timeout == null) {
            return -1;
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    @Override
    public WspEvent createEvent() {
        return waits.createEvent();
    }

    @Override
    public WspResult<Void> eventSelect(long s, WspEvent event, int networkEvents) {
        boolean invalid = networkEvents != 0 && event == null || event != null && !(event instanceof RuntimeEvent);
        return onSocket(s, Mode.QUICK, invalid ? WsaError.WSAEINVAL : null,
                o -> o.socket().eventSelect(event, networkEvents));
    }

    @Override
    public WspResult<NetworkEvents> enumNetworkEvents(long s, WspEvent eventToReset) {
        return onSocket(s, Mode.QUICK, null, o -> o.socket().enumNetworkEvents(eventToReset));
    }

    @Override
    public WspResult<Integer> waitForMultipleEvents(List<WspEvent> events, boolean waitAll, Duration timeout,
                                                    boolean alertable) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        return runtimeWait(st, () -> waits.waitForMultipleEvents(events, waitAll, timeout, alertable));
    }

    @Override
    public WspResult<Integer> sleep(Duration duration, boolean alertable) {
        return runtimeWait(states.current(), () -> waits.sleep(duration, alertable));
    }

    @Override
    public CompletionPort createCompletionPort() {
        return waits.createPort();
    }

    @Override
    public WspResult<CompletionPacket> getQueuedCompletionStatus(CompletionPort port, Duration timeout) {
        return runtimeWait(states.current(), () -> waits.getQueuedCompletionStatus(port, timeout));
    }

    /** A wait of the runtime's own: a blocking call, so refused inside an interrupting completion routine. */
    private static <T> WspResult<T> runtimeWait(ThreadState st, Supplier<WspResult<T>> wait) {
        if (st.inInterruptingRoutine()) {
            return fail(st, WsaError.WSAEINPROGRESS);
        }
        return dispatch(st, "runtime", null, wait);
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
        return dispatch(st, p.getClass().getName(), null, () -> p.cancelBlockingCall(Thread.currentThread()));
    }
}
