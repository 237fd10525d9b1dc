package io.jwsp.layer.faults;

import io.jwsp.layer.faults.FaultScope.Direction;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.DuplicateInfo;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.AcceptCondition;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.Received;
import io.jwsp.spi.kit.ForwardingSocket;
import io.jwsp.spi.option.IoControl;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * A socket whose calls the fault plan may break. Each call first asks the plan; without a fault it passes down.
 * Drop applies to blocking and nonblocking data calls; overlapped data calls pass down untouched by Drop (their
 * completion does not go through the layer).
 */
final class FaultSocket extends ForwardingSocket implements FaultTarget {
    private final FaultProvider provider;
    private final FaultScope scope;
    private final int ordinal;
    private final boolean accepted;
    private volatile boolean reset;
    private volatile boolean lowerClosed;

    FaultSocket(FaultProvider provider, WspSocket delegate, int ordinal, boolean accepted) {
        super(provider, delegate);
        this.provider = provider;
        this.ordinal = ordinal;
        this.accepted = accepted;
        this.scope = new FaultScope(this);
    }

    // ---- FaultTarget

    @Override
    public int ordinal() {
        return ordinal;
    }

    @Override
    public boolean accepted() {
        return accepted;
    }

    @Override
    public SockAddr localAddress() {
        WspResult<SockAddr> r = delegate.getSockName();
        return r.isOk() ? r.value() : null;
    }

    @Override
    public SockAddr peerAddress() {
        WspResult<SockAddr> r = delegate.getPeerName();
        return r.isOk() ? r.value() : null;
    }

    @Override
    protected WspSocket wrapAccepted(WspSocket lowerSocket) {
        return provider.newSocket(lowerSocket, true);
    }

    // ---- the fault path

    private FaultAction decide(String call, Direction direction) {
        return provider.decide(scope, call, direction);
    }

    /**
     * What the fault answers in place of the call, or null to pass the call down (after a delay; Drop is the data
     * calls' own business).
     */
    private <T> WspResult<T> answer(FaultAction a, boolean closing) {
        return switch (a) {
            case null -> null;
            case FaultAction.Fail f -> WspResult.fail(f.error());
            case FaultAction.Delay d -> provider.sleep(d) ? null : WspResult.fail(WsaError.WSAEINTR);
            case FaultAction.Drop x -> null;
            case FaultAction.Reset r -> {
                resetNow();
                yield closing ? WspResult.<T>ok(null) : WspResult.fail(WsaError.WSAECONNRESET);
            }
        };
    }

    /** Closes the socket below abortively, so the peer sees a reset, and answers WSAECONNRESET from now on. */
    private void resetNow() {
        reset = true;
        synchronized (this) {
            if (!lowerClosed) {
                lowerClosed = true;
                delegate.setSockOpt(SocketOptions.SO_LINGER, Linger.of(0));
                delegate.closeSocket();
            }
        }
    }

    /** A call without data: the plan first, then down. */
    private <T> WspResult<T> call(String call, Supplier<WspResult<T>> down) {
        if (reset) {
            return WspResult.fail(WsaError.WSAECONNRESET);
        }
        WspResult<T> f = answer(decide(call, Direction.NONE), false);
        return f != null ? f : down.get();
    }

    private WspResult<Integer> counted(Direction direction, WspResult<Integer> r) {
        if (r.isOk()) {
            scope.moved(direction, r.value());
        }
        return r;
    }

    /** Consumes the buffers as a send would and answers how many bytes vanished; -1 for bad buffers. */
    private static int consume(ByteBuffer[] buffers) {
        if (buffers == null) {
            return -1;
        }
        int n = 0;
        for (ByteBuffer b : buffers) {
            if (b == null) {
                return -1;
            }
        }
        for (ByteBuffer b : buffers) {
            n += b.remaining();
            b.position(b.limit());
        }
        return n;
    }

    private static int[] positions(ByteBuffer[] buffers) {
        if (buffers == null) {
            return null;
        }
        int[] p = new int[buffers.length];
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i] == null) {
                return null;
            }
            p[i] = buffers[i].position();
        }
        return p;
    }

    private static void restore(ByteBuffer[] buffers, int[] positions) {
        for (int i = 0; i < buffers.length; i++) {
            buffers[i].position(positions[i]);
        }
    }

    // ---- the calls

    @Override
    public WspResult<Void> closeSocket() {
        if (reset) {
            // the socket below was closed when the reset fired; the application's close just succeeds
            return WspResult.ok();
        }
        WspResult<Void> f = answer(decide("closeSocket", Direction.NONE), true);
        if (f != null) {
            return f;
        }
        return reset ? WspResult.ok() : delegate.closeSocket();
    }

    @Override
    public WspResult<Void> bind(SockAddr name) {
        return call("bind", () -> delegate.bind(name));
    }

    @Override
    public WspResult<Void> listen(int backlog) {
        return call("listen", () -> delegate.listen(backlog));
    }

    @Override
    public WspResult<Accepted> accept(AcceptCondition condition) {
        return call("accept", () -> super.accept(condition));
    }

    @Override
    public WspResult<Void> connect(SockAddr name) {
        return call("connect", () -> delegate.connect(name));
    }

    @Override
    public WspResult<Integer> send(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        return sendLike("send", buffers, overlapped, () -> delegate.send(buffers, flags, overlapped));
    }

    @Override
    public WspResult<Integer> sendTo(ByteBuffer[] buffers, int flags, SockAddr to, Overlapped overlapped) {
        return sendLike("sendTo", buffers, overlapped, () -> delegate.sendTo(buffers, flags, to, overlapped));
    }

    private WspResult<Integer> sendLike(String call, ByteBuffer[] buffers, Overlapped overlapped,
                                        Supplier<WspResult<Integer>> down) {
        if (reset) {
            return WspResult.fail(WsaError.WSAECONNRESET);
        }
        FaultAction a = decide(call, Direction.OUT);
        if (a instanceof FaultAction.Drop && overlapped == null) {
            int n = consume(buffers);
            if (n >= 0) {
                scope.moved(Direction.OUT, n);
                return WspResult.ok(n);
            }
        }
        WspResult<Integer> f = answer(a, false);
        return f != null ? f : counted(Direction.OUT, down.get());
    }

    @Override
    public WspResult<Integer> recv(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        if (reset) {
            return WspResult.fail(WsaError.WSAECONNRESET);
        }
        FaultAction a = decide("recv", Direction.IN);
        if (a instanceof FaultAction.Drop && overlapped == null) {
            WspResult<Integer> dropped = dropOnce(buffers, () -> delegate.recv(buffers, flags, null));
            if (dropped != null) {
                return dropped;
            }
        }
        WspResult<Integer> f = answer(a, false);
        return f != null ? f : counted(Direction.IN, delegate.recv(buffers, flags, overlapped));
    }

    @Override
    public WspResult<Received> recvFrom(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        if (reset) {
            return WspResult.fail(WsaError.WSAECONNRESET);
        }
        FaultAction a = decide("recvFrom", Direction.IN);
        if (a instanceof FaultAction.Drop && overlapped == null) {
            WspResult<Integer> dropped = dropOnce(buffers,
                    () -> delegate.recvFrom(buffers, flags, null).map(Received::bytes));
            if (dropped != null) {
                return dropped.retype();
            }
        }
        WspResult<Received> f = answer(a, false);
        if (f != null) {
            return f;
        }
        WspResult<Received> r = delegate.recvFrom(buffers, flags, overlapped);
        if (r.isOk()) {
            scope.moved(Direction.IN, r.value().bytes());
        }
        return r;
    }

    /**
     * Reads once from below and throws the bytes away (positions go back). Answers null when something was
     * dropped (the caller then reads again), or the result to hand up as it is (an error, the end of the stream).
     */
    private WspResult<Integer> dropOnce(ByteBuffer[] buffers, Supplier<WspResult<Integer>> read) {
        int[] marks = positions(buffers);
        if (marks == null) {
            return null;
        }
        WspResult<Integer> first = read.get();
        if (!first.isOk() || first.value() == 0) {
            return first;
        }
        restore(buffers, marks);
        scope.moved(Direction.IN, first.value());
        return null;
    }

    @Override
    public WspResult<Void> shutdown(int how) {
        return call("shutdown", () -> delegate.shutdown(how));
    }

    @Override
    public <T> WspResult<Void> setSockOpt(SockOpt<T> option, T value) {
        return call("setSockOpt", () -> delegate.setSockOpt(option, value));
    }

    @Override
    public <T> WspResult<T> getSockOpt(SockOpt<T> option) {
        return call("getSockOpt", () -> delegate.getSockOpt(option));
    }

    @Override
    public <I, O> WspResult<O> ioctl(IoControl<I, O> code, I input, Overlapped overlapped) {
        return call("ioctl", () -> super.ioctl(code, input, overlapped)); // super: no extension function passes
    }

    @Override
    public WspResult<SockAddr> getSockName() {
        return call("getSockName", delegate::getSockName);
    }

    @Override
    public WspResult<SockAddr> getPeerName() {
        return call("getPeerName", delegate::getPeerName);
    }

    @Override
    public WspResult<Void> eventSelect(WspEvent event, int networkEvents) {
        return call("eventSelect", () -> delegate.eventSelect(event, networkEvents));
    }

    @Override
    public WspResult<NetworkEvents> enumNetworkEvents(WspEvent eventToReset) {
        return call("enumNetworkEvents", () -> delegate.enumNetworkEvents(eventToReset));
    }

    @Override
    public WspResult<DuplicateInfo> duplicateSocket(long processId) {
        return call("duplicateSocket", () -> delegate.duplicateSocket(processId));
    }

    @Override
    public WspResult<Void> sendDisconnect(ByteBuffer disconnectData) {
        return call("sendDisconnect", () -> delegate.sendDisconnect(disconnectData));
    }

    @Override
    public WspResult<Integer> recvDisconnect(ByteBuffer disconnectData) {
        return call("recvDisconnect", () -> delegate.recvDisconnect(disconnectData));
    }

    @Override
    public WspResult<WspSocket> joinLeaf(SockAddr name, int flags) {
        return call("joinLeaf", () -> super.joinLeaf(name, flags));
    }

    @Override
    public String toString() {
        return "FaultSocket[" + ordinal + (reset ? ", reset" : "") + "]";
    }
}
