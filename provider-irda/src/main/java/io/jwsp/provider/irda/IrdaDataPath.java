package io.jwsp.provider.irda;

import io.jwsp.provider.irda.stack.TtpConnection.Ending;
import io.jwsp.provider.irda.stack.TtpConnection.State;
import io.jwsp.spi.io.MsgFlags;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.kit.pending.PendingTransfer;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;

/**
 * The data path of one {@link IrdaSocket}'s TinyTP connection: send into TinyTP's transmit queue (bounded by
 * SO_SNDBUF, drained by the peer's credit), recv from what arrived, MSG_WAITALL, shutdown, and the overlapped
 * sends and receives waiting in the kit's queues (completions recorded in the provider's {@code due()}, fired after
 * the lock). Every method runs with the space's lock held, from the socket's calls or its refresh.
 */
final class IrdaDataPath {
    private final IrdaSocket s;

    IrdaDataPath(IrdaSocket socket) {
        this.s = socket;
    }

    private static WsaError checkBuffers(ByteBuffer[] buffers) {
        if (buffers == null) {
            return WsaError.WSAEFAULT;
        }
        for (ByteBuffer b : buffers) {
            if (b == null) {
                return WsaError.WSAEFAULT;
            }
        }
        return null;
    }

    private static int remaining(ByteBuffer[] buffers) {
        int n = 0;
        for (ByteBuffer b : buffers) {
            n += b.remaining();
        }
        return n;
    }

    /** Why a send cannot go now, or {@code null}. */
    WsaError sendBlocker() {
        if (s.conn == null || s.connecting()) {
            return WsaError.WSAENOTCONN;
        }
        if (s.sendShutdown) {
            return WsaError.WSAESHUTDOWN;
        }
        if (s.conn.state() == State.CLOSED) {
            return switch (s.conn.ending()) {
                case REFUSED -> WsaError.WSAENOTCONN;
                case MOVED -> WsaError.WSAESHUTDOWN; // the connection went on in another process
                default -> WsaError.WSAECONNRESET;
            };
        }
        return null;
    }

    /** Bytes a send may queue now: none while the connection is frozen for a hand-over to another process. */
    int sendSpace() {
        return s.conn.frozen() ? 0 : Math.max(0, s.options.sendQueueLimit() - s.conn.txBytes());
    }

    WspResult<Integer> send(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        WsaError bad = checkBuffers(buffers);
        if (bad != null) {
            return WspResult.fail(bad);
        }
        if ((flags & MsgFlags.MSG_OOB) != 0) {
            return WspResult.fail(WsaError.WSAEOPNOTSUPP);
        }
        WsaError blocker = sendBlocker();
        if (blocker != null) {
            return WspResult.fail(blocker);
        }
        int total = remaining(buffers);
        if (overlapped != null) {
            if (!beginOverlapped(overlapped)) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            int n = s.pendingSends.isEmpty() ? s.conn.offer(buffers, Math.min(total, sendSpace())) : 0;
            if (n == total) {
                complete(overlapped, null, total);
                return WspResult.ok(total);
            }
            s.pendingSends.add(new PendingTransfer(overlapped, buffers, flags, n));
            return WspResult.pending();
        }
        if (total == 0) {
            return WspResult.ok(0);
        }
        if (s.isNonBlocking()) {
            int n = s.conn.offer(buffers, Math.min(total, sendSpace()));
            if (n < total) {
                s.writeArmed = true;
            }
            return n == 0 ? WspResult.fail(WsaError.WSAEWOULDBLOCK) : WspResult.ok(n);
        }
        int sent = 0;
        long timeout = s.options.sendTimeoutNanos();
        while (true) {
            sent += s.conn.offer(buffers, Math.min(total - sent, sendSpace()));
            if (sent == total) {
                return WspResult.ok(total);
            }
            WsaError e = s.await(() -> sendBlocker() != null || sendSpace() > 0, timeout);
            if (e != null) {
                return WspResult.fail(e);
            }
            blocker = sendBlocker();
            if (blocker != null) {
                return WspResult.fail(blocker);
            }
        }
    }

    /** Whether a recv would answer now (data, the end of the stream, or an error). */
    boolean recvReady() {
        return s.conn != null && !s.connecting() && (s.conn.rxBytes() > 0 || s.conn.state() == State.CLOSED);
    }

    /** The immediate answer of a recv when {@link #recvReady()}. */
    private WspResult<Integer> recvNow(ByteBuffer[] buffers, int flags) {
        if (s.conn.rxBytes() > 0) {
            int n = s.conn.read(buffers, (flags & MsgFlags.MSG_PEEK) != 0);
            s.readPosted = false;
            s.refresh();
            return WspResult.ok(n);
        }
        if (s.conn.ending() == Ending.RESET) {
            return WspResult.fail(WsaError.WSAECONNRESET);
        }
        if (s.conn.ending() == Ending.REFUSED) {
            return WspResult.fail(WsaError.WSAENOTCONN);
        }
        if (s.conn.ending() == Ending.MOVED) {
            return WspResult.fail(WsaError.WSAESHUTDOWN);
        }
        s.refresh();
        return WspResult.ok(0);
    }

    WspResult<Integer> recv(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        WsaError bad = checkBuffers(buffers);
        if (bad != null) {
            return WspResult.fail(bad);
        }
        if ((flags & MsgFlags.MSG_OOB) != 0) {
            return WspResult.fail(WsaError.WSAEOPNOTSUPP);
        }
        if (s.conn == null || s.connecting()) {
            return WspResult.fail(WsaError.WSAENOTCONN);
        }
        if (s.receiveShutdown) {
            return WspResult.fail(WsaError.WSAESHUTDOWN);
        }
        if (overlapped != null) {
            if (!beginOverlapped(overlapped)) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            if (s.pendingRecvs.isEmpty() && recvReady()) {
                WspResult<Integer> r = recvNow(buffers, flags);
                complete(overlapped, r.error(), r.isOk() ? r.value() : 0);
                return r;
            }
            s.pendingRecvs.add(new PendingTransfer(overlapped, buffers, flags, 0));
            return WspResult.pending();
        }
        if (recvReady()) {
            WspResult<Integer> r = recvNow(buffers, flags);
            if ((flags & MsgFlags.MSG_WAITALL) == 0 || !r.isOk() || r.value() == 0 || s.isNonBlocking()) {
                return r;
            }
            return waitAll(buffers, flags, r.value());
        }
        if (s.isNonBlocking()) {
            s.readPosted = false;
            return WspResult.fail(WsaError.WSAEWOULDBLOCK);
        }
        long timeout = s.options.receiveTimeoutNanos();
        // shutdown never ends a blocked recv (observed Windows): after SD_RECEIVE only close, cancel or the
        // deadline do, even when SD_BOTH's DISCONNECT has ended the connection
        WsaError e = s.await(() -> !s.receiveShutdown && recvReady(), timeout);
        if (e != null) {
            return WspResult.fail(e);
        }
        WspResult<Integer> r = recvNow(buffers, flags);
        if ((flags & MsgFlags.MSG_WAITALL) == 0 || !r.isOk() || r.value() == 0) {
            return r;
        }
        return waitAll(buffers, flags, r.value());
    }

    /** MSG_WAITALL: keep reading until the buffers are full, the stream ends, or an error (then what was read). */
    private WspResult<Integer> waitAll(ByteBuffer[] buffers, int flags, int already) {
        int got = already;
        long timeout = s.options.receiveTimeoutNanos();
        while (remaining(buffers) > 0) {
            WsaError e = s.await(this::recvReady, timeout);
            if (e != null) {
                return WspResult.ok(got);
            }
            WspResult<Integer> r = recvNow(buffers, flags & ~MsgFlags.MSG_PEEK);
            if (!r.isOk() || r.value() == 0) {
                break;
            }
            got += r.value();
        }
        return WspResult.ok(got);
    }

    WspResult<Void> shutdown(int how) {
        if (!ShutdownHow.isValid(how)) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        if (s.conn == null || s.connecting()) {
            return WspResult.fail(WsaError.WSAENOTCONN);
        }
        if (ShutdownHow.stopsReceiving(how) && !s.receiveShutdown) {
            s.receiveShutdown = true;
            discardIncomingUnlessAwaited();
        }
        if (ShutdownHow.stopsSending(how) && !s.sendShutdown) {
            // no half-close in IrDA: drain TinyTP's queue, then DISCONNECT(1) ends both directions
            s.sendShutdown = true;
            s.conn.drainThenDisconnect();
        }
        s.refresh();
        return WspResult.ok();
    }

    /**
     * After SD_RECEIVE incoming data is dropped (its credit returned), except while overlapped receives pending at
     * the shutdown wait: they still complete with what the peer sends (observed Windows).
     */
    void discardIncomingUnlessAwaited() {
        if (s.receiveShutdown && s.pendingRecvs.isEmpty() && s.conn != null) {
            s.conn.discardIncoming();
        }
    }

    private boolean beginOverlapped(Overlapped ov) {
        // the runtime may have marked it in use already; otherwise this operation does
        return ov.isPending() || ov.begin(Thread.currentThread());
    }

    /** Recorded under the lock, performed after it ({@link IrdaProvider#due()}). */
    private void complete(Overlapped ov, WsaError error, int bytes) {
        s.provider.due().add(ov, error, bytes, 0, null);
    }

    void progressOverlapped() {
        while (!s.pendingRecvs.isEmpty() && recvReady()) {
            PendingTransfer p = s.pendingRecvs.first();
            WspResult<Integer> r = recvNow(p.buffers(), p.flags());
            if (r.isOk()) {
                p.moved(r.value());
            }
            s.pendingRecvs.completeFirst(r.error(), 0, null, s.provider.due());
            discardIncomingUnlessAwaited();
        }
        while (!s.pendingSends.isEmpty()) {
            PendingTransfer p = s.pendingSends.first();
            WsaError blocker = sendBlocker();
            if (blocker != null) {
                s.pendingSends.completeFirst(blocker, 0, null, s.provider.due());
                continue;
            }
            p.moved(s.conn.offer(p.buffers(), (int) Math.min(p.remaining(), sendSpace())));
            if (p.remaining() > 0) {
                break;
            }
            s.pendingSends.completeFirst(null, 0, null, s.provider.due());
        }
    }
}
