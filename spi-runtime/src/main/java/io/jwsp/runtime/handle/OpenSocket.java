package io.jwsp.runtime.handle;

import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.ext.SocketSlot;
import io.jwsp.spi.io.Completion;
import io.jwsp.spi.option.SockOpt;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One provider socket as the runtime holds it: the {@link WspSocket}, the provider instance its calls dispatch to
 * (the top of its chain), the raw option table of its base provider, and how many handles share it. The share
 * count changes only under {@link #lock()}, which also serialises closes of the socket's handles; a close of the
 * last handle holds it for as long as the provider's close takes (a linger), which is why {@link #isClosing} is
 * readable without it.
 */
public final class OpenSocket implements SocketSlot {
    /** Replaced only by an extension function ({@link #replace}): AcceptEx, TF_REUSE_SOCKET. */
    private volatile WspSocket socket;
    private final WspProvider dispatcher;
    private final String providerName;
    private final Map<Long, SockOpt<?>> rawOptions;
    private final ReentrantLock lock = new ReentrantLock();
    /** The completion port this socket is associated with (all its handles share it), or null. */
    private final AtomicReference<Completion.Port> completionPort = new AtomicReference<>();
    /** The option that completes an AcceptEx / ConnectEx on this handle; {@link #contextPending} until it is set. */
    private volatile SockOpt<?> contextOption;
    private volatile boolean contextPending;
    private int shares;
    private boolean closed;
    /** Set while the last handle's close runs in the provider; read without the lock. */
    private volatile boolean closing;

    public OpenSocket(WspSocket socket, WspProvider dispatcher, String providerName,
                      Map<Long, SockOpt<?>> rawOptions) {
        this.socket = socket;
        this.dispatcher = dispatcher;
        this.providerName = providerName;
        this.rawOptions = rawOptions;
    }

    /** A socket accept made from this one: same provider instance, same option table, no handle yet. */
    public OpenSocket accepted(WspSocket newSocket) {
        return new OpenSocket(newSocket, dispatcher, providerName, rawOptions);
    }

    /**
     * CreateIoCompletionPort(socket, port, key): a socket is associated once, for good (every handle of it; not
     * the sockets accept makes from it). Answers false when it already is.
     */
    public boolean associate(Completion.Port port) {
        return completionPort.compareAndSet(null, port);
    }

    /** The association {@link #associate} made, or {@code null}. */
    public Completion.Port completionPort() {
        return completionPort.get();
    }

    @Override
    public WspSocket socket() {
        return socket;
    }

    @Override
    public void awaitContext(SockOpt<?> option) {
        contextOption = option;
        contextPending = option != null;
    }

    /** Whether getsockname, getpeername and shutdown wait for SO_UPDATE_ACCEPT/CONNECT_CONTEXT (WSAENOTCONN). */
    public boolean contextPending() {
        return contextPending;
    }

    /** Setting {@code option}: true when it is the one this socket's AcceptEx / ConnectEx needs (again: harmless). */
    public boolean updateContext(SockOpt<?> option) {
        if (option == null || !option.equals(contextOption)) {
            return false;
        }
        contextPending = false;
        return true;
    }

    /** The handle names {@code replacement} from now on (AcceptEx's connection, TF_REUSE_SOCKET's fresh socket). */
    @Override
    public void replace(WspSocket replacement) {
        socket = Objects.requireNonNull(replacement, "replacement");
    }

    /** The provider instance the socket was made by: {@code select} and {@code cancelBlockingCall} go here. */
    public WspProvider dispatcher() {
        return dispatcher;
    }

    /** The base provider's name. */
    public String providerName() {
        return providerName;
    }

    /** The options the raw setsockopt/getsockopt path knows, keyed by {@link #optionKey}. */
    public SockOpt<?> rawOption(int level, int optname) {
        return rawOptions.get(optionKey(level, optname));
    }

    public static long optionKey(int level, int optname) {
        return (long) level << 32 | (optname & 0xFFFFFFFFL);
    }

    ReentrantLock lock() {
        return lock;
    }

    int shares() {
        return shares;
    }

    void share() {
        shares++;
    }

    void unshare() {
        shares--;
    }

    /**
     * Whether the close of the socket's last handle is under way in the provider: from then on the handle answers
     * WSAENOTSOCK (closesocket: "any further references to s fail"), at once, without waiting for the close.
     */
    public boolean isClosing() {
        return closing;
    }

    void closing(boolean underWay) {
        closing = underWay;
    }

    boolean isClosed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }
}
