package io.jwsp.carriage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The envelope decoder and the tag check answer for any input and never throw. */
class EnvelopeFuzzTest {
    private static final int RUNS = 100_000;

    @Test
    void randomTruncatedAndMutatedDatagrams_decodeToNullOrAnEnvelope_andNeverVerify() {
        SplittableRandom r = new SplittableRandom(17);
        Authenticator auth = new Authenticator(CarriageTest.KEY);
        InetSocketAddress a = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1);
        InetSocketAddress b = new InetSocketAddress(InetAddress.getLoopbackAddress(), 2);
        byte[] valid = new Envelope(EnvelopeType.DATA, 1, 2, 3, 0, new byte[40]).encode();
        auth.sign(valid, a, b);
        int verified = 0;
        for (int i = 0; i < RUNS; i++) {
            byte[] d = switch (i % 3) {
                case 0 -> randomBytes(r, r.nextInt(0, 200));
                case 1 -> Arrays.copyOf(valid, r.nextInt(0, valid.length));
                default -> {
                    byte[] m = valid.clone();
                    m[r.nextInt(m.length)] ^= (byte) (1 << r.nextInt(8));
                    yield m;
                }
            };
            Envelope.decode(d, d.length);
            if (auth.verify(d, d.length, a, b)) {
                verified++;
            }
        }
        assertEquals(0, verified, "no random, truncated or mutated datagram carries a valid tag");
        assertTrue(auth.verify(valid, valid.length, a, b), "the valid one does");
    }

    private static byte[] randomBytes(SplittableRandom r, int n) {
        byte[] d = new byte[n];
        for (int i = 0; i < n; i++) {
            d[i] = (byte) r.nextInt(256);
        }
        if (n > 3 && r.nextBoolean()) {
            d[0] = 'J';
            d[1] = 'C';
            d[2] = 1;
        }
        return d;
    }
}
