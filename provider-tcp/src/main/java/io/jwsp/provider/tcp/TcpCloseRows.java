package io.jwsp.provider.tcp;

import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.close.CloseOutcome;
import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.close.CloseType;
import io.jwsp.spi.kit.SocketCore;
import io.jwsp.spi.kit.closing.CloseFacts;
import io.jwsp.spi.kit.closing.CloseRows;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.kit.state.SocketState;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.result.WsaError;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The close table's rows on the kernel's TCP. The kit runs the sequence; the kernel does the rest: a graceful close
 * is the channel's close (the kernel sends what is queued, then a FIN; this side goes through TIME_WAIT), an
 * abortive one sets the kernel's SO_LINGER to {1,0} just before closing (an RST, no FIN, no TIME_WAIT). The kernel's
 * SO_LINGER is otherwise off, so neither the kernel nor the JDK ever lingers in close(). "Data queued" is SIOCOUTQ;
 * where it is unknown (not Linux) a lingering close treats the queue as drained and closes gracefully at once: the
 * kernel still delivers the data in the background, but no time-out can turn that into a reset.
 *
 * <p>Nothing here switches the channel's mode or waits for a thread inside a direct call: closing the channel wakes
 * such a thread (it answers WSAEINTR).
 */
final class TcpCloseRows implements CloseRows {
    private static final Logger LOG = LoggerFactory.getLogger(TcpCloseRows.class);

    private final TcpSocket socket;
    private final SocketCore core;
    private final KernelChannel channel;
    /** The state when the close began (the kit has moved it to CLOSING by the time a row runs). Lock held. */
    private SocketState before = SocketState.OPEN;
    /** WSAEINTR when WSPCancelBlockingCall ended the linger wait; else {@code null} (closesocket answers 0). */
    private WsaError closeAnswer;
    private boolean closeAwaitsPoller;

    TcpCloseRows(TcpSocket socket) {
        this.socket = socket;
        this.core = socket.core();
        this.channel = socket.channel();
    }

    /** The cleanup close calls no {@link #closeFacts}: it says what the socket was before. Lock held. */
    void remember(SocketState state) {
        before = state;
    }

    private boolean wasConnected() {
        return before == SocketState.CONNECTED;
    }

    @Override
    public CloseFacts closeFacts() {
        before = core.status().state();
        closeAnswer = null;
        Linger linger = socket.options().linger();
        // a descriptor another process shares never lingers here: the last close anywhere performs the row
        boolean queued = wasConnected() && linger.waits() && !channel.isShared()
                && socket.kernelView().unacknowledged(socket.local(), socket.peer()) > 0;
        return new CloseFacts(linger, socket.isNonBlocking(), queued, core.status().sendShut());
    }

    @Override
    public void stopMedium(DeferredCompletions done) {
        socket.readiness().closing(); // a socket closed under select counts as ready, once
        socket.listenerSide().dropDeferred();
        socket.provider().forget(socket);
    }

    /** l_onoff = 0: return at once; the kernel sends what is queued, then a FIN. */
    @Override
    public CloseType closeGracefullyInBackground() {
        return wasConnected() ? closeGracefully() : closeWithoutConnection();
    }

    /** linger(1,0): an RST at once and never a FIN before it; unsent data is lost; no TIME_WAIT. */
    @Override
    public CloseType closeAbortively() {
        if (!wasConnected()) {
            return closeWithoutConnection();
        }
        resetSent();
        return CloseType.HARD;
    }

    /**
     * linger(1,N), blocking, with unacknowledged bytes: wait on the provider's clock until the kernel holds no
     * unacknowledged byte (then graceful) or N seconds pass (then an RST, as Windows aborts where Linux would keep
     * sending). The kernel drains in real time, so a real-time ticker on the poller watches SIOCOUTQ and signals;
     * the deadline belongs to the clock. The wait is a blocking call: WSPCancelBlockingCall ends it as a time-out
     * would, and closesocket answers WSAEINTR.
     */
    @Override
    public CloseType closeAfterLinger(long deadlineNanos) {
        if (channel.directCallers() > 0) {
            // a thread inside a blocking JDK write would keep filling the queue we wait on: stop the sending side
            // (its FIN queues behind the data, so nothing reaches the wire before the data, nor before an RST)
            try {
                channel.stream().shutdownOutput();
            } catch (IOException e) {
                LOG.debug("shutdownOutput under a lingering close", e);
            }
        }
        KernelSocketView queue = socket.kernelView();
        boolean[] drained = {false};
        Runnable stopTicker = socket.provider().poller().tick(() -> {
            if (queue.unacknowledgedNow() <= 0) {
                core.lock().lock();
                try {
                    drained[0] = true;
                    core.changed().signalAll();
                } finally {
                    core.lock().unlock();
                }
            }
        });
        WsaError ended;
        try {
            ended = core.blocking().lingerUntil(deadlineNanos,
                    () -> drained[0] || queue.unacknowledged(socket.local(), socket.peer()) <= 0);
        } finally {
            stopTicker.run();
        }
        if (ended == null) {
            return closeGracefully();
        }
        // the deadline, or WSPCancelBlockingCall (closesocket then answers WSAEINTR; the socket is closed all the same)
        closeAnswer = ended == WsaError.WSAEINTR ? ended : null;
        resetSent();
        return CloseType.HARD_AFTER_LINGER_TIMEOUT;
    }

    private void resetSent() {
        socket.tap("RST", 0, "close");
        closeAwaitsPoller = channel.closeWithReset();
        socket.provider().wakePoller();
    }

    /**
     * Whether the kernel socket of this close is closed (its FIN or RST sent) only at the poller's next round (the
     * channel was registered): closesocket then waits for that round, with no lock held, so what the close sends is
     * on the wire when it returns.
     */
    boolean closeAwaitsPoller() {
        return closeAwaitsPoller;
    }

    private CloseType closeGracefully() {
        if (!socket.receive().isReset()) {
            socket.tap("FIN", 0, "close"); // after the peer's RST the kernel has no connection left to send a FIN on
        }
        closeAwaitsPoller = channel.closeGracefully();
        socket.provider().wakePoller(); // a registered channel's close is deferred to the selector: flush it now
        return CloseType.GRACEFUL;
    }

    /** Never connected (or listening, or still connecting): release the kernel socket; nothing to disconnect. */
    private CloseType closeWithoutConnection() {
        if (before == SocketState.CONNECTING) {
            resetSent();
        } else {
            closeAwaitsPoller = channel.closeGracefully();
            socket.provider().wakePoller();
        }
        return CloseType.NO_CONNECTION;
    }

    @Override
    public WsaError closeAnswer() {
        return closeAnswer;
    }

    @Override
    public CloseRecord closeRecord(CloseOutcome outcome, CloseType type, long waitedNanos) {
        if (!core.services().wireTap().enabled()) {
            return null;
        }
        // A graceful close sends the first FIN, so by TCP this side passes through TIME_WAIT once the peer's FIN
        // arrives; an RST never does, and neither does a connection the peer already reset.
        boolean reset = socket.receive().isReset();
        CloseType performed = reset && type == CloseType.GRACEFUL ? CloseType.NO_CONNECTION : type;
        return new CloseRecord(socket.provider().name(),
                socket.local() == null ? null : InetSockAddr.of(socket.local()),
                socket.peer() == null ? null : InetSockAddr.of(socket.peer()), outcome, performed, waitedNanos,
                performed == CloseType.GRACEFUL);
    }
}
