package io.jwsp.carriage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CarriageTest {
    static final byte[] KEY = CarriageKey.parse("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    private static final byte[] OTHER_KEY = CarriageKey.parse(
            "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100");
    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private final List<AutoCloseable> open = new ArrayList<>();

    /** What a carriage delivered: frames, and the peers it lost. */
    static final class Inbox implements CarriageListener {
        final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
        final BlockingQueue<InetSocketAddress> lost = new LinkedBlockingQueue<>();

        @Override
        public void frame(InetSocketAddress peer, byte[] frame) {
            frames.add(frame);
        }

        @Override
        public void peerLost(InetSocketAddress peer, String why) {
            lost.add(peer);
        }

        byte[] next() throws InterruptedException {
            byte[] f = frames.poll(10, TimeUnit.SECONDS);
            if (f == null) {
                throw new AssertionError("no frame delivered");
            }
            return f;
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private Carriage carriage(Inbox inbox, InetSocketAddress bind, Duration deadAfter) throws Exception {
        Carriage c = Carriage.open("test", bind, CarriageSettings.of(KEY, false, deadAfter), inbox, 1 << 20);
        open.add(c);
        return c;
    }

    private FakePeer fake(byte[] key) throws Exception {
        FakePeer f = new FakePeer(key);
        open.add(f);
        return f;
    }

    private static byte[] frame(int i) {
        return ByteBuffer.allocate(4).putInt(i).array();
    }

    @Test
    void framesCrossInOrder_eachOnce() throws Exception {
        Inbox a = new Inbox();
        Inbox b = new Inbox();
        Carriage ca = carriage(a, ANY_LOOPBACK, Duration.ofSeconds(2));
        Carriage cb = carriage(b, ANY_LOOPBACK, Duration.ofSeconds(2));
        for (int i = 0; i < 5000; i++) {
            assertTrue(ca.send(cb.localAddress(), frame(i)));
        }
        for (int i = 0; i < 5000; i++) {
            assertArrayEquals(frame(i), b.next(), "frame " + i);
        }
        assertTrue(ca.drain(cb.localAddress(), Duration.ofSeconds(10)), "all acknowledged");
        assertEquals(null, b.frames.poll(50, TimeUnit.MILLISECONDS), "nothing twice");
    }

    @Test
    void aMark_isAcknowledged_whenThePeerTookEverythingUpToIt_andLost_whenThePeerGoesSilent() throws Exception {
        Inbox a = new Inbox();
        Inbox b = new Inbox();
        Carriage ca = carriage(a, ANY_LOOPBACK, Duration.ofSeconds(2));
        Carriage cb = carriage(b, ANY_LOOPBACK, Duration.ofSeconds(2));
        for (int i = 0; i < 100; i++) {
            ca.send(cb.localAddress(), frame(i));
        }
        DeliveryMark mark = ca.mark(cb.localAddress());
        assertEquals(100, mark.seq(), "the mark covers every frame given, queued or in flight");
        assertEquals(Acknowledgement.ACKNOWLEDGED, ca.awaitAcknowledged(mark, Duration.ofSeconds(10)));
        cb.close(); // silent from now on: whatever is given next is never acknowledged
        ca.send(cb.localAddress(), frame(100));
        DeliveryMark unanswered = ca.mark(cb.localAddress());
        assertEquals(Acknowledgement.TIMED_OUT, ca.awaitAcknowledged(unanswered, Duration.ofMillis(50)));
        assertEquals(Acknowledgement.PEER_LOST, ca.awaitAcknowledged(unanswered, Duration.ofSeconds(10)),
                "the dead-after time ends the wait before the timeout");
        assertEquals(Acknowledgement.PEER_LOST, ca.awaitAcknowledged(ca.mark(cb.localAddress()), Duration.ZERO),
                "a peer the carriage no longer knows has no session to acknowledge anything");
    }

    /** A fake peer that holds the key opens a session with {@code c}; answers the (sender, receiver) nonces. */
    private static long[] handshake(FakePeer f, Carriage c) throws Exception {
        long mine = 0x1234_5678_9ABCL;
        f.send(f.signed(Envelope.control(EnvelopeType.HELLO, mine, 0, 0, 0), c.localAddress()), c.localAddress());
        Envelope challenge = f.await(EnvelopeType.CHALLENGE);
        assertEquals(mine, challenge.receiverNonce(), "the CHALLENGE echoes the HELLO's nonce");
        return new long[] {mine, challenge.senderNonce()};
    }

    private static Envelope data(long[] session, long seq, byte[] frame) {
        return new Envelope(EnvelopeType.DATA, session[0], session[1], seq, 0, frame);
    }

    @Test
    void aTagThatDoesNotVerify_isRefused_evenWithTheSessionsNonces_orFromAnotherAddress() throws Exception {
        Inbox b = new Inbox();
        Carriage cb = carriage(b, ANY_LOOPBACK, Duration.ofSeconds(5));
        FakePeer f = fake(KEY);
        long[] session = handshake(f, cb);
        f.send(f.signed(data(session, 1, frame(1)), cb.localAddress()), cb.localAddress());
        assertArrayEquals(frame(1), b.next(), "a frame of the session, signed with the key, is delivered");

        FakePeer forger = fake(OTHER_KEY);
        // same address as the session's peer cannot be had; the forger signs for it with a key of its own
        byte[] forged = forger.signed(data(session, 2, frame(666)), cb.localAddress());
        f.send(forged, cb.localAddress());
        FakePeer elsewhere = fake(KEY);
        byte[] moved = f.signed(data(session, 2, frame(667)), cb.localAddress());
        elsewhere.send(moved, cb.localAddress()); // right key, signed for f's address, sent from another
        f.send(f.signed(data(session, 2, frame(2)), cb.localAddress()), cb.localAddress());
        assertArrayEquals(frame(2), b.next(), "the next real frame; neither forgery in between");
        assertEquals(2, cb.statistics().droppedUnauthenticated(), cb.statistics().toString());
    }

    @Test
    void replays_withinTheSession_andIntoALaterOne_areNeverDelivered() throws Exception {
        Inbox b = new Inbox();
        Carriage cb = carriage(b, ANY_LOOPBACK, Duration.ofSeconds(5));
        InetSocketAddress at = cb.localAddress();
        FakePeer f = fake(KEY);
        List<byte[]> recorded = new ArrayList<>();
        recorded.add(f.signed(Envelope.control(EnvelopeType.HELLO, 0x1234_5678_9ABCL, 0, 0, 0), at));
        long[] session = handshake(f, cb);
        for (int i = 1; i <= 3; i++) {
            byte[] d = f.signed(data(session, i, frame(i)), at);
            recorded.add(d);
            f.send(d, at);
            assertArrayEquals(frame(i), b.next());
        }
        for (byte[] d : recorded) {
            f.send(d, at);
        }
        f.send(f.signed(data(session, 4, frame(4)), at), at);
        assertArrayEquals(frame(4), b.next(), "after the replays, the next frame; no replayed one before it");
        assertEquals(session[1], f.await(EnvelopeType.CHALLENGE).senderNonce(),
                "a replayed HELLO of the session in use is answered with the same challenge: nothing changes");
        assertTrue(cb.statistics().droppedDuplicate() >= 3, cb.statistics().toString());

        // the receiver restarts on the same port: the old session's datagrams are of no session now
        cb.close();
        Inbox b2 = new Inbox();
        Carriage again = carriage(b2, at, Duration.ofSeconds(5));
        for (byte[] d : recorded) {
            f.send(d, at);
        }
        Envelope challenge = f.await(EnvelopeType.CHALLENGE); // the replayed HELLO costs one CHALLENGE, no more
        assertTrue(challenge.senderNonce() != session[1], "a fresh nonce");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (again.statistics().droppedStale() < 3 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5); // polls a counter, up to the deadline
        }
        assertEquals(3, again.statistics().droppedStale(), again.statistics().toString());
        assertEquals(null, b2.frames.poll(50, TimeUnit.MILLISECONDS), "nothing delivered");
    }

    @Test
    void aLostDatagram_isSentAgain() throws Exception {
        Inbox a = new Inbox();
        Carriage ca = carriage(a, ANY_LOOPBACK, Duration.ofSeconds(5));
        FakePeer receiver = fake(KEY);
        ca.send(receiver.address, frame(1));
        Envelope hello = receiver.await(EnvelopeType.HELLO);
        long challenge = 0x4242L;
        receiver.send(receiver.signed(Envelope.control(EnvelopeType.CHALLENGE, challenge, hello.senderNonce(), 0, 0),
                ca.localAddress()), ca.localAddress());
        Envelope first = receiver.await(EnvelopeType.DATA);
        assertEquals(1, first.seq());
        // no ACK: the receiver "lost" it; the carriage sends the same DATA again after its timeout
        Envelope again = receiver.await(EnvelopeType.DATA);
        assertEquals(1, again.seq());
        assertArrayEquals(frame(1), again.frame());
        assertTrue(ca.statistics().retransmissions() >= 1);
        receiver.send(receiver.signed(Envelope.control(EnvelopeType.ACK, challenge, hello.senderNonce(), 0, 1),
                ca.localAddress()), ca.localAddress());
        assertTrue(ca.drain(receiver.address, Duration.ofSeconds(5)), "acknowledged at last");
    }

    @Test
    void aPeerThatGoesSilent_isLost_afterTheDeadAfterTime() throws Exception {
        Inbox a = new Inbox();
        Inbox b = new Inbox();
        Duration dead = Duration.ofMillis(400);
        Carriage ca = carriage(a, ANY_LOOPBACK, dead);
        Carriage cb = carriage(b, ANY_LOOPBACK, dead);
        ca.send(cb.localAddress(), frame(1));
        b.next();
        long closedAt = System.nanoTime();
        cb.close();
        InetSocketAddress gone = a.lost.poll(10, TimeUnit.SECONDS);
        long tookMs = (System.nanoTime() - closedAt) / 1_000_000;
        assertEquals(cb.localAddress(), gone);
        assertTrue(tookMs < dead.toMillis() + 1000, "lost after " + tookMs + " ms");
        assertFalse(ca.established(cb.localAddress()));
    }

    @Test
    void onlyLoopbackAddresses_unlessAllowed_andNeverAWildcard() throws Exception {
        InetSocketAddress wildcard = new InetSocketAddress(0);
        assertThrows(IllegalArgumentException.class, () -> BindPolicy.check(wildcard, true));
        InetSocketAddress outside = new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, 1}), 1);
        assertThrows(IllegalArgumentException.class, () -> BindPolicy.check(outside, false));
        assertFalse(BindPolicy.allowed(outside, false));
        assertTrue(BindPolicy.allowed(outside, true));
    }
}
