package io.jwsp.reliability.soak;

import java.util.Arrays;
import java.util.List;

/** Says how bytes read differ from bytes sent: where they first differ, and whether the rest was skipped or foreign. */
final class Mismatch {
    private static final int PROBE = 16;

    private Mismatch() {
    }

    static String explain(byte[] sent, byte[] read, List<byte[]> everyPayload) {
        int at = Arrays.mismatch(sent, 0, Math.min(sent.length, read.length), read, 0,
                Math.min(sent.length, read.length));
        if (at < 0) {
            return "no byte differs";
        }
        int len = Math.min(PROBE, read.length - at);
        byte[] probe = Arrays.copyOfRange(read, at, at + len);
        int later = indexOf(sent, probe, at + 1);
        if (later >= 0) {
            return "first difference at offset " + at + "; what follows was sent at offset " + later + " (bytes "
                    + at + ".." + (later - 1) + " were skipped, then the stream went on)";
        }
        int earlier = indexOf(sent, probe, 0);
        if (earlier >= 0) {
            return "first difference at offset " + at + "; what follows was sent earlier, at offset " + earlier
                    + " (a repeat or a reorder)";
        }
        for (int i = 0; i < everyPayload.size(); i++) {
            if (everyPayload.get(i) != sent && indexOf(everyPayload.get(i), probe, 0) >= 0) {
                return "first difference at offset " + at + "; what follows belongs to connection #" + i
                        + " (data crossed between connections)";
            }
        }
        return "first difference at offset " + at + "; what follows was never sent by anyone (corrupted)";
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
