package io.jwsp.testkit;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Sends random, truncated and mutated datagrams (a third each; the last two made from templates of what the
 * target expects) from a socket of its own to UDP targets, as another local process without the key could. It
 * paces itself on {@code handled} (what the target counted so far) so that the kernel's socket buffer does not
 * silently drop most of them: every datagram sent is then one the target had to look at.
 */
public final class DatagramFuzzer {
    /** How long a counter that stopped moving is waited for: what the kernel dropped never comes. */
    private static final long STILL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private final SplittableRandom random;
    private final List<byte[]> templates;

    public DatagramFuzzer(long seed, List<byte[]> templates) {
        this.random = new SplittableRandom(seed);
        this.templates = List.copyOf(templates);
    }

    /** The next fuzzed datagram. */
    public byte[] next(int index) {
        byte[] t = templates.get(random.nextInt(templates.size()));
        return switch (index % 3) {
            case 0 -> {
                byte[] d = new byte[random.nextInt(0, 700)];
                for (int i = 0; i < d.length; i++) {
                    d[i] = (byte) random.nextInt(256);
                }
                yield d;
            }
            case 1 -> Arrays.copyOf(t, random.nextInt(0, Math.max(1, t.length)));
            default -> {
                byte[] m = t.clone();
                for (int k = random.nextInt(1, 4); k > 0 && m.length > 0; k--) {
                    m[random.nextInt(m.length)] = (byte) random.nextInt(256);
                }
                yield m;
            }
        };
    }

    /**
     * Sends {@code count} datagrams, spread over {@code targets}; every {@code batch} it waits (up to a deadline)
     * until {@code handled} has come within {@code batch} of what was sent. Answers how many were sent.
     */
    public int send(List<InetSocketAddress> targets, int count, int batch, LongSupplier handled)
            throws IOException, InterruptedException {
        long base = handled.getAsLong();
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            for (int i = 0; i < count; i++) {
                byte[] d = next(i);
                s.send(new DatagramPacket(d, d.length, targets.get(i % targets.size())));
                if (i % batch == batch - 1) {
                    awaitHandled(handled, base + i + 1 - batch);
                }
            }
        }
        return count;
    }

    /**
     * Paces on the counter: waits until it reaches {@code target}, or stops moving for {@link #STILL_NANOS} (what
     * the kernel dropped on a busy machine never arrives, so waiting longer only slows the flood down), or 5 s pass.
     */
    private static void awaitHandled(LongSupplier handled, long target) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long last = handled.getAsLong();
        long movedAt = System.nanoTime();
        while (last < target && System.nanoTime() < deadline && System.nanoTime() - movedAt < STILL_NANOS) {
            TimeUnit.MILLISECONDS.sleep(1);
            long now = handled.getAsLong();
            if (now != last) {
                last = now;
                movedAt = System.nanoTime();
            }
        }
    }
}
