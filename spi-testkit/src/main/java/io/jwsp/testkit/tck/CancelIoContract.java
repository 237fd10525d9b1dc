package io.jwsp.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.WspProvider;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.Completion;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CancelIo / CancelIoEx (WSPCancelIo): a socket's pending overlapped operations, or one record's, complete with
 * WSA_OPERATION_ABORTED through their own completion path and the socket stays open. Optional: a provider that
 * answers WSAEOPNOTSUPP (the contract's default) has no cancellation, and the cases say so.
 */
public abstract class CancelIoContract extends CompletionPortContract {

    private Overlapped pendingRecv(long s, ByteBuffer into) {
        WspEvent event = ws.createEvent();
        Overlapped ov = Overlapped.withEvent(event);
        WspResult<Integer> r = ws.wsaRecv(s, new ByteBuffer[] {into}, 0, ov);
        assertTrue(r.isPending(), "WSARecv with nothing to read should be pending, answered " + describe(r));
        return ov;
    }

    private static void requiresCancellation(WspResult<Void> r) {
        requires(!r.is(WsaError.WSAEOPNOTSUPP), "no WSPCancelIo (it answers WSAEOPNOTSUPP, the contract's default)");
    }

    private void assertAborted(Overlapped ov, String what) {
        awaitEvent(((Completion.Event) ov.completion()).event(), what + "'s event");
        assertTrue(ov.isDone(), what + ": the record is complete once its event is set");
        assertEquals(WsaError.WSA_OPERATION_ABORTED, ov.error(), what + ": its status");
    }

    @Test
    @DisplayName("CancelIoEx: one pending recv completes WSA_OPERATION_ABORTED; the other stays pending and the socket open")
    public void optional_cancelIoEx_oneRecord_abortsItOnly() {
        Connection c = connect(WspProvider.WSA_FLAG_OVERLAPPED);
        Overlapped first = pendingRecv(c.client(), ByteBuffer.allocate(64));
        ByteBuffer into = ByteBuffer.allocate(64);
        Overlapped second = pendingRecv(c.client(), into);
        WspResult<Void> r = atOnce("CancelIoEx", () -> ws.cancelIoEx(c.client(), first));
        requiresCancellation(r);
        ok(r, "CancelIoEx(first)");
        assertAborted(first, "the cancelled recv");
        assertFalse(second.isDone(), "the other recv stays pending");
        send(c.accepted(), 0, 16);
        int n = ok(settle("WSAGetOverlappedResult(second, wait)",
                () -> ws.getOverlappedResult(c.client(), second, true)), "the second recv");
        assertTrue(n > 0, "the second recv received the bytes: " + n);
        fails(WsaError.WSA_INVALID_PARAMETER, ws.cancelIoEx(c.client(), first),
                "CancelIoEx of a record no longer pending (Windows: ERROR_NOT_FOUND)");
    }

    @Test
    @DisplayName("CancelIo: every pending recv completes WSA_OPERATION_ABORTED; the socket stays open and receives again")
    public void optional_cancelIo_allRecords_socketStaysOpen() {
        Connection c = connect(WspProvider.WSA_FLAG_OVERLAPPED);
        Overlapped first = pendingRecv(c.client(), ByteBuffer.allocate(64));
        Overlapped second = pendingRecv(c.client(), ByteBuffer.allocate(64));
        WspResult<Void> r = atOnce("CancelIo", () -> ws.cancelIo(c.client()));
        requiresCancellation(r);
        ok(r, "CancelIo");
        assertAborted(first, "the first cancelled recv");
        assertAborted(second, "the second cancelled recv");
        long sent = send(c.accepted(), 0, 100);
        readExactly(c.client(), 0, sent);
    }

    @Test
    @DisplayName("CancelIoEx: no record is WSAEFAULT; a closed handle WSAENOTSOCK")
    public void required_cancelIo_badInput_isAnErrorCode() {
        long s = openWith(WspProvider.WSA_FLAG_OVERLAPPED);
        fails(WsaError.WSAEFAULT, ws.cancelIoEx(s, null), "CancelIoEx(s, NULL)");
        ok(ws.closeSocket(s), "closesocket");
        fails(WsaError.WSAENOTSOCK, ws.cancelIo(s), "CancelIo(closed)");
        fails(WsaError.WSAENOTSOCK, ws.cancelIoEx(s, Overlapped.polled()), "CancelIoEx(closed)");
    }
}
