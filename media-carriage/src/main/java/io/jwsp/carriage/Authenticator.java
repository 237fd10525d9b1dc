package io.jwsp.carriage;

import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256 (the JDK's), truncated to {@link #TAG} bytes, over a datagram and both its UDP addresses: a datagram
 * sent from or to another address does not verify. One instance per thread (a {@link Mac} is not thread-safe).
 */
final class Authenticator {
    /** 128 bits: a forgery needs 2^128 tries on average, far beyond what a loopback flood reaches. */
    static final int TAG = 16;

    private final Mac mac;
    private final byte[] full = new byte[32];
    private final byte[] expected = new byte[TAG];

    Authenticator(byte[] key) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Writes the tag of {@code d[0..d.length-TAG)} into its last {@link #TAG} bytes. */
    void sign(byte[] d, InetSocketAddress from, InetSocketAddress to) {
        tag(d, d.length - TAG, from, to, d, d.length - TAG);
    }

    /** Whether the last {@link #TAG} bytes of {@code d[0..length)} are its tag. Constant time. */
    boolean verify(byte[] d, int length, InetSocketAddress from, InetSocketAddress to) {
        if (length < TAG) {
            return false;
        }
        tag(d, length - TAG, from, to, expected, 0);
        int diff = 0;
        for (int i = 0; i < TAG; i++) {
            diff |= expected[i] ^ d[length - TAG + i];
        }
        return diff == 0;
    }

    private void tag(byte[] d, int length, InetSocketAddress from, InetSocketAddress to, byte[] out, int at) {
        mac.update(d, 0, length);
        address(from);
        address(to);
        try {
            mac.doFinal(full, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        System.arraycopy(full, 0, out, at, TAG);
    }

    private void address(InetSocketAddress a) {
        byte[] ip = a.getAddress().getAddress();
        mac.update((byte) ip.length);
        mac.update(ip);
        mac.update((byte) (a.getPort() >>> 8));
        mac.update((byte) a.getPort());
    }
}
