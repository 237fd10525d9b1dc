package io.jwsp.runtime.facade;

import io.jwsp.runtime.Winsock;
import io.jwsp.runtime.catalog.impl.CatalogEntry;
import io.jwsp.runtime.catalog.impl.ProtocolCatalog;
import io.jwsp.runtime.dispatch.ChainInstances;
import io.jwsp.runtime.duplicate.InProcessDuplicates;
import io.jwsp.runtime.event.CompletionSignal;
import io.jwsp.runtime.event.EventWaits;
import io.jwsp.runtime.event.ThreadState;
import io.jwsp.runtime.event.ThreadStates;
import io.jwsp.runtime.ext.WinsockExtension;
import io.jwsp.runtime.handle.HandleTable;
import io.jwsp.runtime.handle.OpenSocket;
import io.jwsp.runtime.handle.SocketOrigin;
import io.jwsp.runtime.provider.ProviderSlot;
import io.jwsp.spi.StartupReply;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.DuplicateInfo;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.ext.ExtensionFunction;
import io.jwsp.spi.ext.ExtensionIoctl;
import io.jwsp.spi.io.AcceptCondition;
import io.jwsp.spi.io.Completion;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.io.CompletionPacket;
import io.jwsp.spi.io.CompletionPort;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.Received;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.option.IoControl;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.TimeSource;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
    /** Who a call answers for in the log when no provider is involved. */
    private static final String RUNTIME = "(none: the runtime's own call)";
    /** How long a WSAPROTOCOL_INFO from WSADuplicateSocket into this process may wait for its WSASocket. */
    private static final Duration DUPLICATE_TTL = Duration.ofSeconds(60);

    /** Whether a call is a blocking one: refused inside an interrupting routine, cancellable while in the provider. */
    enum Mode { QUICK, BLOCKING }

    /** The part of a call that runs once its handle is resolved and its arguments are checked. */
    @FunctionalInterface
    interface SocketCall<T> {
        WspResult<T> on(OpenSocket socket);
    }

    private final RuntimeLifecycle lifecycle;
    private final ProtocolCatalog catalog;
    private final ChainInstances chains;
    private final HandleTable handles;
    private final ThreadStates states;
    private final EventWaits waits;
    private final OverlappedRecords overlappedRecords;
    private final InProcessDuplicates inProcess;
    private final ExtensionBindings extensions;
    /** By catalog entry id: what its sockets share (one object, not four fields in each of a million sockets). */
    private final ConcurrentHashMap<Integer, SocketOrigin> origins = new ConcurrentHashMap<>();

    WinsockFacade(RuntimeLifecycle lifecycle, ProtocolCatalog catalog, ChainInstances chains, HandleTable handles,
                  ThreadStates states, EventWaits waits, CompletionSignal completions, TimeSource clock) {
        this.lifecycle = lifecycle;
        this.catalog = catalog;
        this.chains = chains;
        this.handles = handles;
        this.states = states;
        this.waits = waits;
        this.overlappedRecords = new OverlappedRecords(completions, clock);
        this.inProcess = new InProcessDuplicates(handles, clock, DUPLICATE_TTL.toNanos());
        this.extensions = new ExtensionBindings(this, handles);
    }

    // ---- the one call path

    /**
     * A call on socket {@code s}, in Winsock's order. {@code refusal}, the caller's own check of its arguments
     * ({@code null}: none failed), is answered only after the handle passed: a bad handle is always WSAENOTSOCK.
     */
    <T> WspResult<T> onSocket(long s, Mode mode, WsaError refusal, SocketCall<T> call) {
        return onSocket(states.current(), s, mode, refusal, call);
    }

    /** {@link #onSocket(long, Mode, WsaError, SocketCall)} for a caller that has the thread's state at hand. */
    private <T> WspResult<T> onSocket(ThreadState st, long s, Mode mode, WsaError refusal, SocketCall<T> call) {
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        HandleTable.Entry entry = handles.lookup(s);
        if (entry == null || entry.socket().isClosing()) {
            return fail(st, WsaError.WSAENOTSOCK);
        }
        if (mode == Mode.BLOCKING && st.inInterruptingRoutine()) {
            return fail(st, WsaError.WSAEINPROGRESS);
        }
        if (refusal != null) {
            return fail(st, refusal);
        }
        OpenSocket o = entry.socket();
        return dispatch(st, o, o.providerName(), mode == Mode.BLOCKING ? o.dispatcher() : null, call);
    }

    /** {@link #dispatch(ThreadState, OpenSocket, String, WspProvider, SocketCall)} for a call on no one socket. */
    private static <T> WspResult<T> dispatch(ThreadState st, String provider, WspProvider blockingOn,
                                             Supplier<WspResult<T>> call) {
        return dispatch(st, null, provider, blockingOn, ignored -> call.get());
    }

    /**
     * Runs {@code call} on {@code socket} (marked as the thread's blocking call on {@code blockingOn}, unless
     * {@code null}) and records its answer as the thread's last error. A throw or a {@code null} answer is the
     * provider's crash.
     */
    private static <T> WspResult<T> dispatch(ThreadState st, OpenSocket socket, String provider,
                                             WspProvider blockingOn, SocketCall<T> call) {
        WspProvider outer = blockingOn == null ? null : st.enterBlocking(blockingOn);
        try {
            WspResult<T> r = call.on(socket);
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
        return Failures.of(e);
    }

    /** A provider's success that carries nothing where the contract requires a value (a socket, the ready sets). */
    private static <T> WspResult<T> empty(String provider, String call) {
        LOG.error("provider {} answered {} without a value", provider, call);
        return Failures.of(WsaError.WSASYSCALLFAILURE);
    }

    // ---- startup and catalog

    @Override
    public WspResult<StartupReply> startup(WsaVersion requested) {
        return dispatch(states.current(), RUNTIME, null, () -> lifecycle.startup(requested));
    }

    @Override
    public WspResult<Void> cleanup() {
        ThreadState st = states.current();
        if (st.inInterruptingRoutine()) {
            return fail(st, WsaError.WSAEINPROGRESS);
        }
        return dispatch(st, RUNTIME, null, lifecycle::cleanup);
    }

    @Override
    public WspResult<List<ProtocolInfo>> enumProtocols() {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        return dispatch(st, RUNTIME, null, () -> WspResult.ok(catalog.visibleEntries()));
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
        ProtocolInfo chosenInfo = entry.info();
        int af = addressFamily == FROM_PROTOCOL_INFO ? chosenInfo.addressFamily() : addressFamily;
        int type = socketType == FROM_PROTOCOL_INFO ? chosenInfo.socketType() : socketType;
        int proto = protocol == FROM_PROTOCOL_INFO ? chosenInfo.protocol() : protocol;
        return make(st, entry, "socket()", p -> p.socket(chosenInfo, af, type, proto, flags));
    }

    /** Opens a socket on {@code entry}'s provider ({@code maker} asks it) and issues its first handle. */
    private WspResult<Long> make(ThreadState st, CatalogEntry entry, String call,
                                 Function<WspProvider, WspResult<WspSocket>> maker) {
        WspResult<ProviderSlot> base = entry.isBase() ? WspResult.ok(entry.base())
                : catalog.resolve(entry).map(chain -> chain.base().base());
        WspResult<WspProvider> provider = base.isOk() ? chains.providerFor(entry) : base.retype();
        if (!provider.isOk()) {
            return fail(st, provider.error());
        }
        WspProvider p = provider.value();
        ProviderSlot slot = base.value();
        return dispatch(st, slot.name(), null, () -> {
            WspResult<WspSocket> made = maker.apply(p);
            if (made == null || !made.isOk()) {
                return made == null ? null : made.retype();
            }
            if (made.value() == null) {
                return empty(slot.name(), call);
            }
            return lifecycle.register(new OpenSocket(made.value(), origin(entry, p, slot)));
        });
    }

    /**
     * The origin the sockets made from {@code entry} through {@code dispatcher} share: the one made for the entry
     * before, unless the entry, its provider instance or its option table changed since (a catalog edit, a cleanup
     * and a new startup), in which case a new one (sockets already open keep theirs).
     */
    private SocketOrigin origin(CatalogEntry entry, WspProvider dispatcher, ProviderSlot slot) {
        SocketOrigin known = origins.get(entry.id());
        if (known != null && known.isFor(dispatcher, slot.name(), slot.rawOptions(), entry.info())) {
            return known;
        }
        SocketOrigin made = new SocketOrigin(dispatcher, slot.name(), slot.rawOptions(), entry.info());
        origins.put(entry.id(), made);
        return made;
    }

    /** WSASocket's explicit entry: it must exist and must not be a layer's own. */
    private WspResult<CatalogEntry> entryFor(ProtocolInfo info) {
        CatalogEntry entry = catalog.lookup(info.catalogEntryId());
        return entry == null || entry.isLayer() ? Failures.of(WsaError.WSAEINVAL) : WspResult.ok(entry);
    }

    @Override
    public WspResult<Void> closeSocket(long s) {
        return onSocket(s, Mode.BLOCKING, null, o -> handles.close(s, o, WspSocket::closeSocket));
    }

    @Override
    public WspResult<Long> duplicateSocket(long s) {
        return onSocket(s, Mode.QUICK, null, o -> handles.duplicate(s, o));
    }

    @Override
    public WspResult<DuplicateInfo> duplicateSocket(long s, long processId) {
        return onSocket(s, Mode.QUICK, processId <= 0 ? WsaError.WSAEINVAL : null, o -> {
            if (processId == InProcessDuplicates.SELF) {
                return inProcess.duplicate(s, o);
            }
            WspResult<DuplicateInfo> r = o.socket().duplicateSocket(processId);
            if (r == null || !r.isOk()) {
                return r;
            }
            // the application's own entry (a layer's chain, say), whatever the provider below filled in
            return r.value() == null ? empty(o.providerName(), "WSADuplicateSocket")
                    : WspResult.ok(r.value().withInfo(o.socket().protocolInfo()));
        });
    }

    @Override
    public WspResult<Long> socket(DuplicateInfo info, int flags) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        if (info == null) {
            return fail(st, WsaError.WSAEFAULT);
        }
        if (info.processId() != InProcessDuplicates.SELF) {
            return fail(st, WsaError.WSAEINVAL); // meant for another process
        }
        if (InProcessDuplicates.isInProcess(info.reserved())) {
            return dispatch(st, RUNTIME, null, () -> inProcess.redeem(info.reserved()));
        }
        CatalogEntry entry = entryForDuplicate(info.info());
        if (entry == null) {
            return fail(st, WsaError.WSAEINVAL);
        }
        return make(st, entry, "WSASocket(FROM_PROTOCOL_INFO)", p -> p.adoptSocket(entry.info(), info.reserved(),
                flags));
    }

    /**
     * The entry of this catalog that a duplicated socket's info names: by its id when that entry is the same
     * protocol of the same provider, else the first such entry (another process numbers its catalog its own way).
     */
    private CatalogEntry entryForDuplicate(ProtocolInfo named) {
        CatalogEntry byId = catalog.lookup(named.catalogEntryId());
        if (byId != null && !byId.isLayer() && sameProtocol(byId.info(), named)) {
            return byId;
        }
        for (ProtocolInfo i : catalog.visibleEntries()) {
            if (sameProtocol(i, named)) {
                return catalog.lookup(i.catalogEntryId());
            }
        }
        return null;
    }

    private static boolean sameProtocol(ProtocolInfo a, ProtocolInfo b) {
        return a.providerId().equals(b.providerId()) && a.addressFamily() == b.addressFamily()
                && a.socketType() == b.socketType() && a.protocol() == b.protocol();
    }

    @Override
    public WspResult<Void> shutdown(long s, int how) {
        return onSocket(s, Mode.QUICK, null, o -> o.contextPending() ? Failures.of(WsaError.WSAENOTCONN)
                : o.socket().shutdown(how));
    }

    @Override
    public WspResult<Void> sendDisconnect(long s, ByteBuffer disconnectData) {
        return onSocket(s, Mode.QUICK, null, o -> o.socket().sendDisconnect(disconnectData));
    }

    @Override
    public WspResult<Integer> recvDisconnect(long s, ByteBuffer disconnectData) {
        WsaError refusal = disconnectData != null && disconnectData.isReadOnly() ? WsaError.WSAEFAULT : null;
        return onSocket(s, Mode.QUICK, refusal, o -> o.socket().recvDisconnect(disconnectData));
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
            return lifecycle.register(o.accepted(r.value().socket()));
        });
    }

    @Override
    public WspResult<Void> connect(long s, SockAddr name) {
        return onSocket(s, Mode.BLOCKING, name == null ? WsaError.WSAEFAULT : null, o -> o.socket().connect(name));
    }

    @Override
    public WspResult<SockAddr> getSockName(long s) {
        return onSocket(s, Mode.QUICK, null, o -> o.contextPending() ? Failures.of(WsaError.WSAENOTCONN)
                : o.socket().getSockName());
    }

    @Override
    public WspResult<SockAddr> getPeerName(long s) {
        return onSocket(s, Mode.QUICK, null, o -> o.contextPending() ? Failures.of(WsaError.WSAENOTCONN)
                : o.socket().getPeerName());
    }

    // ---- data

    @Override
    public WspResult<Integer> send(long s, ByteBuffer buffer, int flags) {
        return transfer(s, true, buffer, flags);
    }

    @Override
    public WspResult<Integer> recv(long s, ByteBuffer buffer, int flags) {
        return transfer(s, false, buffer, flags);
    }

    /**
     * A blocking send or recv of one buffer: WSASend's and WSARecv's blocking call with a one-buffer array, on the
     * one call path, but through the thread's reused {@link SingleBufferTransfer} instead of a new array and a
     * capturing lambda per call (the hot path of a byte-at-a-time exchange allocates nothing of the facade's).
     */
    private WspResult<Integer> transfer(long s, boolean sending, ByteBuffer buffer, int flags) {
        ThreadState st = states.current();
        SingleBufferTransfer call = SingleBufferTransfer.lend(st, sending, buffer, flags);
        try {
            return onSocket(st, s, Mode.BLOCKING, bufferRefusal(buffer, sending), call);
        } finally {
            call.giveBack();
        }
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
                        : OverlappedRecords.issue(o, overlapped, ov -> o.socket().send(buffers, flags, ov)));
    }

    @Override
    public WspResult<Integer> wsaRecv(long s, ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        return onSocket(s, overlapped == null ? Mode.BLOCKING : Mode.QUICK, buffersRefusal(buffers, false),
                o -> overlapped == null ? o.socket().recv(buffers, flags, null)
                        : OverlappedRecords.issue(o, overlapped, ov -> o.socket().recv(buffers, flags, ov)));
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

    @Override
    public WspResult<Void> cancelIo(long s) {
        return onSocket(s, Mode.QUICK, null, o -> o.socket().cancelIo(null));
    }

    @Override
    public WspResult<Void> cancelIoEx(long s, Overlapped overlapped) {
        return onSocket(s, Mode.QUICK, overlapped == null ? WsaError.WSAEFAULT : null,
                o -> o.socket().cancelIo(overlapped));
    }

    @Override
    public WspResult<Integer> getOverlappedResult(long s, Overlapped overlapped, boolean wait) {
        return onSocket(s, Mode.QUICK, overlapped == null ? WsaError.WSAEFAULT : null,
                o -> overlappedRecords.result(overlapped, wait));
    }

    // ---- options and control

    @Override
    public <T> WspResult<Void> setSockOpt(long s, SockOpt<T> option, T value) {
        return onSocket(s, Mode.QUICK, option == null || value == null ? WsaError.WSAEFAULT : null,
                o -> ExtensionBindings.isContextOption(option) ? extensions.updateContext(o, option, value)
                        : o.socket().setSockOpt(option, value));
    }

    @Override
    public <T> WspResult<T> getSockOpt(long s, SockOpt<T> option) {
        return onSocket(s, Mode.QUICK, option == null ? WsaError.WSAEFAULT : null,
                o -> o.socket().getSockOpt(option));
    }

    @Override
    public WspResult<Void> setSockOpt(long s, int level, int optname, byte[] optval, int optlen) {
        return onSocket(s, Mode.QUICK, null, o -> RawOptions.set(o, level, optname, optval, optlen));
    }

    @Override
    public WspResult<Integer> getSockOpt(long s, int level, int optname, byte[] optval, int optlen) {
        return onSocket(s, Mode.QUICK, null, o -> RawOptions.get(o, level, optname, optval, optlen));
    }

    @Override
    public <I, O> WspResult<O> ioctl(long s, IoControl<I, O> code, I input) {
        WsaError refusal = code == null ? WsaError.WSAEINVAL
                : input == null && code.inputType() != Void.class ? WsaError.WSAEFAULT : null;
        if (ExtensionIoctl.SIO_GET_EXTENSION_FUNCTION_POINTER.equals(code)) {
            UUID guid = input instanceof UUID g ? g : null;
            return onSocket(s, Mode.QUICK, refusal != null ? refusal : guid == null ? WsaError.WSAEFAULT : null,
                    o -> extensionFunction(o, guid).map(code.outputType()::cast));
        }
        return onSocket(s, Mode.QUICK, refusal, o -> o.socket().ioctl(code, input, null));
    }

    @Override
    public <A extends ExtensionFunction> WspResult<A> extensionFunction(long s, WinsockExtension<A> extension) {
        return onSocket(s, Mode.QUICK, extension == null ? WsaError.WSAEFAULT : null,
                o -> extensionFunction(o, extension.guid()).map(extension.type()::cast));
    }

    /**
     * SIO_GET_EXTENSION_FUNCTION_POINTER at the socket's provider, bound for the application. A GUID the socket's
     * catalog entry does not list is WSAEINVAL at once: so is every GUID for a socket of a protocol chain, whose
     * layers would have to intercept the functions (they take the base provider's sockets) and do not.
     */
    private WspResult<ExtensionFunction> extensionFunction(OpenSocket o, UUID guid) {
        if (o.catalogEntry() != null && !o.catalogEntry().hasExtensionFunction(guid)) {
            return Failures.of(WsaError.WSAEINVAL);
        }
        WspResult<ExtensionFunction> r = o.socket().ioctl(ExtensionIoctl.SIO_GET_EXTENSION_FUNCTION_POINTER, guid,
                null);
        if (r == null || !r.isOk()) {
            return r;
        }
        ExtensionFunction bound = r.value() == null ? null : extensions.bind(r.value(), o.dispatcher());
        return bound == null ? empty(o.providerName(), "SIO_GET_EXTENSION_FUNCTION_POINTER " + guid)
                : WspResult.ok(bound);
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
        long nanos = SelectRequest.timeoutNanos(timeout);
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

    @Override
    public WspResult<Polled> poll(List<PollFd> fds, Duration timeout) {
        ThreadState st = states.current();
        if (!lifecycle.started()) {
            return fail(st, WsaError.WSANOTINITIALISED);
        }
        PollCall call = PollCall.resolve(handles, fds);
        if (call.refusal() != null) {
            return fail(st, call.refusal());
        }
        if (timeout != null && timeout.isNegative()) {
            return fail(st, WsaError.WSAEINVAL);
        }
        if (!call.hasSockets()) {
            return dispatch(st, RUNTIME, null, () -> WspResult.ok(call.answerWithoutProvider()));
        }
        if (st.inInterruptingRoutine()) {
            return fail(st, WsaError.WSAEINPROGRESS);
        }
        long nanos = call.anyReady() ? 0 : SelectRequest.timeoutNanos(timeout);
        WspProvider provider = call.provider();
        return dispatch(st, call.providerName(), provider, () -> {
            WspResult<int[]> answer = provider.poll(call.requests(), nanos);
            if (answer == null || !answer.isOk()) {
                return answer == null ? null : answer.retype();
            }
            Polled polled = call.answer(answer.value());
            return polled == null ? empty(call.providerName(), "WSAPoll()") : WspResult.ok(polled);
        });
    }

    @Override
    public WspEvent createEvent() {
        return waits.createEvent();
    }

    @Override
    public WspResult<Void> eventSelect(long s, WspEvent event, int networkEvents) {
        boolean invalid = networkEvents != 0 && event == null || event != null && !waits.owns(event);
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
    public WspResult<Void> associateCompletionPort(long s, CompletionPort port, long key) {
        return onSocket(s, Mode.QUICK, port == null || !waits.owns(port) ? WsaError.WSAEINVAL : null,
                o -> o.associate(new Completion.Port(port, key)) ? WspResult.ok() : Failures.of(WsaError.WSAEINVAL));
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
        return dispatch(st, RUNTIME, null, wait);
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
