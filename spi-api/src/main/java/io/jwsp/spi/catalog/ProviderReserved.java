package io.jwsp.spi.catalog;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * WSAPROTOCOL_INFOW's {@code dwProviderReserved} as WSPDuplicateSocket fills it: the provider's own words that let
 * its WSPSocket in the target process find the duplicated socket. Opaque to the runtime; at most {@link #MAX_LENGTH}
 * bytes, copied in and out so nobody can change it after the fact.
 */
public final class ProviderReserved {
    /** The most bytes a provider may put here (a token and a little context, never a payload). */
    public static final int MAX_LENGTH = 64;

    private final byte[] bytes;

    private ProviderReserved(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}; more than {@link #MAX_LENGTH} bytes is an {@link IllegalArgumentException}. */
    public static ProviderReserved of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("dwProviderReserved holds at most " + MAX_LENGTH + " bytes");
        }
        return new ProviderReserved(bytes.clone());
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProviderReserved r && Arrays.equals(bytes, r.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The length only: the bytes are a capability (a token) and stay out of logs. */
    @Override
    public String toString() {
        return "ProviderReserved[" + bytes.length + " bytes]";
    }

    /** The bytes in hex, for a caller that carries the info as text on purpose. */
    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }
}
