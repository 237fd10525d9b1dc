package io.jwsp.provider.tcp.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The ancillary data of one received message (struct cmsghdr, Linux LP64: {@code size_t cmsg_len} at 0,
 * {@code int cmsg_level} at 8, {@code int cmsg_type} at 12, data from 16; each header aligned to 8), read from a
 * copy with every length checked against the bytes there. Only SCM_RIGHTS is taken; anything else is refused.
 */
public final class ControlMessages {
    static final int HEADER = 16;
    static final int SCM_RIGHTS = 1;
    /** More descriptors than anybody sends here: a message carrying more is refused (and all of them closed). */
    public static final int MAX_DESCRIPTORS = 8;

    private ControlMessages() {
    }

    /** CMSG_SPACE(n): a header and {@code n} bytes of data, aligned. */
    public static int space(int dataBytes) {
        return HEADER + align(dataBytes);
    }

    /** CMSG_LEN(n). */
    static int length(int dataBytes) {
        return HEADER + dataBytes;
    }

    private static int align(int n) {
        return (n + 7) & ~7;
    }

    /**
     * The descriptors in the first {@code length} bytes of {@code control}, in order; {@code null} when the data is
     * malformed (a length out of bounds, a level or type other than SOL_SOCKET / SCM_RIGHTS, a ragged descriptor
     * array, more than {@link #MAX_DESCRIPTORS}). The descriptors a malformed message carried, as far as they can be
     * read, are in {@code strays} for the caller to close.
     */
    public static int[] descriptors(byte[] control, int length, int[][] strays) {
        int[] found = new int[0];
        strays[0] = found;
        if (control == null || length < 0 || length > control.length) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(control, 0, length).order(ByteOrder.nativeOrder());
        int at = 0;
        boolean malformed = false;
        while (length - at >= HEADER) {
            long len = b.getLong(at);
            int level = b.getInt(at + 8);
            int type = b.getInt(at + 12);
            if (len < HEADER || len > length - at) {
                malformed = true;
                break;
            }
            int data = (int) len - HEADER;
            if (level != Descriptors.SOL_SOCKET || type != SCM_RIGHTS || data % 4 != 0) {
                malformed = true;
            } else {
                for (int i = 0; i < data / 4; i++) {
                    if (found.length >= MAX_DESCRIPTORS * 4) {
                        break; // bounded even for a forged length: what is not read is not ours to close
                    }
                    found = Arrays.copyOf(found, found.length + 1);
                    found[found.length - 1] = b.getInt(at + HEADER + 4 * i);
                }
            }
            at = (int) Math.min(length, at + ((len + 7) & ~7L)); // the last one's padding may be cut off
        }
        strays[0] = found;
        boolean ragged = length - at != 0; // fewer bytes left than a header
        if (malformed || ragged || found.length > MAX_DESCRIPTORS) {
            return null;
        }
        strays[0] = new int[0];
        return found;
    }
}
