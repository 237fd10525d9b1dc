package io.jwsp.layer.trace;

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
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;

/**
 * A traced socket: each call passes down and then writes one DEBUG line. With DEBUG off a call costs one level
 * check more than a plain pass-through.
 */
final class TraceSocket extends ForwardingSocket {
    private final TraceProvider trace;
    private final String id;

    TraceSocket(TraceProvider trace, WspSocket delegate, String id) {
        super(trace, delegate);
        this.trace = trace;
        this.id = id;
    }

    String id() {
        return id;
    }

    private boolean off() {
        return !trace.log().isDebugEnabled();
    }

    private long now() {
        return trace.clock().nanoTime();
    }

    private <T> WspResult<T> done(String call, String args, long t0, WspResult<T> r) {
        return trace.done(id, call, args, t0, r, "");
    }

    private static String data(ByteBuffer[] buffers, int flags, Overlapped o) {
        long n = TraceLine.remaining(buffers);
        return (n < 0 ? "buffers=invalid" : "len=" + n) + " flags=0x" + Integer.toHexString(flags)
                + (o != null ? " overlapped" : "");
    }

    /** The payload suffix for a data call that moved {@code r}'s bytes, when the switch is on. */
    private String payload(ByteBuffer[] buffers, int[] marks, WspResult<?> r) {
        if (marks == null || !r.isOk()) {
            return "";
        }
        int count = switch (r.value()) {
            case Integer i -> i;
            case Received rc -> rc.bytes();
            default -> 0;
        };
        return TraceLine.payload(buffers, marks, count, trace.settings().payloadLimit());
    }

    private int[] marks(ByteBuffer[] buffers) {
        return trace.settings().payload() ? TraceLine.positions(buffers) : null;
    }

    @Override
    public WspResult<Void> closeSocket() {
        if (off()) {
            return delegate.closeSocket();
        }
        long t0 = now();
        return done("closeSocket", "", t0, delegate.closeSocket());
    }

    @Override
    public WspResult<Void> bind(SockAddr name) {
        if (off()) {
            return delegate.bind(name);
        }
        long t0 = now();
        return done("bind", "name=" + name, t0, delegate.bind(name));
    }

    @Override
    public WspResult<Void> listen(int backlog) {
        if (off()) {
            return delegate.listen(backlog);
        }
        long t0 = now();
        return done("listen", "backlog=" + backlog, t0, delegate.listen(backlog));
    }

    @Override
    public WspResult<Accepted> accept(AcceptCondition condition) {
        if (off()) {
            return super.accept(condition);
        }
        long t0 = now();
        return done("accept", condition == null ? "" : "condition", t0, super.accept(condition));
    }

    @Override
    public WspResult<Void> connect(SockAddr name) {
        if (off()) {
            return delegate.connect(name);
        }
        long t0 = now();
        return done("connect", "name=" + name, t0, delegate.connect(name));
    }

    @Override
    public WspResult<Integer> send(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        if (off()) {
            return delegate.send(buffers, flags, overlapped);
        }
        String args = data(buffers, flags, overlapped);
        int[] marks = marks(buffers);
        long t0 = now();
        WspResult<Integer> r = delegate.send(buffers, flags, overlapped);
        return trace.done(id, "send", args, t0, r, payload(buffers, marks, r));
    }

    @Override
    public WspResult<Integer> sendTo(ByteBuffer[] buffers, int flags, SockAddr to, Overlapped overlapped) {
        if (off()) {
            return delegate.sendTo(buffers, flags, to, overlapped);
        }
        String args = data(buffers, flags, overlapped) + " to=" + to;
        int[] marks = marks(buffers);
        long t0 = now();
        WspResult<Integer> r = delegate.sendTo(buffers, flags, to, overlapped);
        return trace.done(id, "sendTo", args, t0, r, payload(buffers, marks, r));
    }

    @Override
    public WspResult<Integer> recv(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        if (off()) {
            return delegate.recv(buffers, flags, overlapped);
        }
        String args = data(buffers, flags, overlapped).replace("len=", "room=");
        int[] marks = marks(buffers);
        long t0 = now();
        WspResult<Integer> r = delegate.recv(buffers, flags, overlapped);
        return trace.done(id, "recv", args, t0, r, payload(buffers, marks, r));
    }

    @Override
    public WspResult<Received> recvFrom(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        if (off()) {
            return delegate.recvFrom(buffers, flags, overlapped);
        }
        String args = data(buffers, flags, overlapped).replace("len=", "room=");
        int[] marks = marks(buffers);
        long t0 = now();
        WspResult<Received> r = delegate.recvFrom(buffers, flags, overlapped);
        return trace.done(id, "recvFrom", args, t0, r, payload(buffers, marks, r));
    }

    @Override
    public WspResult<Void> shutdown(int how) {
        if (off()) {
            return delegate.shutdown(how);
        }
        long t0 = now();
        return done("shutdown", "how=" + how, t0, delegate.shutdown(how));
    }

    @Override
    public <T> WspResult<Void> setSockOpt(SockOpt<T> option, T value) {
        if (off()) {
            return delegate.setSockOpt(option, value);
        }
        long t0 = now();
        return done("setSockOpt", option + "=" + value, t0, delegate.setSockOpt(option, value));
    }

    @Override
    public <T> WspResult<T> getSockOpt(SockOpt<T> option) {
        if (off()) {
            return delegate.getSockOpt(option);
        }
        long t0 = now();
        return done("getSockOpt", String.valueOf(option), t0, delegate.getSockOpt(option));
    }

    @Override
    public <I, O> WspResult<O> ioctl(IoControl<I, O> code, I input, Overlapped overlapped) {
        if (off()) {
            return super.ioctl(code, input, overlapped);
        }
        long t0 = now();
        return done("ioctl", code + (input != null ? "=" + input : "") + (overlapped != null ? " overlapped" : ""),
                t0, super.ioctl(code, input, overlapped)); // super: no extension function passes a layer
    }

    @Override
    public WspResult<SockAddr> getSockName() {
        if (off()) {
            return delegate.getSockName();
        }
        long t0 = now();
        return done("getSockName", "", t0, delegate.getSockName());
    }

    @Override
    public WspResult<SockAddr> getPeerName() {
        if (off()) {
            return delegate.getPeerName();
        }
        long t0 = now();
        return done("getPeerName", "", t0, delegate.getPeerName());
    }

    @Override
    public WspResult<Void> eventSelect(WspEvent event, int networkEvents) {
        if (off()) {
            return delegate.eventSelect(event, networkEvents);
        }
        long t0 = now();
        return done("eventSelect", "events=0x" + Integer.toHexString(networkEvents), t0,
                delegate.eventSelect(event, networkEvents));
    }

    @Override
    public WspResult<NetworkEvents> enumNetworkEvents(WspEvent eventToReset) {
        if (off()) {
            return delegate.enumNetworkEvents(eventToReset);
        }
        long t0 = now();
        WspResult<NetworkEvents> r = delegate.enumNetworkEvents(eventToReset);
        String extra = r.isOk() ? " occurred=0x" + Integer.toHexString(r.value().occurred()) : "";
        return trace.done(id, "enumNetworkEvents", "", t0, r, extra);
    }

    @Override
    public WspResult<DuplicateInfo> duplicateSocket(long processId) {
        if (off()) {
            return delegate.duplicateSocket(processId);
        }
        long t0 = now();
        return done("duplicateSocket", "process=" + processId, t0, delegate.duplicateSocket(processId));
    }

    @Override
    public WspResult<Void> sendDisconnect(ByteBuffer disconnectData) {
        if (off()) {
            return delegate.sendDisconnect(disconnectData);
        }
        long t0 = now();
        return done("sendDisconnect", disconnectData == null ? "" : "len=" + disconnectData.remaining(), t0,
                delegate.sendDisconnect(disconnectData));
    }

    @Override
    public WspResult<Integer> recvDisconnect(ByteBuffer disconnectData) {
        if (off()) {
            return delegate.recvDisconnect(disconnectData);
        }
        long t0 = now();
        return done("recvDisconnect", "", t0, delegate.recvDisconnect(disconnectData));
    }

    @Override
    public WspResult<WspSocket> joinLeaf(SockAddr name, int flags) {
        if (off()) {
            return super.joinLeaf(name, flags);
        }
        long t0 = now();
        return done("joinLeaf", "name=" + name + " flags=0x" + Integer.toHexString(flags), t0,
                super.joinLeaf(name, flags));
    }

    @Override
    public String toString() {
        return "TraceSocket[" + id + "]";
    }
}
