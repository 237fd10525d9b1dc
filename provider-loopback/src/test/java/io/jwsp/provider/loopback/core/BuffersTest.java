package io.jwsp.provider.loopback.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Copies between WSABUF arrays, against a model (the bytes laid end to end): a plain copy moves both arrays; a
 * receive taking from a waiting send's buffers moves only its own. Random sizes (empty buffers among them), start
 * positions, skips and counts.
 */
class BuffersTest {
    private static final int ROUNDS = 3_000;

    @Test
    void copy_movesBoth() {
        Random random = new Random(1);
        for (int round = 0; round < ROUNDS; round++) {
            check(random, 0, 0, (s, t, n) -> Buffers.copy(s, t, n), true, true);
        }
    }

    @Test
    void copyFrom_skipsIntoTheSources_movesOnlyTheTargets() {
        Random random = new Random(2);
        for (int round = 0; round < ROUNDS; round++) {
            int skip = random.nextInt(60);
            check(random, skip, 0, (s, t, n) -> Buffers.copyFrom(s, skip, t, n), false, true);
        }
    }

    @Test
    void skip_movesPositionsPastBytesAcrossBuffers() {
        ByteBuffer a = ByteBuffer.allocate(5);
        ByteBuffer b = ByteBuffer.allocate(0);
        ByteBuffer c = ByteBuffer.allocate(7);
        ByteBuffer[] buffers = {a, b, c};
        Buffers.skip(buffers, 8);
        assertEquals(5, a.position());
        assertEquals(3, c.position());
        Buffers.skip(buffers, 100);
        assertEquals(0, Buffers.remaining(buffers), "at most what they hold");
    }

    private interface Copy {
        int apply(ByteBuffer[] sources, ByteBuffer[] targets, int n);
    }

    private static void check(Random random, int sourceSkip, int targetSkip, Copy copy, boolean sourcesMove,
                              boolean targetsMove) {
        ByteBuffer[] sources = buffers(random);
        ByteBuffer[] targets = buffers(random);
        byte[] from = laidOut(sources);
        byte[] into = laidOut(targets);
        int[] sourceStarts = Buffers.positions(sources);
        int[] targetStarts = Buffers.positions(targets);
        int n = random.nextInt(from.length + 2);
        int expected = Math.max(0, Math.min(n, Math.min(from.length - sourceSkip, into.length - targetSkip)));
        assertEquals(expected, copy.apply(sources, targets, n), "at most what both hold past their skips");
        System.arraycopy(from, Math.min(sourceSkip, from.length), into, Math.min(targetSkip, into.length), expected);
        assertArrayEquals(into, laidOut(targets, targetStarts), "the bytes, in order, where the model puts them");
        assertEquals(sourcesMove ? Math.min(from.length, expected) : 0, moved(sources, sourceStarts), "sources");
        assertEquals(targetsMove ? expected : 0, moved(targets, targetStarts), "targets");
    }

    /** Buffers of random sizes (some empty) from random start positions, filled with random bytes. */
    private static ByteBuffer[] buffers(Random random) {
        ByteBuffer[] out = new ByteBuffer[1 + random.nextInt(4)];
        for (int i = 0; i < out.length; i++) {
            int size = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(40);
            ByteBuffer b = ByteBuffer.allocate(size + 8);
            random.nextBytes(b.array());
            int start = random.nextInt(8);
            out[i] = b.position(start).limit(start + size);
        }
        return out;
    }

    private static byte[] laidOut(ByteBuffer[] buffers) {
        return laidOut(buffers, Buffers.positions(buffers));
    }

    /** The bytes between each buffer's {@code starts} and its limit, end to end. */
    private static byte[] laidOut(ByteBuffer[] buffers, int[] starts) {
        int total = 0;
        for (int i = 0; i < buffers.length; i++) {
            total += buffers[i].limit() - starts[i];
        }
        byte[] out = new byte[total];
        int at = 0;
        for (int i = 0; i < buffers.length; i++) {
            int k = buffers[i].limit() - starts[i];
            buffers[i].get(starts[i], out, at, k);
            at += k;
        }
        return out;
    }

    private static int moved(ByteBuffer[] buffers, int[] starts) {
        int n = 0;
        for (int i = 0; i < buffers.length; i++) {
            n += buffers[i].position() - starts[i];
        }
        return n;
    }
}
