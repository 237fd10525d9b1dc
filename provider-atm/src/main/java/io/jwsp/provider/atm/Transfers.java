package io.jwsp.provider.atm;

import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.io.MsgFlags;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;

/** What a send or recv of one PDU does with the caller's buffers and its overlapped record. */
final class Transfers {
    private Transfers() {
    }

    /** Whether {@code buffers} is there and holds no null buffer (else WSAEFAULT). */
    static boolean valid(ByteBuffer[] buffers) {
        if (buffers == null) {
            return false;
        }
        for (ByteBuffer b : buffers) {
            if (b == null) {
                return false;
            }
        }
        return true;
    }

    static long remaining(ByteBuffer[] buffers) {
        long n = 0;
        for (ByteBuffer b : buffers) {
            n += b.remaining();
        }
        return n;
    }

    /** Copies as much of {@code pdu} as the buffers hold; answers the bytes copied (the rest of the PDU is lost). */
    static int scatter(byte[] pdu, ByteBuffer[] buffers) {
        int p = 0;
        for (ByteBuffer b : buffers) {
            int n = Math.min(b.remaining(), pdu.length - p);
            b.put(pdu, p, n);
            p += n;
        }
        return p;
    }

    /**
     * An overlapped call that finished at once still performs its completion action (recorded in {@code done}, fired
     * after the lock is released); one that failed at once was never initiated and gets none (WSARecv/WSASend: "no
     * completion indication will occur"). A truncated message did transfer data: it completes, with WSAEMSGSIZE and
     * MSG_PARTIAL.
     */
    static WspResult<Integer> completeNow(Overlapped ov, WspResult<Integer> r, int bytes, SockAddr from,
                                          DeferredCompletions done) {
        boolean truncated = r.is(WsaError.WSAEMSGSIZE);
        if (ov != null && (r.isOk() || truncated)) {
            if (!ov.isPending()) {
                ov.begin(Thread.currentThread());
            }
            done.add(ov, r.error(), bytes, truncated ? MsgFlags.MSG_PARTIAL : 0, from);
        }
        return r;
    }
}
