package io.jwsp.spi.kit.transmit;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ServiceFlags;
import io.jwsp.spi.io.Completion;
import io.jwsp.spi.io.CompletionPacket;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.kit.SocketCore;
import io.jwsp.spi.kit.SocketServices;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.kit.pending.PendingTransfer;
import io.jwsp.spi.kit.state.SocketState;
import io.jwsp.spi.kit.wait.BlockingCalls;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import io.jwsp.spi.trace.WireTap;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A socket on the kit whose send path records each send as one message: at once, or (when {@link #pend}) on the
 * kit's send queue until {@link #deliverOne}. Its completer does what the runtime's upcall does (finish the record,
 * then its action), so a transmit's steps come back to it as they do in a provider.
 */
final class FakeSendSocket implements WspSocket {
    final ReentrantLock lock = new ReentrantLock();
    final SocketCore core = new SocketCore(new SocketServices(new VirtualClock(), new BlockingCalls(),
            FakeSendSocket::complete, WireTap.NONE, null, null), lock, lock.newCondition());
    final List<byte[]> sends = new ArrayList<>();
    final List<String> calls = new ArrayList<>();
    private final ProtocolInfo info;
    boolean pend;
    boolean connected = true;

    FakeSendSocket(boolean messages) {
        int flags = messages ? ServiceFlags.XP1_CONNECTIONLESS | ServiceFlags.XP1_MESSAGE_ORIENTED
                : ServiceFlags.XP1_GRACEFUL_CLOSE | ServiceFlags.XP1_GUARANTEED_ORDER;
        info = ProtocolInfo.base("fake", UUID.randomUUID(), AddressFamily.AF_INET,
                messages ? SocketType.SOCK_DGRAM : SocketType.SOCK_STREAM, 0, flags, 0, messages ? 65_507 : 0);
        core.status().moveTo(SocketState.CONNECTED);
    }

    /** What Upcalls.completeOverlapped does with a record: finish it, then its completion action. */
    private static void complete(Overlapped ov, WsaError error, int bytes, int flags, SockAddr from) {
        Completion action = ov.completionAction();
        if (!ov.finish(error, bytes, flags, from)) {
            return;
        }
        switch (action) {
            case Completion.Event e -> e.event().set();
            case Completion.Port p -> p.port().post(new CompletionPacket(p.key(), ov, bytes, error));
            default -> { }
        }
    }

    @Override
    public ProtocolInfo protocolInfo() {
        return info;
    }

    @Override
    public WspResult<Void> closeSocket() {
        DeferredCompletions done = new DeferredCompletions();
        lock.lock();
        try {
            core.status().moveTo(SocketState.CLOSING);
            core.sends().abortAll(WsaError.WSA_OPERATION_ABORTED, done);
            core.signalChange();
        } finally {
            lock.unlock();
        }
        core.fire(done);
        return WspResult.ok();
    }

    @Override
    public WspResult<SockAddr> getPeerName() {
        return connected ? WspResult.ok(InetSockAddr.loopback4(9)) : WspResult.fail(WsaError.WSAENOTCONN);
    }

    @Override
    public WspResult<Integer> send(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        int n;
        lock.lock();
        try {
            if (core.status().isClosing()) {
                return WspResult.fail(WsaError.WSAENOTSOCK);
            }
            if (pend) {
                core.sends().add(new PendingTransfer(overlapped, buffers, flags, 0));
                core.signalChange();
                return WspResult.pending();
            }
            n = record(buffers);
        } finally {
            lock.unlock();
        }
        complete(overlapped, null, n, 0, null);
        return WspResult.ok(n);
    }

    @Override
    public WspResult<Void> shutdown(int how) {
        calls.add("shutdown(" + how + ")");
        return WspResult.ok();
    }

    /** Sends the oldest pending send; answers false when none is pending. */
    boolean deliverOne() {
        DeferredCompletions done = new DeferredCompletions();
        lock.lock();
        try {
            PendingTransfer t = core.sends().first();
            if (t == null) {
                return false;
            }
            t.moved(record(t.buffers()));
            core.sends().completeFirst(null, 0, null, done);
        } finally {
            lock.unlock();
        }
        core.fire(done);
        return true;
    }

    int pendingSends() {
        lock.lock();
        try {
            return core.sends().size();
        } finally {
            lock.unlock();
        }
    }

    private int record(ByteBuffer[] buffers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer b : buffers) {
            while (b.hasRemaining()) {
                out.write(b.get());
            }
        }
        sends.add(out.toByteArray());
        return out.size();
    }

    /** Every byte sent, in order. */
    byte[] stream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] s : List.copyOf(sends)) {
            out.writeBytes(s);
        }
        return out.toByteArray();
    }
}
