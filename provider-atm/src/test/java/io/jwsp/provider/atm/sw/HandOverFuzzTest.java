package io.jwsp.provider.atm.sw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.time.VirtualClock;
import io.jwsp.spi.trace.WireTap;
import io.jwsp.testkit.DatagramFuzzer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hand-over messages cross between processes: their decoder answers "malformed" (null) for any input and never
 * throws, what it accepts re-encodes to the same bytes, and the switch refuses and counts whatever does not fit a
 * hand-over it knows, from any port.
 */
class HandOverFuzzTest {
    private static final int RUNS = 50_000;
    private static final byte[] TOKEN = "0123456789abcdef".getBytes();

    private static List<byte[]> templates() {
        return List.of(new HandOverMessage.Hold(TOKEN, 4242, 40).encode(),
                new HandOverMessage.Hand(TOKEN, 30_000, 17, new byte[40]).encode(),
                new HandOverMessage.Parked(TOKEN).encode(), new HandOverMessage.Claim(TOKEN).encode(),
                new HandOverMessage.Claimed(TOKEN, 9, 33, new byte[30]).encode(),
                new HandOverMessage.Ready(TOKEN).encode(),
                new HandOverMessage.Refused(TOKEN, HandOverMessage.Reason.EXPIRED).encode());
    }

    @Test
    void everyTemplate_roundTrips() {
        for (byte[] t : templates()) {
            HandOverMessage m = HandOverMessage.decode(t);
            assertNotNull(m);
            assertArrayEquals(t, m.encode());
            assertArrayEquals(TOKEN, m.token());
        }
    }

    @Test
    void the_decoder_neverThrows_andWhatItAcceptsIsCanonical() {
        DatagramFuzzer fuzz = new DatagramFuzzer(19, templates());
        int accepted = 0;
        for (int i = 0; i < RUNS; i++) {
            byte[] d = fuzz.next(i);
            HandOverMessage m = HandOverMessage.decode(d);
            if (m != null) {
                accepted++;
                assertArrayEquals(d, m.encode(), "one encoding per message");
                assertTrue(HandOverMessage.isHandOver(d));
            }
        }
        assertTrue(accepted > 0 && accepted < RUNS, "some mutations stay well-formed: " + accepted);
        assertNull(HandOverMessage.decode(null));
        assertNull(HandOverMessage.decode(new byte[0]));
    }

    /** 20,000 mutated and random messages from the ports of an idle switch: each one refused and counted. */
    @Test
    void theSwitch_refusesAndCountsEveryMessageThatFitsNoHandOver() {
        Sync sync = new Sync();
        AtmSwitch sw = new AtmSwitch(sync, new VirtualClock(), new SwitchTiming(0, 0, 0, 4_000_000_000L),
                WireTap.NONE, AtmSwitch.defaultPrefix(1));
        List<byte[]> answers = new ArrayList<>();
        UserSide user = new UserSide() {
            @Override
            public void signalling(byte[] pdu) {
            }

            @Override
            public void cell(byte[] cell) {
                answers.add(cell);
            }

            @Override
            public void management(byte[] message) {
                answers.add(message);
            }
        };
        sync.run(() -> {
            sw.attach(user, 111, true);
            sw.attach(user, 222, false);
        });
        DatagramFuzzer fuzz = new DatagramFuzzer(20, templates());
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            byte[] d = fuzz.next(i);
            int port = i % 4 - 1; // -1 (never attached), 0, 1, 2 (not attached)
            sync.run(() -> sw.management(port, d));
        }
        assertEquals(n, sync.call(sw::statistics).handOversRefused(), "refused and counted");
        assertEquals(0, sync.call(sw::handOversPending));
        for (byte[] a : answers) {
            assertTrue(HandOverMessage.decode(a) instanceof HandOverMessage.Refused, "only refusals go back");
        }
    }
}
