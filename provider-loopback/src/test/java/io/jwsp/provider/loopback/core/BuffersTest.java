package io.jwsp.provider.loopback.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Copies between WSABUF arrays: a receive taking from a waiting send's buffers without moving them. */
class BuffersTest {
    @Test
    void copyFrom_anySkipAndCount_acrossUnevenBuffers_leavesTheSourcesWhereTheyWere() {
        Random random = new Random(21);
        for (int round = 0; round < 2_000; round++) {
            ByteBuffer[] sources = buffers(random, true);
            byte[] all = new byte[Buffers.remaining(sources)];
            int at = 0;
            for (ByteBuffer b : sources) {
                b.duplicate().get(all, at, b.remaining());
                at += b.remaining();
            }
            int[] before = Buffers.positions(sources);
            int skip = random.nextInt(all.length + 1);
            ByteBuffer[] targets = buffers(random, false);
            int room = Buffers.remaining(targets);
            int n = random.nextInt(all.length + 2);
            int copied = Buffers.copyFrom(sources, skip, targets, n);
            assertEquals(Math.min(n, Math.min(all.length - skip, room)), copied, "at most what both hold");
            assertArrayEquals(before, Buffers.positions(sources), "the sources did not move");
            byte[] got = new byte[copied];
            int g = 0;
            for (ByteBuffer t : targets) {
                int start = startOf(t);
                t.duplicate().position(start).get(got, g, t.position() - start);
                g += t.position() - start;
            }
            byte[] want = new byte[copied];
            System.arraycopy(all, skip, want, 0, copied);
            assertArrayEquals(want, got, "the bytes after the skip, in order");
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

    /** Buffers of random sizes (some empty) from random start positions, each start marked ({@link ByteBuffer#mark}). */
    private static ByteBuffer[] buffers(Random random, boolean filled) {
        ByteBuffer[] out = new ByteBuffer[1 + random.nextInt(4)];
        for (int i = 0; i < out.length; i++) {
            int size = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(40);
            ByteBuffer b = ByteBuffer.allocate(size + 8);
            if (filled) {
                random.nextBytes(b.array());
            }
            int start = random.nextInt(8);
            b.position(start).limit(start + size);
            b.mark();
            out[i] = b;
        }
        return out;
    }

    private static int startOf(ByteBuffer b) {
        int pos = b.position();
        b.reset();
        int start = b.position();
        b.position(pos);
        return start;
    }
}
