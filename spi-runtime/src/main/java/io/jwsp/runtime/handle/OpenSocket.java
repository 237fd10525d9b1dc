package io.jwsp.runtime.handle;

import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.ext.SocketSlot;
import io.jwsp.spi.io.Completion;
import io.jwsp.spi.option.SockOpt;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.Objects;

/**
 * One provider socket as the runtime holds it: the {@link WspSocket}, where it came from (its {@link SocketOrigin}:
 * the provider instance its calls dispatch to, the raw option table of its base provider, its catalog entry, all
 * shared by the entry's sockets), and how many handles share it. The share count changes only under this object's
 * monitor, which also serialises closes of the socket's handles; a close of the last handle holds it for as long as
 * the provider's close takes (a linger), which is why {@link #isClosing} is readable without it. (A monitor, not a
 * lock object, and an origin shared by the entry's sockets and the completion-port and extension-function state
 * made on first use, not fields of each: a million idle sockets each carry only what is theirs; a virtual thread
 * waiting on a monitor no longer pins its carrier.)
 */
public final class OpenSocket implements SocketSlot {
    private static final VarHandle ASSOCIATIONS;

    static {
        try {
            ASSOCIATIONS = MethodHandles.lookup().findVarHandle(OpenSocket.class, "associations",
                    SocketAssociations.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Replaced only by an extension function ({@link #replace}): AcceptEx, TF_REUSE_SOCKET. */
    private volatile WspSocket socket;
    private final SocketOrigin origin;
    /** The completion port and extension-function state, made by CAS on first use; null for most sockets. */
    private volatile SocketAssociations associations;
    private int shares;
    private boolean closed;
    /** Set while the last handle's close runs in the provider; read without the lock. */
    private volatile boolean closing;

    /** A socket of {@code origin}'s entry and provider instance. */
    public OpenSocket(WspSocket socket, SocketOrigin origin) {
        this.socket = socket;
        this.origin = origin;
    }

    /** A socket whose catalog entry is not known (tests, tools). */
    public OpenSocket(WspSocket socket, WspProvider dispatcher, String providerName,
                      Map<Long, SockOpt<?>> rawOptions) {
        this(socket, new SocketOrigin(dispatcher, providerName, rawOptions, null));
    }

    /** A socket accept made from this one: same origin (provider instance, option table, catalog entry), no handle. */
    public OpenSocket accepted(WspSocket newSocket) {
        return new OpenSocket(newSocket, origin);
    }

    /** Where the socket came from: its provider instance, option table and catalog entry. */
    public SocketOrigin origin() {
        return origin;
    }

    /** The catalog entry the socket was made from, or {@code null} where the runtime did not record one. */
    public ProtocolInfo catalogEntry() {
        return origin.catalogEntry();
    }

    /**
     * CreateIoCompletionPort(socket, port, key): a socket is associated once, for good (every handle of it; not
     * the sockets accept makes from it). Answers false when it already is.
     */
    public boolean associate(Completion.Port port) {
        return associations().associate(port);
    }

    /** The association {@link #associate} made, or {@code null}. */
    public Completion.Port completionPort() {
        SocketAssociations a = associations;
        return a == null ? null : a.completionPort();
    }

    @Override
    public WspSocket socket() {
        return socket;
    }

    @Override
    public void awaitContext(SockOpt<?> option) {
        if (option != null || associations != null) { // nothing to clear on a socket that never awaited one
            associations().awaitContext(option);
        }
    }

    /** Whether getsockname, getpeername and shutdown wait for SO_UPDATE_ACCEPT/CONNECT_CONTEXT (WSAENOTCONN). */
    public boolean contextPending() {
        SocketAssociations a = associations;
        return a != null && a.contextPending();
    }

    /** Setting {@code option}: true when it is the one this socket's AcceptEx / ConnectEx needs (again: harmless). */
    public boolean updateContext(SockOpt<?> option) {
        SocketAssociations a = associations;
        return a != null && a.updateContext(option);
    }

    /** The associations, made now when this is their first use; never two (a port set in a lost one would vanish). */
    private SocketAssociations associations() {
        SocketAssociations a = associations;
        if (a == null) {
            SocketAssociations made = new SocketAssociations();
            a = (SocketAssociations) ASSOCIATIONS.compareAndExchange(this, null, made);
            if (a == null) {
                a = made;
            }
        }
        return a;
    }

    /** The handle names {@code replacement} from now on (AcceptEx's connection, TF_REUSE_SOCKET's fresh socket). */
    @Override
    public void replace(WspSocket replacement) {
        socket = Objects.requireNonNull(replacement, "replacement");
    }

    /** The provider instance the socket was made by: {@code select} and {@code cancelBlockingCall} go here. */
    public WspProvider dispatcher() {
        return origin.dispatcher();
    }

    /** The base provider's name. */
    public String providerName() {
        return origin.providerName();
    }

    /** The options the raw setsockopt/getsockopt path knows, keyed by {@link #optionKey}. */
    public SockOpt<?> rawOption(int level, int optname) {
        return origin.rawOptions().get(optionKey(level, optname));
    }

    public static long optionKey(int level, int optname) {
        return (long) level << 32 | (optname & 0xFFFFFFFFL);
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
