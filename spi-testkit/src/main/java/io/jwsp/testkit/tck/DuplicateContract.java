package io.jwsp.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jwsp.spi.option.Linger;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Duplicated handles share one socket; only the last close disconnects, discards and cancels (closesocket seed 002:
 * "If this is the last reference to an underlying socket ..."; DESIGN.md, Handles). Accepted sockets follow the
 * listener's linger (DESIGN.md decisions).
 */
public abstract class DuplicateContract extends OverlappedCloseContract {

    @Test
    @DisplayName("closesocket: closing one duplicate releases only that handle; the connection stays up")
    public void required_closesocket_duplicate_closingOneLeavesConnectionUp() {
        Connection c = connect();
        long dup = track(ok(ws.duplicateSocket(c.client()), "WSADuplicateSocket"));
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "closesocket of the original handle");
        fails(WsaError.WSAENOTSOCK, ws.getSockName(c.client()), "getsockname on the closed duplicate");
        long sent = send(dup, 0, 1000);
        readExactly(c.accepted(), 0, sent);
        StreamEnd rest = drain(c.accepted(), sent);
        assertEquals(StreamEnd.Kind.OPEN, rest.kind(), "a non-last close must not disconnect: " + rest);
        send(c.accepted(), 0, 100);
        readExactly(dup, 0, 100);
        ok(atOnce("closesocket", () -> ws.closeSocket(dup)), "closesocket of the last handle");
        assertGracefulEnd(readAll(c.accepted(), sent), 0);
    }

    @Test
    @DisplayName("closesocket: the last close of a duplicated socket performs the row of the table (linger(1,0) here)")
    public void required_closesocket_duplicate_lastClosePerformsTheRow() {
        Connection c = connect();
        long dup = track(ok(ws.duplicateSocket(c.client()), "WSADuplicateSocket"));
        setLinger(dup, true, 0);
        assertEquals(Linger.of(0), linger(c.client()), "duplicates share one socket's options");
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "closesocket of the first handle");
        StreamEnd early = drain(c.accepted(), 0);
        assertEquals(StreamEnd.Kind.OPEN, early.kind(), "a non-last close must not reset: " + early);
        ok(atOnce("closesocket", () -> ws.closeSocket(dup)), "closesocket of the last handle");
        assertHardEnd(readAll(c.accepted(), 0), 0);
    }

    @Test
    @DisplayName("DESIGN Handles: a non-last close cancels nothing; a recv blocked on the other duplicate goes on")
    public void required_closesocket_duplicate_nonLastCloseCancelsNothing() {
        Connection c = connect();
        long dup = track(ok(ws.duplicateSocket(c.client()), "WSADuplicateSocket"));
        BackgroundCall<WspResult<Integer>> recv = inBackground("recv on the duplicate",
                () -> ws.recv(dup, ByteBuffer.allocate(64), 0));
        awaitBlocked(recv, 1);
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "closesocket of the other handle");
        send(c.accepted(), 0, 10);
        assertEquals(10, ok(settle(recv, "the recv blocked on the duplicate"), "the recv blocked on the duplicate"),
                "the blocked recv receives the data sent after the non-last close");
    }

    @Test
    @DisplayName("DESIGN: an accepted socket inherits linger(1,0) from its listener and closes hard")
    public void required_accept_inheritedLingerZero_acceptedSocketClosesHard() {
        long l = open();
        setLinger(l, true, 0);
        ok(ws.bind(l, put.listenAddress()), "bind");
        ok(ws.listen(l, 8), "listen");
        Connection c = connect(l, 0);
        long sent = send(c.accepted(), 0, 100);
        readExactly(c.client(), 0, sent);
        ok(atOnce("closesocket", () -> ws.closeSocket(c.accepted())), "closesocket of the accepted socket");
        assertHardEnd(readAll(c.client(), sent), 0);
    }
}
