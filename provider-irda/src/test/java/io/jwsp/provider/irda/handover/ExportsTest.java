package io.jwsp.provider.irda.handover;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.irda.handover.HandoverFrame.Claim;
import io.jwsp.provider.irda.handover.HandoverFrame.Refused;
import io.jwsp.provider.irda.handover.HandoverFrame.Repoint;
import io.jwsp.provider.irda.handover.HandoverFrame.Repointed;
import io.jwsp.provider.irda.handover.HandoverFrame.State;
import io.jwsp.provider.irda.medium.IrSpace;
import io.jwsp.provider.irda.medium.LmpFrame;
import io.jwsp.provider.irda.medium.MediumSettings;
import io.jwsp.provider.irda.stack.IrlmpStack;
import io.jwsp.provider.irda.stack.LsapListener;
import io.jwsp.provider.irda.stack.TtpConnection;
import io.jwsp.provider.irda.stack.TtpConnection.Ending;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.time.VirtualClock;
import io.jwsp.spi.trace.WireTap;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The source side of a hand-over on the virtual clock, its frames caught instead of sent: a token is redeemable
 * once, by the process it was issued for, within its time-to-live; a spent, expired or misdirected one is
 * refused (WSAEINVAL) and counted; the connection moves only once its other end answered, from its own process.
 */
class ExportsTest {
    private static final int PEER = 0x1DA0F00D;
    private static final int PEER_LSAP = 0x22;
    private static final int LSAP = 0x15;
    private static final long TARGET = 4242;
    private static final Duration TTL = Duration.ofSeconds(30);
    private static final InetSocketAddress PEER_PROCESS = loopback(41001);
    private static final InetSocketAddress TARGET_PROCESS = loopback(41002);
    private static final InetSocketAddress STRANGER = loopback(41003);

    private final VirtualClock clock = new VirtualClock();
    private final IrSpace space = new IrSpace(clock, WireTap.NONE, MediumSettings.from(Map.of("baud", "0")));
    private final IrlmpStack stack = new IrlmpStack(space);
    private final int local = space.primaryDevice().id();
    private final CapturedWire wire = new CapturedWire();
    private final HandoverCounters counters = new HandoverCounters();
    private final Exports exports = new Exports(space.lock(), clock, wire, counters, TTL.toNanos(),
            Duration.ofSeconds(6).toNanos());
    private final MovedOptions options = new MovedOptions(false, 0, 16384, 8192, 0, 0);
    private TtpConnection c;

    private static InetSocketAddress loopback(int port) {
        return CapturedWire.loopback(port);
    }

    @BeforeEach
    void open() {
        wire.routes.put(PEER, PEER_PROCESS);
        space.lock().lock();
        LsapListener l = stack.listen(local, LSAP, 1, () -> { });
        stack.frameArrived(new LmpFrame(PEER, local, LmpFrame.Kind.CONNECT, PEER_LSAP, LSAP, 4, new byte[0]));
        c = l.poll();
        stack.frameArrived(new LmpFrame(PEER, local, LmpFrame.Kind.DATA, PEER_LSAP, LSAP, 0, new byte[] {1, 2, 3}));
    }

    @AfterEach
    void unlock() {
        space.lock().unlock();
    }

    private byte[] export() {
        return HandoverToken.of(exports.export(c, TARGET, options, 2045).value()).token();
    }

    private HandoverFrame last() {
        return wire.last().frame();
    }

    @Test
    void aClaimedToken_isSpent_andTheConnectionMovesOnlyOnItsOtherEndsAnswer() {
        byte[] token = export();
        exports.claim(TARGET_PROCESS, new Claim(token, TARGET, 0x1DA0BBBB, 0x30));
        Repoint r = assertInstanceOf(Repoint.class, last());
        assertEquals(PEER_PROCESS, wire.last().to(), "the re-point goes to the other end's process");
        assertEquals(TARGET_PROCESS, r.newAddress());
        assertTrue(c.frozen(), "nothing leaves the source while the connection moves");

        exports.claim(TARGET_PROCESS, new Claim(token, TARGET, 0x1DA0BBBB, 0x31));
        assertEquals(WsaError.WSAEINVAL.code(), assertInstanceOf(Refused.class, last()).errorCode(),
                "a replayed claim");
        assertEquals(1, counters.refusedTokens());

        Repointed answer = new Repointed(r.handoverId(), PEER, PEER_LSAP, local, LSAP, true);
        exports.repointed(STRANGER, answer);
        assertEquals(1, counters.wrongPeer(), "the answer counts only from the other end's own process");
        assertEquals(TtpConnection.State.OPEN, c.state());

        exports.repointed(PEER_PROCESS, answer);
        State s = assertInstanceOf(State.class, last());
        assertEquals(TARGET_PROCESS, wire.last().to());
        assertArrayEquals(token, s.token());
        assertArrayEquals(new byte[] {1, 2, 3}, s.image().unread().getFirst(), "unread bytes move");
        assertEquals(Ending.MOVED, c.ending(), "the source has nothing of it left");
        assertEquals(0, stack.openConnections());
        assertEquals(1, counters.movedOut());
    }

    @Test
    void anExpiredToken_isRefused_andItsClosedSocketsConnectionEndsGracefully() {
        byte[] token = export();
        exports.release(c); // the socket closed: the export holds the connection
        clock.advance(TTL);
        assertEquals(Ending.LOCAL_DISCONNECT, c.ending(), "never claimed: the graceful row, DISCONNECT(1)");
        exports.claim(TARGET_PROCESS, new Claim(token, TARGET, 0x1DA0BBBB, 0x30));
        assertEquals(WsaError.WSAEINVAL.code(), assertInstanceOf(Refused.class, last()).errorCode());
        assertEquals(1, counters.refusedTokens());
    }

    @Test
    void aTokenForAnotherProcess_isRefused_andStaysForItsTarget() {
        byte[] token = export();
        exports.claim(STRANGER, new Claim(token, TARGET + 1, 0x1DA0BBBB, 0x30));
        assertInstanceOf(Refused.class, last());
        assertEquals(1, counters.refusedTokens());
        assertTrue(exports.holds(c));
        c.read(new ByteBuffer[] {ByteBuffer.allocate(3)}, false);
        assertEquals(TtpConnection.State.OPEN, c.state(), "the connection is untouched");
        exports.claim(TARGET_PROCESS, new Claim(token, TARGET, 0x1DA0BBBB, 0x30));
        assertInstanceOf(Repoint.class, last(), "its own target still claims it");
    }

    @Test
    void anOtherEndThatNeverAnswers_resetsTheConnection_andTheTargetIsToldSo() {
        exports.claim(TARGET_PROCESS, new Claim(export(), TARGET, 0x1DA0BBBB, 0x30));
        clock.advance(Duration.ofSeconds(6));
        State s = assertInstanceOf(State.class, last());
        assertEquals(Ending.RESET, s.image().ending(), "the target's recv answers WSAECONNRESET");
        assertEquals(Ending.MOVED, c.ending());
        assertEquals(0, exports.underWay());
    }
}
