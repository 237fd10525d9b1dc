package io.jwsp.spi.kit.transmit;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.io.Completion;
import io.jwsp.spi.io.CompletionPacket;
import io.jwsp.spi.io.CompletionPort;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.kit.SocketCore;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.ext.connect.TransmitFlags;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * One TransmitFile or TransmitPackets in progress: a chain of overlapped sends on the socket's own send path, one
 * at a time (so each is complete before the next is cut and the bytes stay in order), then the disconnect if asked.
 * Each step is issued with a record of the transmit's own whose completion comes back here ({@link #post}, through
 * the provider's completer like any other); a step that completes during its issue goes on in the same loop, one
 * that completes later goes on in a virtual thread, so no provider thread ever runs a transmit. A close aborts the
 * step in flight (the kit aborts every pending send) or refuses the next one; CancelIo/CancelIoEx reach it through
 * {@link Transmissions}: either way the transmit completes with WSA_OPERATION_ABORTED and the bytes sent so far.
 */
final class Transmission implements CompletionPort {
    private final SocketCore core;
    private final WspSocket socket;
    private final SendCursor cursor;
    private final Overlapped app;
    private final int flags;
    private final TransmitDisconnect disconnect;
    private final Runnable onSuccess;
    private final Overlapped step = new Overlapped(new Completion.Port(this, 0));

    // guarded by this
    private long sent;
    private ByteBuffer[] current;
    private boolean starting = true;
    private boolean issuing;
    private boolean arrived;
    private boolean inFlight;
    private boolean cancelled;
    private boolean disconnecting;
    private boolean finished;
    private WsaError stepError;
    private int stepBytes;
    private WsaError outcome;

    Transmission(SocketCore core, WspSocket socket, SendCursor cursor, Overlapped app, int flags,
                 TransmitDisconnect disconnect, Runnable onSuccess) {
        this.core = core;
        this.socket = socket;
        this.cursor = cursor;
        this.app = app;
        this.flags = flags;
        this.disconnect = disconnect;
        this.onSuccess = onSuccess;
    }

    Overlapped overlapped() {
        return app;
    }

    /**
     * Runs as far as the send path takes it at once. Overlapped: pending, or the answer of a transmit that finished
     * at once (a success still completed the record; a failure did not). Blocking: waits for the end.
     */
    WspResult<Integer> start() {
        core.transmissions().add(this);
        drive();
        if (app == null) {
            return awaitEnd();
        }
        synchronized (this) {
            starting = false;
            if (!finished) {
                return WspResult.pending();
            }
            return outcome == null ? WspResult.ok((int) sent) : WspResult.fail(outcome);
        }
    }

    /** A blocking transmit's wait: its end, or the socket's close or WSPCancelBlockingCall (WSAEINTR). */
    private WspResult<Integer> awaitEnd() {
        WspResult<Integer> r;
        core.lock().lock();
        try {
            r = core.block(false, 0, this::endOrNull);
        } finally {
            core.lock().unlock();
        }
        synchronized (this) {
            if (finished && outcome == null) {
                return WspResult.ok((int) sent); // done before a close the wait saw first
            }
        }
        if (r.isFailed()) {
            cancel(); // the caller stopped waiting: nothing may go on sending in its name
            if (core.status().isClosing()) {
                return WspResult.fail(WsaError.WSAEINTR); // however far the close got before the wait began
            }
        }
        return r;
    }

    private synchronized WspResult<Integer> endOrNull() {
        if (!finished) {
            return null;
        }
        return outcome == null ? WspResult.ok((int) sent) : WspResult.fail(outcome);
    }

    /** CancelIo / CancelIoEx or an abandoned blocking call: answers false when the transmit had already ended. */
    boolean cancel() {
        boolean abortStep;
        synchronized (this) {
            if (finished) {
                return false;
            }
            cancelled = true;
            abortStep = inFlight && !issuing;
        }
        if (abortStep) {
            core.cancelIo(step);
        }
        return true;
    }

    private void drive() {
        while (true) {
            ByteBuffer[] next;
            synchronized (this) {
                if (finished) {
                    return;
                }
                if (cancelled) {
                    finish(WsaError.WSA_OPERATION_ABORTED);
                    return;
                }
                next = current != null && hasRemaining(current) ? current : null;
            }
            if (next == null) {
                try {
                    next = cursor.next();
                } catch (TransmitReadFailure e) {
                    finish(e.error());
                    return;
                }
            }
            if (next == null) {
                if ((flags & TransmitFlags.TF_DISCONNECT) == 0) {
                    finish(null);
                    return;
                }
                synchronized (this) {
                    disconnecting = true;
                }
                int how = flags & TransmitFlags.TF_REUSE_SOCKET;
                if (issue(() -> disconnect.disconnect(how, step).map(v -> 0)) && account()) {
                    finish(null);
                }
                return;
            }
            ByteBuffer[] send = next;
            synchronized (this) {
                current = send;
            }
            if (!issue(() -> socket.send(send, 0, step)) || !account()) {
                return; // pending: its completion goes on; or ended
            }
        }
    }

    /** Issues one step; answers true when its outcome is already known (then {@link #account} reads it). */
    private boolean issue(Supplier<WspResult<Integer>> operation) {
        step.begin(Thread.currentThread(), null);
        synchronized (this) {
            issuing = true;
            arrived = false;
            inFlight = true;
        }
        WspResult<Integer> r;
        try {
            r = operation.get();
        } catch (RuntimeException e) {
            r = null;
        }
        boolean abortStep;
        synchronized (this) {
            issuing = false;
            if (arrived) {
                return true;
            }
            if (r == null || r.isFailed()) {
                WsaError e = r == null ? WsaError.WSASYSCALLFAILURE : r.error();
                step.finish(e, 0, 0, null);
                arrived(e, 0);
                return true;
            }
            if (r.isOk() && step.finish(null, r.value(), 0, null)) {
                arrived(null, r.value()); // done at once without its completion: the contract says it performs one
                return true;
            }
            abortStep = cancelled;
        }
        if (abortStep) {
            core.cancelIo(step);
        }
        return false;
    }

    /** A step's completion, through the provider's completer and the runtime's upcall; no socket lock held. */
    @Override
    public void post(CompletionPacket packet) {
        synchronized (this) {
            arrived(packet.error(), packet.bytesTransferred());
            if (issuing) {
                return; // the issuing loop goes on
            }
        }
        Thread.ofVirtual().name("jwsp-transmit").start(() -> {
            if (account()) {
                drive();
            }
        });
    }

    private void arrived(WsaError error, int bytes) {
        arrived = true;
        inFlight = false;
        stepError = error;
        stepBytes = bytes;
    }

    /** Counts the step's bytes; answers whether the transmit goes on. */
    private boolean account() {
        WsaError error;
        boolean last;
        synchronized (this) {
            sent += stepBytes;
            error = stepError;
            last = disconnecting;
        }
        if (error != null) {
            finish(error);
            return false;
        }
        if (last) {
            finish(null);
            return false;
        }
        return true;
    }

    private void finish(WsaError error) {
        boolean complete;
        WsaError end;
        int bytes;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            end = error == null ? null : cancelled || core.status().isClosing() ? WsaError.WSA_OPERATION_ABORTED
                    : error;
            outcome = end;
            bytes = (int) sent;
            complete = app != null && !(starting && end != null);
        }
        core.transmissions().remove(this);
        if (end == null) {
            onSuccess.run();
        }
        if (complete) {
            core.services().completer().complete(app, end, bytes, 0, null);
        }
        if (app == null) {
            core.lock().lock();
            try {
                core.signalChange();
            } finally {
                core.lock().unlock();
            }
        }
    }

    private static boolean hasRemaining(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
    }
}
