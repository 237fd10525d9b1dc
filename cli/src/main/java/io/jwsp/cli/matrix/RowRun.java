package io.jwsp.cli.matrix;

import io.jwsp.cli.CliFailure;
import io.jwsp.cli.setup.AddressText;
import io.jwsp.cli.setup.RuntimeSession;
import io.jwsp.cli.setup.Wsa;
import io.jwsp.runtime.Winsock;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ServiceFlags;
import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.close.TimeWaitQuery;
import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.SystemTimeSource;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.time.VirtualClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * One row of the close matrix on one provider, live: a fresh runtime with a wire tap, a listener, a connection,
 * the row's sends and close, then the peer reads to the end of its stream. One thread drives everything with
 * nonblocking calls; only calls that must block (connect, accept, a lingering close) get a thread of their own,
 * and a virtual clock moves only when nothing else can.
 */
public final class RowRun {
    /** Small socket buffers make "data still queued" quick to reach (where the provider honours them). */
    private static final int BUFFER = 16 * 1024;

    private final WspProviderFactory factory;
    private final CloseRow row;
    private final Map<String, String> userSettings;
    private final Path pcap;

    public RowRun(WspProviderFactory factory, CloseRow row, Map<String, String> userSettings) {
        this(factory, row, userSettings, null);
    }

    /** @param pcap where to write the row's packets as pcapng, or {@code null} for no capture */
    public RowRun(WspProviderFactory factory, CloseRow row, Map<String, String> userSettings, Path pcap) {
        this.factory = factory;
        this.row = row;
        this.userSettings = userSettings;
        this.pcap = pcap;
    }

    private record CloseCall(WspResult<Void> result, long measuredNanos, int recordsBefore, int recordsAfter) {
    }

    public RowResult run() {
        String name = factory.name();
        boolean real = Endpoints.isRealTime(name);
        TimeSource clock = real ? new SystemTimeSource() : new VirtualClock();
        TapRecorder tap = new TapRecorder(clock, pcap != null);
        Map<String, String> settings = new HashMap<>(userSettings);
        List<Long> handles = new ArrayList<>();
        RuntimeSession session = null;
        try {
            session = RuntimeSession.open(List.of(factory), settings, clock, tap);
            return scenario(session, clock, tap, handles);
        } catch (RowFailure | CliFailure e) {
            return RowResult.failed(name, row, !real, e.getMessage(), tap.events());
        } catch (RuntimeException e) {
            return RowResult.failed(name, row, !real, "internal error: " + e, tap.events());
        } finally {
            if (session != null) {
                // Whatever is still open goes with a hard close: nothing may linger on a clock nobody moves.
                Winsock ws = session.winsock();
                for (long h : handles) {
                    ws.setSockOpt(h, SocketOptions.SO_LINGER, Linger.of(0));
                    ws.closeSocket(h);
                }
                session.close();
            }
            if (clock instanceof SystemTimeSource s) {
                s.close();
            }
            if (pcap != null) {
                // after the runtime's close: the links' last frames are in
                PcapFile.write(pcap, tap.packets());
            }
        }
    }

    /** An established connection: the closing client, the accepted peer (event select on), their addresses. */
    private record Connection(long client, long peer, WspEvent peerEvent, SockAddr clientLocal, SockAddr clientPeer,
                              String clientText, String serverText) {
    }

    /** What the row's close calls answered: the call that counts, and the text for the CLOSE column. */
    private record Closing(CloseCall call, String text) {
    }

    private RowResult scenario(RuntimeSession session, TimeSource clock, TapRecorder tap, List<Long> handles) {
        String name = factory.name();
        Winsock ws = session.winsock();
        ProtocolInfo entry = session.streamEntry(factory);
        Endpoints ep = Endpoints.forProvider(name, entry);
        Pace pace = Pace.of(clock, ws, ep.budget());
        Connection c = connect(session, ws, entry, ep, pace, handles);
        require(ws.ioctl(c.client, IoControls.FIONBIO, Boolean.TRUE), "ioctlsocket(FIONBIO, 1)");
        PeerReader peer = new PeerReader(ws, c.peer);
        Sender sender = new Sender(ws, c.client, entry);

        Closing closing = performRow(ws, c.client, entry, Linger.of(ep.lingerSeconds()), clock, tap, pace, peer,
                sender);

        // ---- what the peer saw
        peer.readToEnd(pace);
        tap.note("server", "read " + peer.bytes() + " B, then " + peer.end());
        NetworkEvents fd = fdCloseAtPeer(ws, c.peer, c.peerEvent, clock);
        WsaError fdCloseError = fd != null ? fd.errorOf(FdEvents.FD_CLOSE) : null;
        ws.closeSocket(c.peer);
        String timeWait = timeWait(session, name, clock, c.clientLocal, c.clientPeer);

        CloseRecord record = closeRecord(tap, c.clientLocal, c.clientPeer, closing.call);
        long waited = record != null ? record.waitedNanos() : closing.call.measuredNanos;
        return new RowResult(name, row, closing.text, waited, clock.isVirtual(),
                record != null ? record.type().name() : "-", sender.sent(), peer.bytes(), peer.end(), fd != null,
                fdCloseError == null ? null : fdCloseError.name(), timeWait, null, tap.events(),
                c.clientText, c.serverText);
    }

    /** Listener, client and accepted peer; small buffers where the provider takes them. */
    private static Connection connect(RuntimeSession session, Winsock ws, ProtocolInfo entry, Endpoints ep, Pace pace,
                                      List<Long> handles) {
        String name = session.factories().getFirst().name();
        long listener = open(ws, entry, handles);
        trySet(ws, listener, SocketOptions.SO_RCVBUF, BUFFER);
        require(ws.bind(listener, ep.listenAddress(session, name, entry)), "bind");
        require(ws.listen(listener, 4), "listen");
        SockAddr target = ep.connectAddress(require(ws.getSockName(listener), "getsockname(listener)"));
        long client = open(ws, entry, handles);
        trySet(ws, client, SocketOptions.SO_SNDBUF, BUFFER);
        trySet(ws, client, SocketOptions.SO_RCVBUF, BUFFER);
        // accept first, parked before connect starts; connect parked (or done) before time moves: every run alike.
        int parked = pace.waiters();
        Blocking<WspResult<Long>> accept = Blocking.start("accept", () -> ws.accept(listener));
        pace.awaitEntered(accept, parked, "accept");
        Blocking<WspResult<Void>> connect = Blocking.start("connect", () -> ws.connect(client, target));
        pace.awaitEntered(connect, parked + (accept.done() ? 0 : 1), "connect");
        awaitConnection(pace, connect, accept);
        long peer = accept.value().value();
        handles.add(peer);
        ws.closeSocket(listener);
        WspEvent event = ws.createEvent();
        require(ws.eventSelect(peer, event, FdEvents.FD_READ | FdEvents.FD_CLOSE), "WSAEventSelect(peer)");
        SockAddr local = valueOrNull(ws.getSockName(client));
        SockAddr remote = valueOrNull(ws.getPeerName(client));
        return new Connection(client, peer, event, local, remote, AddressText.format(session, name, entry, local),
                AddressText.format(session, name, entry, remote));
    }

    /** The row itself: what is sent, how linger is set, how the socket is closed. */
    private Closing performRow(Winsock ws, long client, ProtocolInfo entry, Linger lingerN, TimeSource clock,
                               TapRecorder tap, Pace pace, PeerReader peer, Sender sender) {
        boolean messages = entry.hasService(ServiceFlags.XP1_MESSAGE_ORIENTED);
        long small = messages ? 4L * sender.chunk() : 16 * 1024;
        long fillCap = messages ? 16L * sender.chunk() : 8L << 20;
        CloseCall call;
        switch (row) {
            case DEFAULT -> {
                sendWhilePeerReads(sender, peer, pace, small, tap);
                peer.readAtLeast(sender.sent(), pace);
                tap.note("server", "read " + peer.bytes() + " B");
                call = closeNow(ws, client, clock, tap, true);
            }
            case LINGER_ZERO -> {
                fill(sender, fillCap, tap);
                setLinger(ws, client, Linger.of(0), tap);
                call = closeNow(ws, client, clock, tap, true);
            }
            case LINGER_PEER_READS, LINGER_PEER_STALLED -> {
                fill(sender, fillCap, tap);
                setLinger(ws, client, lingerN, tap);
                call = closeWhile(ws, client, clock, tap, pace, peer, row == CloseRow.LINGER_PEER_READS);
            }
            case NONBLOCKING_LINGER -> {
                fill(sender, fillCap, tap);
                setLinger(ws, client, lingerN, tap);
                call = closeNow(ws, client, clock, tap, false);
                if (call.result.is(WsaError.WSAEWOULDBLOCK)) {
                    // The handle is still valid and nothing was initiated; SO_DONTLINGER makes the retry succeed.
                    require(ws.setSockOpt(client, SocketOptions.SO_DONTLINGER, Boolean.TRUE), "SO_DONTLINGER");
                    tap.note("client", "SO_DONTLINGER");
                    CloseCall retry = closeNow(ws, client, clock, tap, false);
                    return new Closing(new CloseCall(retry.result, call.measuredNanos, retry.recordsBefore,
                            retry.recordsAfter), Wsa.name(call.result) + ", then " + Wsa.name(retry.result));
                }
            }
            case SHUTDOWN_THEN_CLOSE -> {
                sendWhilePeerReads(sender, peer, pace, small, tap);
                require(ws.shutdown(client, ShutdownHow.SD_SEND), "shutdown(SD_SEND)");
                tap.note("client", "shutdown(SD_SEND)");
                call = closeNow(ws, client, clock, tap, true);
            }
            case SEND_THEN_CLOSE -> {
                sendWhilePeerReads(sender, peer, pace, small, tap);
                call = closeNow(ws, client, clock, tap, true);
            }
            default -> throw new IllegalStateException("unknown row " + row);
        }
        return new Closing(call, Wsa.name(call.result));
    }

    // ---- steps

    private static long open(Winsock ws, ProtocolInfo entry, List<Long> handles) {
        long s = require(ws.socket(entry.addressFamily(), entry.socketType(), entry.protocol(), entry, 0), "socket");
        handles.add(s);
        return s;
    }

    private static <T> void trySet(Winsock ws, long s, SockOpt<T> opt, T value) {
        ws.setSockOpt(s, opt, value); // a provider without the option keeps its own sizes
    }

    private static void awaitConnection(Pace pace, Blocking<WspResult<Void>> connect, Blocking<WspResult<Long>> accept) {
        try {
            while (!connect.done() || !accept.done()) {
                if (connect.done() && !connect.value().isOk()) {
                    accept.abandon();
                    throw new RowFailure("connect failed: " + Wsa.name(connect.value()));
                }
                Blocking<?> waitingFor = connect.done() ? accept : connect;
                if (waitingFor.join(pace.settleMillis())) {
                    continue;
                }
                pace.checkBudget("the connection to be set up");
                pace.letTimePass(Set.of());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RowFailure("interrupted");
        }
        require(connect.value(), "connect");
        require(accept.value(), "accept");
    }

    private static void sendWhilePeerReads(Sender sender, PeerReader peer, Pace pace, long total, TapRecorder tap) {
        while (sender.sendUpTo(total)) {
            if (peer.readAvailable()) {
                continue;
            }
            pace.checkBudget("the sends to go through");
            if (!pace.letTimePass(Set.of(peer.socket()))) {
                throw new RowFailure("sending stalled after " + sender.sent() + " of " + total + " bytes");
            }
        }
        tap.note("client", "sent " + sender.sent() + " B");
    }

    private static void fill(Sender sender, long cap, TapRecorder tap) {
        boolean blocked = sender.sendUpTo(cap);
        tap.note("client", "sent " + sender.sent() + " B" + (blocked ? " (buffers full)" : ""));
    }

    private static void setLinger(Winsock ws, long s, Linger linger, TapRecorder tap) {
        require(ws.setSockOpt(s, SocketOptions.SO_LINGER, linger), "setsockopt(SO_LINGER)");
        tap.note("client", "SO_LINGER " + linger);
    }

    /** A close that is not expected to block for long; {@code blocking} puts the socket back in blocking mode first. */
    private static CloseCall closeNow(Winsock ws, long s, TimeSource clock, TapRecorder tap, boolean blocking) {
        if (blocking) {
            require(ws.ioctl(s, IoControls.FIONBIO, Boolean.FALSE), "ioctlsocket(FIONBIO, 0)");
        }
        int before = tap.closeCount();
        long t0 = clock.nanoTime();
        WspResult<Void> r = ws.closeSocket(s);
        long waited = clock.nanoTime() - t0;
        tap.note("client", "closesocket() = " + Wsa.name(r));
        return new CloseCall(r, waited, before, tap.closeCount());
    }

    /** A blocking lingering close on its own thread, while the peer reads (or does not) and time passes. */
    private static CloseCall closeWhile(Winsock ws, long s, TimeSource clock, TapRecorder tap, Pace pace,
                                       PeerReader peer, boolean peerReads) {
        require(ws.ioctl(s, IoControls.FIONBIO, Boolean.FALSE), "ioctlsocket(FIONBIO, 0)");
        int before = tap.closeCount();
        long t0 = clock.nanoTime();
        long[] end = new long[1];
        tap.note("client", "closesocket() ...");
        int parked = pace.waiters();
        Blocking<WspResult<Void>> closer = Blocking.start("close", () -> {
            WspResult<Void> r = ws.closeSocket(s);
            end[0] = clock.nanoTime();
            return r;
        });
        pace.awaitEntered(closer, parked, "closesocket");
        try {
            boolean justRead = false;
            while (!closer.done()) {
                if (peerReads && peer.readAvailable()) {
                    justRead = true;
                    continue;
                }
                // A read may have woken the closer: give it a real moment to return before time moves on.
                if (closer.join(justRead ? 50 : pace.settleMillis())) {
                    break;
                }
                justRead = false;
                pace.checkBudget("closesocket to return");
                pace.letTimePass(peerReads ? Set.of(peer.socket()) : Set.of());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RowFailure("interrupted");
        } catch (RowFailure e) {
            closer.abandon();
            throw e;
        }
        WspResult<Void> r = closer.value();
        tap.note("client", "closesocket() = " + Wsa.name(r));
        return new CloseCall(r, end[0] - t0, before, tap.closeCount());
    }

    /**
     * The peer's recorded network events once FD_CLOSE is among them, or {@code null}. A real provider posts it
     * from its own poller a moment after the stream ended, so the real clock gets a short while to see it.
     */
    private static NetworkEvents fdCloseAtPeer(Winsock ws, long peer, WspEvent event, TimeSource clock) {
        long end = System.nanoTime() + (clock.isVirtual() ? 0 : 300_000_000L);
        while (true) {
            WspResult<NetworkEvents> r = ws.enumNetworkEvents(peer, event);
            if (r.isOk() && r.value().has(FdEvents.FD_CLOSE)) {
                return r.value();
            }
            if (System.nanoTime() - end >= 0) {
                return null;
            }
            LockSupport.parkNanos(5_000_000L);
        }
    }

    private static String timeWait(RuntimeSession session, String name, TimeSource clock, SockAddr local,
                                   SockAddr peer) {
        Optional<TimeWaitQuery> q = session.extension(name, TimeWaitQuery.class);
        if (q.isEmpty() || local == null || peer == null) {
            return "n/a";
        }
        if (clock instanceof VirtualClock v) {
            v.runDue();
            return q.get().inTimeWait(local, peer) ? "yes" : "no";
        }
        // The kernel handles the peer's FIN a moment after our close returned: look for a short while.
        long end = System.nanoTime() + 300_000_000L;
        do {
            if (q.get().inTimeWait(local, peer)) {
                return "yes";
            }
            LockSupport.parkNanos(5_000_000L);
        } while (System.nanoTime() - end < 0);
        return "no";
    }

    /** The closing socket's record: by its addresses, else the first one published during its close call. */
    private static CloseRecord closeRecord(TapRecorder tap, SockAddr local, SockAddr peer, CloseCall call) {
        List<TapRecorder.Closed> all = tap.closes();
        if (local != null) {
            for (TapRecorder.Closed c : all) {
                if (Objects.equals(c.record().local(), local) && Objects.equals(c.record().peer(), peer)) {
                    return c.record();
                }
            }
        }
        if (call.recordsAfter > call.recordsBefore && call.recordsBefore < all.size()) {
            return all.get(call.recordsBefore).record();
        }
        return null;
    }

    private static <T> T valueOrNull(WspResult<T> r) {
        return r.isOk() ? r.value() : null;
    }

    private static <T> T require(WspResult<T> r, String step) {
        if (!r.isOk()) {
            throw new RowFailure(step + " failed: " + Wsa.name(r));
        }
        return r.value();
    }
}
