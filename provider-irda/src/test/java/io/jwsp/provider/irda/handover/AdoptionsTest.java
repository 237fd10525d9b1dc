package io.jwsp.provider.irda.handover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.irda.handover.HandoverFrame.Claim;
import io.jwsp.provider.irda.handover.HandoverFrame.Refused;
import io.jwsp.provider.irda.handover.HandoverFrame.State;
import io.jwsp.provider.irda.medium.IrSpace;
import io.jwsp.provider.irda.medium.LmpFrame;
import io.jwsp.provider.irda.medium.MediumSettings;
import io.jwsp.provider.irda.stack.ConnectionImage;
import io.jwsp.provider.irda.stack.IrlmpStack;
import io.jwsp.provider.irda.stack.TtpConnection;
import io.jwsp.provider.irda.stack.TtpConnection.Ending;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.SystemTimeSource;
import io.jwsp.spi.trace.WireTap;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The target side of a hand-over: the claim goes to the process the token names, only that process's answer
 * counts, and what the connection's other end sends here before the connection itself arrives is held and
 * delivered to it first, in order (the other end re-points before the source sends the state).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AdoptionsTest {
    private static final int PEER = 0x1DA0F00D;
    private static final int PEER_LSAP = 0x22;
    private static final int LSAP = 0x31;
    private static final InetSocketAddress SOURCE = loopback(42001);
    private static final InetSocketAddress STRANGER = loopback(42003);

    private final IrSpace space = new IrSpace(new SystemTimeSource(), WireTap.NONE,
            MediumSettings.from(Map.of("baud", "0", "thresholdMs", "5000")));
    private final IrlmpStack stack = new IrlmpStack(space);
    private final int local = space.primaryDevice().id();
    private final CapturedWire wire = new CapturedWire();
    private final HandoverCounters counters = new HandoverCounters();
    private final Adoptions adoptions = new Adoptions(space.lock(), space.changed(), space.clock(), wire,
            counters, TimeUnit.SECONDS.toNanos(20));
    private final HandoverToken token = new HandoverToken(new byte[16], 0x1DA0AAAA, SOURCE);

    private static InetSocketAddress loopback(int port) {
        return CapturedWire.loopback(port);
    }

    private CompletableFuture<WspResult<Adoptions.Arrival>> claimOnAnotherThread() throws InterruptedException {
        stack.onUnmatched(adoptions::hold);
        CompletableFuture<WspResult<Adoptions.Arrival>> r = CompletableFuture.supplyAsync(() -> {
            space.lock().lock();
            try {
                return adoptions.claim(token, local, LSAP);
            } finally {
                space.lock().unlock();
            }
        });
        CapturedWire.Sent sent = wire.sent.poll(20, TimeUnit.SECONDS);
        assertEquals(SOURCE, sent.to(), "the claim goes to the process the token names");
        Claim c = assertInstanceOf(Claim.class, sent.frame());
        assertEquals(LSAP, c.lsap());
        assertEquals(ProcessHandle.current().pid(), c.targetPid());
        return r;
    }

    private void arrive(Runnable r) {
        space.lock().lock();
        try {
            r.run();
        } finally {
            space.lock().unlock();
        }
    }

    @Test
    void framesBeforeTheConnection_areHeld_andDeliveredToItFirst() throws Exception {
        CompletableFuture<WspResult<Adoptions.Arrival>> claim = claimOnAnotherThread();
        ConnectionImage image = new ConnectionImage(PEER, PEER_LSAP, true, Ending.NONE, 0, 4, 3, 0, false, false,
                List.of(new byte[] {1, 2}), new byte[0]);
        arrive(() -> {
            stack.frameArrived(new LmpFrame(PEER, local, LmpFrame.Kind.DATA, PEER_LSAP, LSAP, 0, new byte[] {3}));
            adoptions.answered(STRANGER, token.token(), new Refused(token.token(), 10022));
            adoptions.answered(SOURCE, token.token(), new State(token.token(), null, image,
                    new MovedOptions(false, 0, 1, 1, 0, 0)));
        });
        Adoptions.Arrival a = claim.get(20, TimeUnit.SECONDS).value();
        assertEquals(1, counters.wrongPeer(), "only the source's answer counts");
        assertEquals(1, a.held().size(), "P's frame sent after it re-pointed, before the state arrived");
        arrive(() -> {
            TtpConnection c = stack.adopt(local, LSAP, a.image(), a.held(), () -> { });
            assertEquals(3, c.rxBytes(), "the moved unread bytes, then the held frame's");
            assertEquals(TtpConnection.State.OPEN, c.state());
            assertTrue(stack.connection(local, LSAP, PEER, PEER_LSAP) == c, "registered under its new selector");
        });
    }

    @Test
    void theSourcesRefusal_isTheAnswer() throws Exception {
        CompletableFuture<WspResult<Adoptions.Arrival>> claim = claimOnAnotherThread();
        arrive(() -> adoptions.answered(SOURCE, token.token(), new Refused(token.token(), 10022)));
        assertEquals(WsaError.WSAEINVAL, claim.get(20, TimeUnit.SECONDS).error());
    }
}
