package io.jwsp.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.WspProvider;
import io.jwsp.spi.io.CompletionPacket;
import io.jwsp.spi.io.CompletionPort;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Completion ports associated with sockets (CreateIoCompletionPort with a socket handle): an overlapped operation
 * on an associated socket whose record has no event and no routine completes to the port with the socket's key,
 * an aborted one included; a socket is associated once.
 */
public abstract class CompletionPortContract extends DisconnectContract {
    private static final long KEY = 0x5EC7L;

    private CompletionPacket dequeue(CompletionPort port, String what) {
        return ok(settle(what, () -> ws.getQueuedCompletionStatus(port, eventWait())), what);
    }

    private void pendingRecv(long s, ByteBuffer into, Overlapped ov) {
        WspResult<Integer> r = ws.wsaRecv(s, new ByteBuffer[] {into}, 0, ov);
        assertTrue(r.isPending(), "WSARecv with nothing to read should be pending, answered " + describe(r));
    }

    @Test
    @DisplayName("CreateIoCompletionPort(socket): an overlapped recv without event or routine completes to the port with the key")
    public void required_completionPort_associatedSocket_recvCompletesToPort() {
        Connection c = connect(WspProvider.WSA_FLAG_OVERLAPPED);
        CompletionPort port = ws.createCompletionPort();
        ok(ws.associateCompletionPort(c.client(), port, KEY), "CreateIoCompletionPort(client, port, key)");
        Overlapped ov = Overlapped.polled();
        ByteBuffer into = ByteBuffer.allocate(64);
        pendingRecv(c.client(), into, ov);
        send(c.accepted(), 0, 16);
        CompletionPacket p = dequeue(port, "GetQueuedCompletionStatus");
        assertEquals(KEY, p.key(), "the socket's completion key");
        assertSame(ov, p.overlapped(), "the packet names the operation's record");
        assertEquals(null, p.error(), "the recv's status");
        assertTrue(p.bytesTransferred() > 0 && p.bytesTransferred() <= 16, "bytes received: " + p.bytesTransferred());
        for (int i = 0; i < p.bytesTransferred(); i++) {
            assertEquals(Payload.valueAt(i), into.get(i), "byte " + i + " the completed recv wrote");
        }
    }

    @Test
    @DisplayName("CreateIoCompletionPort(socket): a pending recv aborted by closesocket posts WSA_OPERATION_ABORTED to the port")
    public void required_completionPort_associatedSocket_abortedRecvPostsToPort() {
        Connection c = connect(WspProvider.WSA_FLAG_OVERLAPPED);
        CompletionPort port = ws.createCompletionPort();
        ok(ws.associateCompletionPort(c.client(), port, KEY), "CreateIoCompletionPort(client, port, key)");
        Overlapped ov = Overlapped.polled();
        pendingRecv(c.client(), ByteBuffer.allocate(64), ov);
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "closesocket with an overlapped recv pending");
        CompletionPacket p = dequeue(port, "GetQueuedCompletionStatus after the close");
        assertEquals(KEY, p.key(), "the socket's completion key");
        assertSame(ov, p.overlapped(), "the packet names the aborted record");
        assertEquals(WsaError.WSA_OPERATION_ABORTED, p.error(), "the aborted recv's status");
    }

    @Test
    @DisplayName("CreateIoCompletionPort(socket): an unassociated socket's record without event or routine posts nowhere")
    public void required_completionPort_unassociatedSocket_postsNothing() {
        Connection c = connect(WspProvider.WSA_FLAG_OVERLAPPED);
        CompletionPort port = ws.createCompletionPort();
        ok(ws.associateCompletionPort(c.accepted(), port, KEY), "CreateIoCompletionPort(accepted, port, key)");
        Overlapped ov = Overlapped.polled();
        pendingRecv(c.client(), ByteBuffer.allocate(64), ov);
        send(c.accepted(), 0, 16);
        int n = ok(settle("WSAGetOverlappedResult(wait)", () -> ws.getOverlappedResult(c.client(), ov, true)),
                "WSAGetOverlappedResult");
        assertTrue(n > 0, "the recv completed with bytes: " + n);
        fails(WsaError.WSAETIMEDOUT, ws.getQueuedCompletionStatus(port, Duration.ZERO),
                "GetQueuedCompletionStatus for another socket's operation");
    }

    @Test
    @DisplayName("CreateIoCompletionPort(socket): again, or with no port, is WSAEINVAL; a closed handle WSAENOTSOCK")
    public void required_completionPort_badAssociation_isAnErrorCode() {
        long s = openWith(WspProvider.WSA_FLAG_OVERLAPPED);
        CompletionPort port = ws.createCompletionPort();
        fails(WsaError.WSAEINVAL, ws.associateCompletionPort(s, null, KEY), "CreateIoCompletionPort(s, NULL port)");
        ok(ws.associateCompletionPort(s, port, KEY), "CreateIoCompletionPort(s, port, key)");
        fails(WsaError.WSAEINVAL, ws.associateCompletionPort(s, ws.createCompletionPort(), KEY),
                "a second CreateIoCompletionPort for the same socket");
        long closed = open();
        ok(ws.closeSocket(closed), "closesocket");
        fails(WsaError.WSAENOTSOCK, ws.associateCompletionPort(closed, port, KEY), "CreateIoCompletionPort(closed)");
    }
}
