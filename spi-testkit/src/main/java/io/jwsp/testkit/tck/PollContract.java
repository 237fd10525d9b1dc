package io.jwsp.testkit.tck;

import static io.jwsp.spi.io.PollFlags.POLLERR;
import static io.jwsp.spi.io.PollFlags.POLLHUP;
import static io.jwsp.spi.io.PollFlags.POLLIN;
import static io.jwsp.spi.io.PollFlags.POLLNVAL;
import static io.jwsp.spi.io.PollFlags.POLLOUT;
import static io.jwsp.spi.io.PollFlags.POLLRDNORM;
import static io.jwsp.spi.io.PollFlags.POLLWRNORM;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.Winsock.PollFd;
import io.jwsp.runtime.Winsock.Polled;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * WSAPoll (WSPPoll; the WSAPoll page's revents rules): a handle that names no socket is POLLNVAL and the call does
 * not wait, a listener with a connection to accept is POLLRDNORM, the peer's graceful end POLLHUP, its reset
 * POLLHUP | POLLERR, a close in another thread wakes a waiting poll, the time-out runs on the runtime's clock, and
 * bad input is an error code.
 */
public abstract class PollContract extends BadInputContract {

    /** A poll bound long enough never to end on its own while the test looks (a day on a virtual clock). */
    private Duration pollBound() {
        return rt.isVirtual() ? Duration.ofDays(1) : put.realTimeout().multipliedBy(3);
    }

    private Polled poll(String what, Duration timeout, PollFd... fds) {
        return ok(settle(what, () -> ws.poll(List.of(fds), timeout)), what);
    }

    private static String bits(int revents) {
        List<String> names = new ArrayList<>();
        int[] flags = {POLLRDNORM, POLLWRNORM, POLLHUP, POLLERR, POLLNVAL};
        String[] labels = {"POLLRDNORM", "POLLWRNORM", "POLLHUP", "POLLERR", "POLLNVAL"};
        for (int i = 0; i < flags.length; i++) {
            if ((revents & flags[i]) != 0) {
                names.add(labels[i]);
            }
        }
        return String.join("|", names) + " (0x" + Integer.toHexString(revents) + ")";
    }

    @Test
    @DisplayName("WSAPoll: a closed handle in the set is POLLNVAL, counted, and the call does not wait for the rest")
    public void required_poll_closedHandle_isPollnvalAtOnce() {
        long l = listener();
        long closed = open();
        ok(ws.closeSocket(closed), "closesocket");
        Polled p = ok(atOnce("WSAPoll with a closed handle",
                () -> ws.poll(List.of(new PollFd(closed, POLLIN), new PollFd(l, POLLIN)), pollBound())), "WSAPoll");
        assertEquals(POLLNVAL, p.revents().get(0), "the closed handle: " + bits(p.revents().get(0)));
        assertEquals(0, p.revents().get(1), "the idle listener: " + bits(p.revents().get(1)));
        assertEquals(1, p.count(), "WSAPoll's count");
    }

    @Test
    @DisplayName("WSAPoll: a listener with a connection waiting to be accepted is POLLRDNORM")
    public void required_poll_listenerWithPendingConnection_isPollrdnorm() {
        long l = listener();
        SockAddr address = ok(ws.getSockName(l), "getsockname(listener)");
        long client = open();
        BackgroundCall<WspResult<Void>> connecting = inBackground("connect", () -> ws.connect(client, address));
        Polled p = poll("WSAPoll(listener, POLLIN)", pollBound(), new PollFd(l, POLLIN));
        assertEquals(POLLRDNORM, p.revents().getFirst(), "the listener: " + bits(p.revents().getFirst()));
        track(ok(settle("accept", () -> ws.accept(l)), "accept after POLLRDNORM"));
        ok(settle(connecting, "connect"), "connect");
    }

    @Test
    @DisplayName("WSAPoll: queued data is POLLRDNORM, a connected socket with room to send POLLWRNORM")
    public void required_poll_dataAndRoom_areRdnormAndWrnorm() {
        Connection c = connect();
        int room = poll("WSAPoll(client, POLLOUT)", pollBound(), new PollFd(c.client(), POLLOUT)).revents().getFirst();
        assertEquals(POLLWRNORM, room, "room to send: " + bits(room));
        send(c.accepted(), 0, 16);
        int data = poll("WSAPoll(client, POLLIN)", pollBound(), new PollFd(c.client(), POLLIN)).revents().getFirst();
        assertEquals(POLLRDNORM, data, "queued data: " + bits(data));
    }

    @Test
    @DisplayName("WSAPoll: the peer's graceful close is POLLHUP, reported without being asked for")
    public void required_poll_peerGracefulClose_isPollhup() {
        requiresGracefulClose();
        Connection c = connect();
        ok(ws.closeSocket(c.accepted()), "closesocket(accepted), graceful");
        Polled p = poll("WSAPoll(client, POLLIN)", pollBound(), new PollFd(c.client(), POLLIN));
        int r = p.revents().getFirst();
        assertTrue((r & POLLHUP) != 0, "the peer's graceful close: " + bits(r));
        assertEquals(0, r & (POLLERR | POLLNVAL), "a graceful close is no error: " + bits(r));
    }

    @Test
    @DisplayName("WSAPoll: a reset peer is POLLHUP|POLLERR (a provider whose peer sees no reset: POLLHUP)")
    public void required_poll_peerAbortiveClose_isPollhupPollerr() {
        Connection c = connect();
        setLinger(c.accepted(), true, 0);
        ok(ws.closeSocket(c.accepted()), "closesocket(accepted), abortive");
        Polled p = poll("WSAPoll(client, POLLIN)", pollBound(), new PollFd(c.client(), POLLIN));
        int expected = put.hardCloseSeenByPeer() == PeerEnd.RESET ? POLLHUP | POLLERR : POLLHUP;
        assertEquals(expected, p.revents().getFirst(),
                "after a hard close the peer sees " + put.hardCloseSeenByPeer() + "; WSAPoll answered "
                        + bits(p.revents().getFirst()));
    }

    @Test
    @DisplayName("WSAPoll: a close in another thread wakes a waiting poll; the closed handle is POLLNVAL")
    public void required_poll_closeInAnotherThread_wakesWithPollnval() {
        long l = listener();
        Duration bound = pollBound();
        BackgroundCall<WspResult<Polled>> polling = inBackground("WSAPoll(listener)",
                () -> ws.poll(List.of(new PollFd(l, POLLIN)), bound));
        awaitBlocked(polling, 1);
        ok(atOnce("closesocket", () -> ws.closeSocket(l)), "closesocket under WSAPoll");
        Polled p = ok(polling.join(put.realTimeout()), "the WSAPoll woken by the close");
        assertEquals(POLLNVAL, p.revents().getFirst(), "the closed listener: " + bits(p.revents().getFirst()));
    }

    @Test
    @DisplayName("WSAPoll: the time-out runs on the runtime's clock and answers 0 ready")
    public void required_poll_timeout_onTheClock() {
        long l = listener();
        if (!rt.isVirtual()) {
            Polled p = ok(atOnce("WSAPoll(20 ms)", () -> ws.poll(List.of(new PollFd(l, POLLIN)),
                    Duration.ofMillis(20))), "WSAPoll");
            assertEquals(0, p.count(), "nothing ready");
            return;
        }
        BackgroundCall<WspResult<Polled>> polling = inBackground("WSAPoll(5 s)",
                () -> ws.poll(List.of(new PollFd(l, POLLIN)), Duration.ofSeconds(5)));
        awaitBlocked(polling, 1);
        clock().advanceNanos(Duration.ofSeconds(5).toNanos());
        Polled p = ok(polling.join(put.realTimeout()), "WSAPoll after its time-out");
        assertEquals(List.of(0), p.revents(), "nothing ready when the time-out passed");
    }

    @Test
    @DisplayName("WSAPoll: a zero time-out polls; no entries or a bit it cannot ask is WSAEINVAL, no array WSAEFAULT")
    public void required_poll_badInput_isAnErrorCode() {
        long l = listener();
        Polled idle = ok(atOnce("WSAPoll(0)", () -> ws.poll(List.of(new PollFd(l, POLLIN)), Duration.ZERO)),
                "WSAPoll(0)");
        assertEquals(List.of(0), idle.revents(), "an idle listener polled");
        int pollpri = 0x0400;
        assertAll("bad WSAPoll input",
                () -> fails(WsaError.WSAEFAULT, ws.poll(null, Duration.ZERO), "WSAPoll(null)"),
                () -> fails(WsaError.WSAEINVAL, ws.poll(List.of(), Duration.ZERO), "WSAPoll(no entries)"),
                () -> fails(WsaError.WSAEINVAL, ws.poll(List.of(new PollFd(l, pollpri)), Duration.ZERO),
                        "WSAPoll(POLLPRI)"),
                () -> fails(WsaError.WSAEINVAL, ws.poll(List.of(new PollFd(l, POLLIN)), Duration.ofSeconds(-1)),
                        "WSAPoll(negative time-out)"));
    }
}
