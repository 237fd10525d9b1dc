package io.jwsp.provider.tcp;

import io.jwsp.provider.tcp.dup.SharedDescriptor;
import io.jwsp.provider.tcp.kernel.KernelNio;
import java.io.IOException;
import java.net.ProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.Channel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel socket behind one tcp socket: a {@link SocketChannel}, or a {@link ServerSocketChannel} once listening,
 * and its mode.
 *
 * <p><b>Direct mode.</b> On the real clock, while nothing needs a selector, the channel stays in blocking mode and a
 * blocking send/recv/accept/connect is exactly the JDK's own call, made without the socket's lock. {@link #ensurePolled}
 * turns it nonblocking for good; it is the only mode switch, and the JDK makes it wait for every thread inside a
 * direct call on the channel to leave. So it is never called with the socket's lock held (it asserts that), and
 * never by closesocket or by ending an event association: those must return while another thread is blocked in a
 * direct accept or recv (the channel's close wakes that thread; nothing waits for it).
 */
final class KernelChannel {
    private static final Logger LOG = LoggerFactory.getLogger(KernelChannel.class);

    private final ProtocolFamily family;
    private final boolean directAllowed;
    private final ReentrantLock socketLock;
    private volatile SocketChannel stream;
    private volatile ServerSocketChannel listener;
    /** Threads inside a direct channel call now (entered under the socket's lock, past its open check). */
    private final AtomicInteger directCallers = new AtomicInteger();
    private volatile SharedDescriptor shared;

    KernelChannel(ProtocolFamily family, boolean directAllowed, ReentrantLock socketLock, SocketChannel stream) {
        this.family = family;
        this.directAllowed = directAllowed;
        this.socketLock = socketLock;
        this.stream = stream;
    }

    SocketChannel stream() {
        return stream;
    }

    ServerSocketChannel listener() {
        return listener;
    }

    /** The channel the poller watches and options go to now. */
    SelectableChannel current() {
        ServerSocketChannel l = listener;
        return l != null ? l : stream;
    }

    NetworkChannel options() {
        ServerSocketChannel l = listener;
        return l != null ? l : stream;
    }

    /** Whether a blocking call may be the JDK's own blocking call (socket lock held, or a snapshot). */
    boolean isDirect() {
        SelectableChannel c = current();
        return c != null && c.isBlocking();
    }

    /** The mode a new channel starts in: direct unless {@code needsPoller}. */
    void configureNew(SelectableChannel c, boolean needsPoller) throws IOException {
        c.configureBlocking(directAllowed && !needsPoller);
    }

    /** Counts a caller into a direct call; call under the socket's lock after its checks. */
    void enterDirect() {
        directCallers.incrementAndGet();
    }

    void leaveDirect() {
        directCallers.decrementAndGet();
    }

    int directCallers() {
        return directCallers.get();
    }

    /**
     * From here on the channel is nonblocking and waits go through the poller (never switched back). Waits for a
     * thread inside a direct call on this channel to leave, so never with the socket's lock held.
     */
    void ensurePolled() {
        SelectableChannel c = current();
        if (c == null || !c.isBlocking()) {
            return;
        }
        assert !socketLock.isHeldByCurrentThread() : "the mode switch waits for direct callers: never under the lock";
        try {
            c.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            LOG.debug("switching {} to nonblocking", c, e);
        }
    }

    /** A failed connect closed the JDK channel; Winsock's socket stays usable for another try. Lock held. */
    void reopenStream(TcpOptions options, boolean needsPoller) throws IOException {
        closeQuietly(stream);
        SocketChannel fresh = KernelNio.provider().openSocketChannel(family);
        options.applyTo(fresh);
        configureNew(fresh, needsPoller);
        stream = fresh;
    }

    /** listen: a bound SocketChannel cannot listen, so its address moves to a ServerSocketChannel. Lock held. */
    void becomeListener(ServerSocketChannel ssc) {
        listener = ssc;
        stream = null;
    }

    ServerSocketChannel openListener() throws IOException {
        return KernelNio.provider().openServerSocketChannel(family);
    }

    /**
     * Closes everything the socket holds; a graceful close (a FIN after what is queued). Never waits. Answers whether
     * the descriptor's close (so the FIN or RST) waits for the selector's next round: the JDK defers closing a channel
     * registered with a selector until its key is flushed.
     */
    boolean closeGracefully() {
        SharedDescriptor d = shared;
        if (d != null) {
            return closeShared(d, false);
        }
        return closeChannels();
    }

    private boolean closeChannels() {
        ServerSocketChannel l = listener;
        SocketChannel s = stream;
        boolean deferred = (l != null && l.isRegistered()) || (s != null && s.isRegistered());
        closeQuietly(l);
        closeQuietly(s);
        return deferred;
    }

    /**
     * An abortive close: the only moment the kernel's SO_LINGER is on; {1,0} makes close() send an RST, no FIN.
     * Answers as {@link #closeGracefully} does.
     */
    boolean closeWithReset() {
        SharedDescriptor d = shared;
        if (d != null) {
            return closeShared(d, true);
        }
        SocketChannel s = stream;
        if (s != null) {
            try {
                s.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException | RuntimeException e) {
                LOG.debug("SO_LINGER {1,0} before an abortive close", e);
            }
        }
        return closeGracefully();
    }

    /**
     * The descriptor is also another process's from now on (WSADuplicateSocket, either side): a close releases this
     * process's reference alone, and the connection ends with the last one ({@link SharedDescriptor}).
     */
    void share(SharedDescriptor d) {
        shared = d;
    }

    boolean isShared() {
        return shared != null;
    }

    /** This side's close of a shared descriptor: the JDK's close sends nothing; the row goes with our reference. */
    private boolean closeShared(SharedDescriptor d, boolean abortive) {
        d.keepLastReference();
        boolean deferred = closeChannels();
        d.finish(abortive);
        return deferred;
    }

    static void closeQuietly(Channel c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            LOG.debug("closing {}", c, e);
        }
    }
}
