package io.jwsp.provider.atm;

import io.jwsp.runtime.Winsock;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The numbered PDUs of the hand-over tests: PDU i holds its index and bytes derived from it, with lengths from 1 to
 * about 4 KB so that PDUs end in the middle of cells and a hand-over finds partial ones. A reader checks every PDU's
 * number and content, so a PDU lost, doubled, reordered or damaged across the hand-over is named; the SHA-256 of the
 * PDUs read is the transfer's checksum.
 */
final class PduStream {
    private PduStream() {
    }

    static byte[] pdu(int index) {
        int length = 4 + index * 37 % 4000;
        ByteBuffer b = ByteBuffer.allocate(length).putInt(index);
        while (b.hasRemaining()) {
            b.put((byte) (index * 31 + b.position()));
        }
        return b.array();
    }

    static String send(Winsock ws, long s, int n, int first) {
        for (int i = first; i < first + n; i++) {
            WspResult<Integer> r = ws.send(s, ByteBuffer.wrap(pdu(i)), 0);
            if (!r.isOk()) {
                return "ERROR " + r.error().name();
            }
        }
        return "SENT " + n;
    }

    /** Reads {@code n} PDUs expecting {@code first}, {@code first + 1}, ...: "RECEIVED n sha" or "BAD what". */
    static String receive(Winsock ws, long s, int n, int first) {
        MessageDigest sha = sha();
        for (int i = first; i < first + n; i++) {
            ByteBuffer b = ByteBuffer.allocate(8192);
            WspResult<Integer> r = ws.recv(s, b, 0);
            if (!r.isOk()) {
                return "BAD " + r.error().name() + " at " + i;
            }
            byte[] got = new byte[r.value()];
            b.flip().get(got);
            int index = got.length >= 4 ? ByteBuffer.wrap(got).getInt() : -1;
            if (index != i || !ByteBuffer.wrap(got).equals(ByteBuffer.wrap(pdu(i)))) {
                return "BAD PDU " + index + " (" + got.length + " bytes) where " + i + " was due";
            }
            sha.update(got);
        }
        return "RECEIVED " + n + " " + HexFormat.of().formatHex(sha.digest());
    }

    /** The SHA-256 of PDUs first..first+n-1, as {@link #receive} reports it. */
    static String digest(int first, int n) {
        MessageDigest sha = sha();
        for (int i = first; i < first + n; i++) {
            sha.update(pdu(i));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
