package io.jwsp.layer.metrics;

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
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.TimeSource;
import java.nio.ByteBuffer;

/**
 * A measured socket. Bytes are counted for calls that complete at once; an overlapped call that answers pending
 * is counted as a call only, since its completion goes from the base straight to the runtime.
 */
final class MetricsSocket extends ForwardingSocket {
    private final Meters meters;
    private final TimeSource clock;

    MetricsSocket(MetricsProvider owner, WspSocket delegate, Meters meters, TimeSource clock) {
        super(owner, delegate);
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public WspResult<Void> closeSocket() {
        WspResult<Linger> linger = delegate.getSockOpt(SocketOptions.SO_LINGER);
        boolean connected = delegate.getPeerName().isOk();
        long t0 = clock.nanoTime();
        WspResult<Void> r = delegate.closeSocket();
        long waited = clock.nanoTime() - t0;
        ObservedClose.of(linger.isOk() ? linger.value() : null, connected, r, waited)
                .ifPresent(c -> meters.closed(c, waited));
        return meters.observe("closeSocket", r);
    }

    @Override
    public WspResult<Void> bind(SockAddr name) {
        return meters.observe("bind", delegate.bind(name));
    }

    @Override
    public WspResult<Void> listen(int backlog) {
        return meters.observe("listen", delegate.listen(backlog));
    }

    @Override
    public WspResult<Accepted> accept(AcceptCondition condition) {
        return meters.observe("accept", super.accept(condition));
    }

    @Override
    public WspResult<Void> connect(SockAddr name) {
        return meters.observe("connect", delegate.connect(name));
    }

    @Override
    public WspResult<Integer> send(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        WspResult<Integer> r = delegate.send(buffers, flags, overlapped);
        if (r.isOk()) {
            meters.sent(r.value());
        }
        return meters.observe("send", r);
    }

    @Override
    public WspResult<Integer> sendTo(ByteBuffer[] buffers, int flags, SockAddr to, Overlapped overlapped) {
        WspResult<Integer> r = delegate.sendTo(buffers, flags, to, overlapped);
        if (r.isOk()) {
            meters.sent(r.value());
        }
        return meters.observe("sendTo", r);
    }

    @Override
    public WspResult<Integer> recv(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        WspResult<Integer> r = delegate.recv(buffers, flags, overlapped);
        if (r.isOk()) {
            meters.received(r.value());
        }
        return meters.observe("recv", r);
    }

    @Override
    public WspResult<Received> recvFrom(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        WspResult<Received> r = delegate.recvFrom(buffers, flags, overlapped);
        if (r.isOk()) {
            meters.received(r.value().bytes());
        }
        return meters.observe("recvFrom", r);
    }

    @Override
    public WspResult<Void> shutdown(int how) {
        return meters.observe("shutdown", delegate.shutdown(how));
    }

    @Override
    public <T> WspResult<Void> setSockOpt(SockOpt<T> option, T value) {
        return meters.observe("setSockOpt", delegate.setSockOpt(option, value));
    }

    @Override
    public <T> WspResult<T> getSockOpt(SockOpt<T> option) {
        return meters.observe("getSockOpt", delegate.getSockOpt(option));
    }

    @Override
    public <I, O> WspResult<O> ioctl(IoControl<I, O> code, I input, Overlapped overlapped) {
        return meters.observe("ioctl", super.ioctl(code, input, overlapped)); // super: no extension function passes
    }

    @Override
    public WspResult<SockAddr> getSockName() {
        return meters.observe("getSockName", delegate.getSockName());
    }

    @Override
    public WspResult<SockAddr> getPeerName() {
        return meters.observe("getPeerName", delegate.getPeerName());
    }

    @Override
    public WspResult<Void> eventSelect(WspEvent event, int networkEvents) {
        return meters.observe("eventSelect", delegate.eventSelect(event, networkEvents));
    }

    @Override
    public WspResult<NetworkEvents> enumNetworkEvents(WspEvent eventToReset) {
        return meters.observe("enumNetworkEvents", delegate.enumNetworkEvents(eventToReset));
    }

    @Override
    public WspResult<DuplicateInfo> duplicateSocket(long processId) {
        return meters.observe("duplicateSocket", delegate.duplicateSocket(processId));
    }

    @Override
    public WspResult<Void> sendDisconnect(ByteBuffer disconnectData) {
        return meters.observe("sendDisconnect", delegate.sendDisconnect(disconnectData));
    }

    @Override
    public WspResult<Integer> recvDisconnect(ByteBuffer disconnectData) {
        return meters.observe("recvDisconnect", delegate.recvDisconnect(disconnectData));
    }

    @Override
    public WspResult<WspSocket> joinLeaf(SockAddr name, int flags) {
        return meters.observe("joinLeaf", super.joinLeaf(name, flags));
    }
}
