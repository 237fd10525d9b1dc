package io.jwsp.provider.tcp.dup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.tcp.kernel.ControlMessages;
import io.jwsp.spi.catalog.ProviderReserved;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What crosses the process boundary, decoded from bytes a forger controls: the inbox message, the ancillary data of
 * a received message (struct cmsghdr, Linux LP64), and dwProviderReserved. Decoders answer a value or "refused",
 * never throw, and never hand out a descriptor from malformed data.
 */
class DuplicateWireFuzzTest {
    private static final byte[] TOKEN = new byte[DuplicateMessage.TOKEN_LENGTH];

    @Test
    @DisplayName("the inbox message: round trip; every other length, magic or a non-positive pid is refused")
    void messageDecoder() {
        DuplicateMessage m = new DuplicateMessage(TOKEN, 10, 20);
        assertEquals(m, DuplicateMessage.decode(m.encode()));
        byte[] good = m.encode();
        for (int n = 0; n < good.length + 4; n++) {
            if (n != good.length) {
                assertNull(DuplicateMessage.decode(ByteBuffer.allocate(n).put(good, 0, Math.min(n, good.length))
                        .array()), n + " bytes");
            }
        }
        assertNull(DuplicateMessage.decode(new DuplicateMessage(TOKEN, 0, 20).encode()), "source pid 0");
        assertNull(DuplicateMessage.decode(new DuplicateMessage(TOKEN, 10, -1).encode()), "target pid -1");
        assertNull(DuplicateMessage.decode(null));
    }

    @Test
    @DisplayName("fuzz: random bytes never make a message unless magic and pids are right")
    void messageFuzz() {
        Random random = new Random(1);
        for (int i = 0; i < 50_000; i++) {
            byte[] b = new byte[random.nextInt(DuplicateMessage.LENGTH * 2)];
            random.nextBytes(b);
            if (i % 3 == 0 && b.length == DuplicateMessage.LENGTH) {
                ByteBuffer.wrap(b).putLong(DuplicateMessage.MAGIC);
            }
            DuplicateMessage m = DuplicateMessage.decode(b);
            if (m != null) {
                assertArrayEquals(b, m.encode(), "what decodes is exactly one message");
                assertTrue(m.sourcePid() > 0 && m.targetPid() > 0);
            }
        }
    }

    @Test
    @DisplayName("cmsghdr: one SCM_RIGHTS with one or two descriptors is read; a wrong level/type/length is refused with its descriptors as strays")
    void controlMessages() {
        int[][] strays = new int[1][];
        assertArrayEquals(new int[] {7}, ControlMessages.descriptors(rights(7), 24, strays));
        assertArrayEquals(new int[] {7, 9}, ControlMessages.descriptors(rights(7, 9), 24, strays));
        assertArrayEquals(new int[0], ControlMessages.descriptors(new byte[0], 0, strays), "no control data");
        byte[] wrongType = rights(5);
        wrongType[12] = 2; // SCM_CREDENTIALS
        assertNull(ControlMessages.descriptors(wrongType, 24, strays));
        byte[] tooLong = rights(5);
        tooLong[0] = 100;
        assertNull(ControlMessages.descriptors(tooLong, 24, strays));
        assertArrayEquals(new int[] {5}, ControlMessages.descriptors(rights(5), 20, strays),
                "the last header's padding may be missing");
        assertNull(ControlMessages.descriptors(rights(5), 19, strays), "a length that cuts into the descriptors");
        assertArrayEquals(new int[0], strays[0], "a header cut short carries no descriptor to close");
        assertNull(ControlMessages.descriptors(rights(5), 25, strays), "length beyond the buffer");
        byte[] wrongLevel = rights(3, 4);
        wrongLevel[8] = 6;
        assertNull(ControlMessages.descriptors(wrongLevel, 24, strays), "a level other than SOL_SOCKET");
        byte[] rightsThenJunk = ByteBuffer.allocate(24 + 16).put(rights(3, 4)).order(ByteOrder.nativeOrder())
                .putLong(100).putInt(1).putInt(1).array();
        assertNull(ControlMessages.descriptors(rightsThenJunk, 40, strays), "a second header out of bounds");
        assertArrayEquals(new int[] {3, 4}, strays[0], "a refused message's descriptors are handed back for closing");
    }

    @Test
    @DisplayName("fuzz: random ancillary data never throws; descriptors come back only from well-formed data, at most 8")
    void controlFuzz() {
        Random random = new Random(2);
        int[][] strays = new int[1][];
        for (int i = 0; i < 50_000; i++) {
            byte[] c = i % 2 == 0 ? new byte[random.nextInt(80)] : rights(random.nextInt(100), random.nextInt(100));
            if (i % 2 == 0) {
                random.nextBytes(c);
            } else {
                c[random.nextInt(c.length)] ^= (byte) (1 << random.nextInt(8));
            }
            int length = random.nextInt(c.length + 2) - 1;
            int[] fds = ControlMessages.descriptors(c, length, strays);
            if (fds != null) {
                assertTrue(fds.length <= ControlMessages.MAX_DESCRIPTORS);
                assertEquals(0, strays[0].length);
            } else {
                assertTrue(strays[0].length <= ControlMessages.MAX_DESCRIPTORS * 4, "strays are bounded too");
            }
        }
    }

    @Test
    @DisplayName("dwProviderReserved: only the tcp form names a token; other lengths and magics are none")
    void tokenForm() {
        ProviderReserved r = DuplicateToken.reserved(TOKEN);
        assertEquals(DuplicateToken.key(TOKEN), DuplicateToken.of(r));
        byte[] other = r.bytes();
        other[0] ^= 1;
        assertNull(DuplicateToken.of(ProviderReserved.of(other)));
        assertNull(DuplicateToken.of(ProviderReserved.of(new byte[r.length() + 1])));
        assertNull(DuplicateToken.of(null));
    }

    /** One SCM_RIGHTS cmsghdr (Linux LP64) with {@code fds}, padded to CMSG_SPACE. */
    private static byte[] rights(int... fds) {
        ByteBuffer b = ByteBuffer.allocate(ControlMessages.space(4 * fds.length)).order(ByteOrder.nativeOrder());
        b.putLong(16 + 4L * fds.length).putInt(1).putInt(1);
        for (int fd : fds) {
            b.putInt(fd);
        }
        return b.array();
    }
}
