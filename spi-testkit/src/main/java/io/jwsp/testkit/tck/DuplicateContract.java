package io.jwsp.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.catalog.DuplicateInfo;
import io.jwsp.spi.catalog.ProviderReserved;
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
    private static final long SELF = ProcessHandle.current().pid();

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
    @DisplayName("WSADuplicateSocket into this process: WSASocket(FROM_PROTOCOL_INFO) makes a handle of the same socket, once")
    public void required_duplicateSocket_ownProcess_redeemedOnceSharesTheConnection() {
        Connection c = connect();
        DuplicateInfo info = ok(ws.duplicateSocket(c.client(), SELF), "WSADuplicateSocket(this process)");
        assertEquals(SELF, info.processId(), "the protocol info names the target process");
        long dup = track(ok(ws.socket(info, 0), "WSASocket(FROM_PROTOCOL_INFO)"));
        fails(WsaError.WSAEINVAL, ws.socket(info, 0), "the same protocol info redeemed a second time");
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "closesocket of the original handle");
        long sent = send(dup, 0, 500);
        readExactly(c.accepted(), 0, sent);
        StreamEnd rest = drain(c.accepted(), sent);
        assertEquals(StreamEnd.Kind.OPEN, rest.kind(), "the original's close must not disconnect the duplicate: " + rest);
        ok(atOnce("closesocket", () -> ws.closeSocket(dup)), "closesocket of the duplicate, the last handle");
        assertGracefulEnd(readAll(c.accepted(), sent), 0);
    }

    @Test
    @DisplayName("WSADuplicateSocket: the socket outlives its handles while its protocol info waits; bad input answers codes")
    public void required_duplicateSocket_badInputAndPendingInfoKeepsTheSocket() {
        Connection c = connect();
        fails(WsaError.WSAEINVAL, ws.duplicateSocket(c.client(), 0), "process id 0");
        fails(WsaError.WSAEINVAL, ws.duplicateSocket(c.client(), -7), "a negative process id");
        fails(WsaError.WSAEFAULT, ws.socket((DuplicateInfo) null, 0), "WSASocket(FROM_PROTOCOL_INFO) without an info");
        ProcessHandle.current().parent().ifPresent(parent -> {
            // loopback cannot reach another process (WSAEINVAL); tcp, irda and atm can, but only into a process
            // that accepts duplicates, which the parent of a test JVM does not (WSAEINVAL); a provider without
            // cross-process duplication answers WSAEOPNOTSUPP
            WspResult<DuplicateInfo> r = ws.duplicateSocket(c.client(), parent.pid());
            assertTrue(r.is(WsaError.WSAEINVAL) || r.is(WsaError.WSAEOPNOTSUPP),
                    "a process that cannot receive the socket: " + r);
        });
        DuplicateInfo info = ok(ws.duplicateSocket(c.client(), SELF), "WSADuplicateSocket(this process)");
        fails(WsaError.WSAEINVAL, ws.socket(new DuplicateInfo(info.info(), SELF + 1, info.reserved()), 0),
                "an info meant for another process");
        byte[] forged = info.reserved().bytes();
        forged[forged.length - 1] ^= 1;
        fails(WsaError.WSAEINVAL, ws.socket(new DuplicateInfo(info.info(), SELF, ProviderReserved.of(forged)), 0),
                "a forged dwProviderReserved");
        fails(WsaError.WSAEINVAL, ws.socket(new DuplicateInfo(info.info(), SELF, ProviderReserved.of(new byte[0])), 0),
                "an empty dwProviderReserved");
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "closesocket of the only open handle");
        StreamEnd early = drain(c.accepted(), 0);
        assertEquals(StreamEnd.Kind.OPEN, early.kind(), "a pending protocol info keeps the socket: " + early);
        long dup = track(ok(ws.socket(info, 0), "WSASocket(FROM_PROTOCOL_INFO) after the original closed"));
        long sent = send(dup, 0, 100);
        readExactly(c.accepted(), 0, sent);
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
