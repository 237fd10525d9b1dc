package io.jwsp.provider.irda.handover;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.irda.handover.HandoverFrame.Claim;
import io.jwsp.provider.irda.handover.HandoverFrame.Refused;
import io.jwsp.provider.irda.handover.HandoverFrame.Repoint;
import io.jwsp.provider.irda.handover.HandoverFrame.Repointed;
import io.jwsp.provider.irda.handover.HandoverFrame.State;
import io.jwsp.provider.irda.stack.ConnectionImage;
import io.jwsp.provider.irda.stack.TtpConnection.Ending;
import io.jwsp.spi.catalog.ProviderReserved;
import io.jwsp.testkit.DatagramFuzzer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hand-over frames and dwProviderReserved cross between processes: each decodes back to what was encoded, and
 * the decoders answer "malformed" ({@code null}) for any other input, never an exception (20,000 and more random
 * and mutated inputs, seeded, so a failure repeats).
 */
class HandoverCodecTest {
    private static final int RUNS = 25_000;
    private static final byte[] TOKEN = new byte[16];
    private static final InetSocketAddress HERE = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40001);

    static {
        Arrays.fill(TOKEN, (byte) 0x5A);
    }

    private static ConnectionImage image() {
        return new ConnectionImage(0x1DA00002, 0x21, true, Ending.NONE, 0, 3, 4, 1, false, false,
                List.of(new byte[] {1, 2, 3}, new byte[] {4}), new byte[] {9, 8, 7, 6});
    }

    private static List<byte[]> templates() {
        MovedOptions options = new MovedOptions(true, 5, 16384, 8192, 0, 250);
        return List.of(
                HandoverCodec.encode(new Claim(TOKEN, 4242, 0x1DA00003, 0x12)),
                HandoverCodec.encode(new Refused(TOKEN, 10022)),
                HandoverCodec.encode(new Repoint(77, 0x1DA00002, 0x21, 0x1DA00001, 0x11, 0x1DA00003, 0x12, HERE)),
                HandoverCodec.encode(new Repointed(77, 0x1DA00002, 0x21, 0x1DA00001, 0x11, true)),
                HandoverCodec.encode(new State(TOKEN, HERE, image(), options)),
                HandoverCodec.encode(new State(TOKEN, null, image(), options)),
                new HandoverToken(TOKEN, 0x1DA00001, HERE).reserved().bytes());
    }

    @Test
    void everyFrameDecodesToWhatWasEncoded() {
        List<byte[]> t = templates();
        Claim c = assertInstanceOf(Claim.class, HandoverCodec.decode(t.get(0)));
        assertArrayEquals(TOKEN, c.token());
        assertEquals(4242, c.targetPid());
        assertEquals(0x12, c.lsap());
        assertEquals(10022, assertInstanceOf(Refused.class, HandoverCodec.decode(t.get(1))).errorCode());
        Repoint r = assertInstanceOf(Repoint.class, HandoverCodec.decode(t.get(2)));
        assertEquals(HERE, r.newAddress());
        assertEquals(0x1DA00003, r.newDevice());
        assertTrue(assertInstanceOf(Repointed.class, HandoverCodec.decode(t.get(3))).found());
        State s = assertInstanceOf(State.class, HandoverCodec.decode(t.get(4)));
        assertEquals(HERE, s.peerAddress());
        assertEquals(2, s.image().unread().size());
        assertArrayEquals(new byte[] {4}, s.image().unread().get(1));
        assertArrayEquals(new byte[] {9, 8, 7, 6}, s.image().unsent());
        assertEquals(4, s.image().creditsOutstanding());
        assertEquals(250, s.options().sendTimeoutMs());
        assertNull(assertInstanceOf(State.class, HandoverCodec.decode(t.get(5))).peerAddress());
        HandoverToken token = HandoverToken.of(ProviderReserved.of(t.get(6)));
        assertNotNull(token);
        assertArrayEquals(TOKEN, token.token());
        assertEquals(HERE, token.source());
    }

    @Test
    void limitsAreKept() {
        List<byte[]> many = new ArrayList<>();
        for (int i = 0; i <= HandoverCodec.MAX_UNREAD_FRAMES; i++) {
            many.add(new byte[] {1});
        }
        ConnectionImage tooMany = new ConnectionImage(1, 1, true, Ending.NONE, 0, 0, 0, 0, false, false, many,
                new byte[0]);
        assertNull(HandoverCodec.encode(new State(TOKEN, HERE, tooMany, new MovedOptions(false, 0, 0, 0, 0, 0))),
                "more unread frames than the limit is not encoded");
        ConnectionImage tooLarge = new ConnectionImage(1, 1, true, Ending.NONE, 0, 0, 0, 0, false, false,
                List.of(), new byte[HandoverCodec.MAX_FRAME]);
        assertNull(HandoverCodec.encode(new State(TOKEN, HERE, tooLarge, new MovedOptions(false, 0, 0, 0, 0, 0))),
                "a frame beyond MAX_FRAME is not encoded");
        byte[] claim = templates().get(0);
        assertNull(HandoverCodec.decode(Arrays.copyOf(claim, claim.length + 1)), "a byte too many is malformed");
        assertNull(HandoverCodec.decode(Arrays.copyOf(claim, claim.length - 1)), "a byte too few is malformed");
        byte[] moved = templates().get(4).clone();
        moved[4 + 16 + 19 + 6] = (byte) Ending.MOVED.ordinal(); // an image that claims to have moved already
        assertNull(HandoverCodec.decode(moved));
        assertNull(HandoverToken.of(ProviderReserved.of(new byte[40])), "no IrDA token: another magic");
        assertNull(HandoverToken.of(null));
    }

    @Test
    void decodersNeverThrow_forRandomAndMutatedInput() {
        DatagramFuzzer fuzz = new DatagramFuzzer(19, templates());
        int decoded = 0;
        for (int i = 0; i < RUNS; i++) {
            byte[] d = fuzz.next(i);
            HandoverFrame f = HandoverCodec.decode(d);
            if (f != null) {
                decoded++;
                assertNotNull(HandoverCodec.encode(f), "what decodes re-encodes within the limits");
            }
            if (d.length <= ProviderReserved.MAX_LENGTH) {
                HandoverToken.of(ProviderReserved.of(d));
            }
        }
        assertTrue(decoded < RUNS, "the fuzzer made malformed input too: " + decoded + " of " + RUNS + " decoded");
    }
}
