package io.jwsp.provider.tcp;

import static io.jwsp.provider.tcp.ReceiveBuffer.hasRemaining;

import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.io.MsgFlags;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.kit.SocketCore;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.kit.pending.PendingQueue;
import io.jwsp.spi.kit.pending.PendingTransfer;
import io.jwsp.spi.kit.state.SocketStatus;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * send and recv on a connected tcp socket, on one of three paths:
 *
 * <ul>
 *   <li><b>direct</b>: a blocking channel and a plain blocking call: the JDK's own blocking write or read, without
 *       the socket's lock, so the hot path costs what a raw SocketChannel costs (one lock round for the checks, no
 *       kernel counter, no allocation of ours, no poller hand-off);</li>
 *   <li><b>polled</b>: one nonblocking attempt under the lock, and between attempts the kit's blocking-call loop
 *       ({@link SocketCore#block}) parks on the clock until the poller reports readiness;</li>
 *   <li><b>overlapped</b>: an attempt at once, else a {@link PendingTransfer} in the kit's FIFO queue, finished by the
 *       poller ({@link #completeReceives}, {@link #completeSends}); completions always fire after the lock is
 *       released.</li>
 * </ul>
 */
final class StreamTransfers {
    private final TcpSocket socket;
    private final SocketCore core;
    private final ReentrantLock lock;
    private final KernelChannel channel;

    StreamTransfers(TcpSocket socket) {
        this.socket = socket;
        this.core = socket.core();
        this.lock = socket.lock();
        this.channel = socket.channel();
    }

    // ------------------------------------------------------------------ send

    WspResult<Integer> send(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        if (buffers == null || hasNull(buffers)) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        boolean direct;
        lock.lock();
        try {
            WsaError refused = sendRefusal();
            if (refused != null) {
                return WspResult.fail(refused);
            }
            direct = overlapped == null && (flags & MsgFlags.MSG_OOB) == 0 && socket.enterDirectCall();
        } finally {
            lock.unlock();
        }
        if (direct) {
            return directSend(channel.stream(), buffers);
        }
        if ((flags & MsgFlags.MSG_OOB) != 0) {
            return sendUrgent(buffers);
        }
        channel.ensurePolled();
        return overlapped != null ? overlappedSend(buffers, flags, overlapped) : polledSend(buffers);
    }

    private WsaError sendRefusal() {
        SocketStatus status = core.status();
        WsaError e = status.ensureConnected();
        return e != null ? e : status.sendShut() ? WsaError.WSAESHUTDOWN : null;
    }

    private WspResult<Integer> directSend(SocketChannel ch, ByteBuffer[] buffers) {
        long total = 0;
        try {
            // one blocking write takes everything on a platform thread; a virtual thread's may be partial
            do {
                long n = buffers.length == 1 ? ch.write(buffers[0]) : ch.write(buffers);
                if (n == 0 && !ch.isBlocking()) {
                    break; // the channel turned nonblocking under us: the rest goes the polled way
                }
                total += n;
                socket.tapData(n);
            } while (hasRemaining(buffers));
        } catch (ClosedChannelException e) {
            return WspResult.fail(socket.isClosed() ? WsaError.WSAEINTR : WsaError.WSAENOTSOCK);
        } catch (IOException e) {
            return WspResult.fail(socket.isClosed() ? WsaError.WSAEINTR : socket.ioFailed(e));
        } finally {
            channel.leaveDirect();
        }
        if (!hasRemaining(buffers)) {
            return WspResult.ok((int) total);
        }
        WspResult<Integer> rest = polledSend(buffers);
        return rest.isOk() ? WspResult.ok((int) total + rest.value()) : rest;
    }

    private WspResult<Integer> polledSend(ByteBuffer[] buffers) {
        SocketReadiness readiness = socket.readiness();
        long[] total = {0};
        lock.lock();
        try {
            boolean nonBlocking = socket.isNonBlocking();
            return core.block(nonBlocking, socket.options().sndTimeoutMs() * 1_000_000L, () -> {
                if (readiness.sendBlocked()) {
                    // the queue was full: wait for the kernel's writability (EPOLLOUT) before trying again
                    return nonBlocking ? null : readiness.awaitWritable();
                }
                try {
                    long n = buffers.length == 1 ? channel.stream().write(buffers[0])
                            : channel.stream().write(buffers);
                    total[0] += n;
                    socket.tapData(n);
                } catch (ClosedChannelException e) {
                    return WspResult.fail(socket.isClosed() ? WsaError.WSAEINTR : WsaError.WSAENOTSOCK);
                } catch (IOException e) {
                    return WspResult.fail(socket.ioFailedLocked(e));
                }
                if (!hasRemaining(buffers) || (nonBlocking && total[0] > 0)) {
                    return WspResult.ok((int) total[0]);
                }
                if (nonBlocking) {
                    readiness.sendWouldBlock();
                    return null;
                }
                return readiness.awaitWritable();
            });
        } finally {
            lock.unlock();
        }
    }

    private WspResult<Integer> sendUrgent(ByteBuffer[] buffers) {
        int n = 0;
        try {
            SocketChannel ch = channel.stream();
            for (ByteBuffer b : buffers) {
                while (b.hasRemaining()) {
                    ch.socket().sendUrgentData(b.get());
                    n++;
                }
            }
            socket.tapData(n);
            return WspResult.ok(n);
        } catch (IOException e) {
            return n > 0 ? WspResult.ok(n) : WspResult.fail(socket.ioFailed(e));
        }
    }

    private WspResult<Integer> overlappedSend(ByteBuffer[] buffers, int flags, Overlapped ov) {
        beginOverlapped(ov);
        DeferredCompletions done = new DeferredCompletions();
        int sent;
        lock.lock();
        try {
            PendingTransfer p = new PendingTransfer(ov, buffers, flags, 0);
            PendingQueue sends = core.sends();
            SocketReadiness readiness = socket.readiness();
            if (!sends.isEmpty() || readiness.sendBlocked()) {
                sends.add(p); // behind the others, in order
                readiness.update();
                return WspResult.pending();
            }
            WsaError err = writeSome(p);
            if (err != null) {
                ov.finish(err, p.transferred(), 0, null); // an immediate failure runs no completion, as on Windows
                return WspResult.fail(err);
            }
            if (p.remaining() > 0) {
                sends.add(p);
                readiness.sendWouldBlock(); // the rest goes when the poller sees the queue writable again
                return WspResult.pending();
            }
            sent = p.transferred();
            done.add(ov, null, sent, 0, null);
        } finally {
            lock.unlock();
        }
        core.fire(done);
        return WspResult.ok(sent);
    }

    /** One nonblocking write for a pending overlapped send; answers the error, if any. Lock held. */
    private WsaError writeSome(PendingTransfer p) {
        try {
            long n = channel.stream().write(p.buffers());
            p.moved((int) n);
            socket.tapData(n);
            return null;
        } catch (ClosedChannelException e) {
            return WsaError.WSA_OPERATION_ABORTED;
        } catch (IOException e) {
            return socket.ioFailedLocked(e);
        }
    }

    /** The poller saw the kernel's queue writable: pending sends go on, oldest first. Lock held. */
    void completeSends(DeferredCompletions done) {
        PendingQueue sends = core.sends();
        while (!sends.isEmpty()) {
            PendingTransfer p = sends.first();
            WsaError err = writeSome(p);
            if (err == null && p.remaining() > 0) {
                return;
            }
            sends.completeFirst(err, 0, null, done);
        }
    }

    // ------------------------------------------------------------------ recv

    WspResult<Integer> recv(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        if (buffers == null || hasNull(buffers)) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        boolean direct;
        lock.lock();
        try {
            WsaError refused = receiveRefusal(flags);
            if (refused != null) {
                return WspResult.fail(refused);
            }
            if (overlapped == null && !hasRemaining(buffers)) {
                return WspResult.ok(0); // nothing asked for: answered at once, as Winsock does
            }
            direct = overlapped == null && flags == 0 && socket.receive().isQuiet() && socket.enterDirectCall();
        } finally {
            lock.unlock();
        }
        if (direct) {
            return directRecv(channel.stream(), buffers);
        }
        channel.ensurePolled(); // peek, wait-all or a stash need the nonblocking path
        return overlapped != null ? overlappedRecv(buffers, flags, overlapped) : polledRecv(buffers, flags);
    }

    private WsaError receiveRefusal(int flags) {
        SocketStatus status = core.status();
        WsaError e = status.ensureConnected();
        if (e != null) {
            return e;
        }
        if (status.receiveShut()) {
            return WsaError.WSAESHUTDOWN;
        }
        return (flags & MsgFlags.MSG_OOB) != 0 ? WsaError.WSAEOPNOTSUPP : null;
    }

    private WspResult<Integer> directRecv(SocketChannel ch, ByteBuffer[] buffers) {
        long n;
        try {
            n = buffers.length == 1 ? ch.read(buffers[0]) : ch.read(buffers);
        } catch (ClosedChannelException e) {
            return WspResult.fail(socket.isClosed() ? WsaError.WSAEINTR : WsaError.WSAENOTSOCK);
        } catch (IOException e) {
            return WspResult.fail(socket.isClosed() ? WsaError.WSAEINTR : socket.ioFailed(e));
        } finally {
            channel.leaveDirect();
        }
        if (n > 0) {
            return WspResult.ok((int) n);
        }
        if (n == 0) {
            return polledRecv(buffers, 0); // the channel turned nonblocking under us: wait the polled way
        }
        lock.lock();
        try {
            socket.receive().markEof();
        } finally {
            lock.unlock();
        }
        return WspResult.ok(0);
    }

    private WspResult<Integer> polledRecv(ByteBuffer[] buffers, int flags) {
        boolean waitAll = (flags & MsgFlags.MSG_WAITALL) != 0 && (flags & MsgFlags.MSG_PEEK) == 0;
        SocketReadiness readiness = socket.readiness();
        int[] total = {0};
        lock.lock();
        try {
            boolean nonBlocking = socket.isNonBlocking();
            return core.block(nonBlocking, socket.options().rcvTimeoutMs() * 1_000_000L, () -> {
                while (true) {
                    WspResult<Integer> r = tryRecv(buffers, flags);
                    if (r == null) {
                        if (nonBlocking) {
                            return total[0] > 0 ? WspResult.ok(total[0]) : null;
                        }
                        readiness.awaitReadable();
                        return null;
                    }
                    if (!r.isOk()) {
                        readiness.noticeEnd();
                        return total[0] > 0 ? WspResult.ok(total[0]) : r;
                    }
                    readiness.reenableRead();
                    total[0] += r.value();
                    if (!waitAll || r.value() == 0 || !hasRemaining(buffers)) {
                        return WspResult.ok(total[0]);
                    }
                }
            });
        } finally {
            lock.unlock();
        }
    }

    /** One nonblocking receive (bytes, 0 at the end, an error, or {@code null} for would-block). Lock held. */
    WspResult<Integer> tryRecv(ByteBuffer[] buffers, int flags) {
        return socket.receive().tryRecv(channel.stream(), buffers, flags, socket::ioFailedLocked, socket.isClosed());
    }

    private WspResult<Integer> overlappedRecv(ByteBuffer[] buffers, int flags, Overlapped ov) {
        beginOverlapped(ov);
        DeferredCompletions done = new DeferredCompletions();
        WspResult<Integer> r = null;
        lock.lock();
        try {
            PendingQueue receives = core.receives();
            if (receives.isEmpty()) {
                r = tryRecv(buffers, flags);
            }
            if (r == null) {
                receives.add(new PendingTransfer(ov, buffers, flags, 0));
                socket.readiness().update();
                return WspResult.pending();
            }
            if (!r.isOk()) {
                socket.readiness().noticeEnd();
                ov.finish(r.error(), 0, 0, null); // an immediate failure runs no completion, as on Windows
                return r;
            }
            socket.readiness().reenableRead();
            done.add(ov, null, r.value(), 0, null);
        } finally {
            lock.unlock();
        }
        core.fire(done);
        return r;
    }

    /** The poller saw the kernel readable: pending receives complete, oldest first. Lock held. */
    void completeReceives(DeferredCompletions done) {
        PendingQueue receives = core.receives();
        while (!receives.isEmpty()) {
            PendingTransfer p = receives.first();
            WspResult<Integer> r = tryRecv(p.buffers(), p.flags());
            if (r == null) {
                return;
            }
            if (r.isOk()) {
                p.moved(r.value());
            }
            receives.completeFirst(r.isOk() ? null : r.error(), 0, null, done);
            socket.readiness().noticeEnd();
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void beginOverlapped(Overlapped ov) {
        if (!ov.isPending()) {
            ov.begin(Thread.currentThread()); // unless the runtime already did
        }
    }

    private static boolean hasNull(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (b == null) {
                return true;
            }
        }
        return false;
    }
}
