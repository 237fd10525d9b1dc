package io.jwsp.provider.loopback.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ring under every stream connection: bytes come out exactly as they went in, across wrap-around and growth. */
class ByteRingTest {

    @Test
    void required_ring_randomWritesAndReads_matchAReferenceQueue() {
        Random random = new Random(42);
        ByteRing ring = new ByteRing();
        ArrayDeque<Byte> reference = new ArrayDeque<>();
        int next = 0;
        for (int step = 0; step < 20_000; step++) {
            if (random.nextBoolean()) {
                int n = random.nextInt(3000);
                byte[] data = new byte[n];
                for (int i = 0; i < n; i++) {
                    data[i] = (byte) next++;
                    reference.add(data[i]);
                }
                // Gather from two buffers, the second a direct one.
                int split = n == 0 ? 0 : random.nextInt(n);
                ByteBuffer a = ByteBuffer.wrap(data, 0, split);
                ByteBuffer b = ByteBuffer.allocateDirect(n - split).put(data, split, n - split).flip();
                assertEquals(n, ring.write(new ByteBuffer[] {a, b}, n));
            } else {
                int want = random.nextInt(4000);
                boolean peek = random.nextInt(5) == 0;
                ByteBuffer x = ByteBuffer.allocate(want / 2);
                ByteBuffer y = ByteBuffer.allocate(want - want / 2);
                int got = ring.read(new ByteBuffer[] {x, y}, want, peek);
                assertEquals(Math.min(want, reference.size()), got);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(x.array(), 0, x.position());
                out.write(y.array(), 0, y.position());
                byte[] expected = new byte[got];
                var it = reference.iterator();
                for (int i = 0; i < got; i++) {
                    expected[i] = it.next();
                }
                assertArrayEquals(expected, out.toByteArray());
                if (!peek) {
                    for (int i = 0; i < got; i++) {
                        reference.poll();
                    }
                }
            }
            assertEquals(reference.size(), ring.size());
        }
    }

    @Test
    void required_ring_smallMessages_matchAReferenceQueue_andADrainedSmallRingHoldsNoArray() {
        Random random = new Random(7);
        ByteRing ring = new ByteRing();
        ArrayDeque<Byte> reference = new ArrayDeque<>();
        int next = 0;
        int dropped = 0;
        for (int step = 0; step < 20_000; step++) {
            if (random.nextBoolean()) {
                byte[] data = new byte[random.nextInt(24)];
                for (int i = 0; i < data.length; i++) {
                    data[i] = (byte) next++;
                    reference.add(data[i]);
                }
                assertEquals(data.length, ring.write(new ByteBuffer[] {ByteBuffer.wrap(data)}, data.length));
            } else {
                ByteBuffer x = ByteBuffer.allocate(random.nextInt(64));
                int got = ring.read(new ByteBuffer[] {x}, x.capacity(), false);
                assertEquals(Math.min(x.capacity(), reference.size()), got);
                for (int i = 0; i < got; i++) {
                    assertEquals(reference.poll(), x.get(i));
                }
                if (got > 0 && reference.isEmpty() && ring.capacity() == 0) {
                    dropped++;
                }
            }
            assertEquals(reference.size(), ring.size());
        }
        assertTrue(dropped > 0, "a small ring drained by a read drops its array");
    }

    @Test
    void required_ring_anArrayGrownPastTheFirstSizeStaysWhenDrained() {
        ByteRing ring = new ByteRing();
        ring.write(new ByteBuffer[] {ByteBuffer.allocate(32)}, 32);
        assertEquals(64, ring.capacity(), "the first array is small");
        ring.read(new ByteBuffer[] {ByteBuffer.allocate(32)}, 32, false);
        assertEquals(0, ring.capacity(), "drained and small: no array");
        ring.write(new ByteBuffer[] {ByteBuffer.allocate(5000)}, 5000);
        ring.read(new ByteBuffer[] {ByteBuffer.allocate(5000)}, 5000, false);
        assertEquals(5000, ring.capacity(), "a bulk writer's array stays for its next write");
    }

    @Test
    void required_ring_writeStopsAtMax_andClearDropsEverything() {
        ByteRing ring = new ByteRing();
        ByteBuffer src = ByteBuffer.allocate(100);
        assertEquals(30, ring.write(new ByteBuffer[] {src}, 30));
        assertEquals(70, src.remaining(), "the source moves by what was taken");
        assertEquals(0, ring.write(new ByteBuffer[] {src}, 0));
        ring.clear();
        assertEquals(0, ring.size());
        assertEquals(0, ring.read(new ByteBuffer[] {ByteBuffer.allocate(10)}, 10, false));
    }
}
