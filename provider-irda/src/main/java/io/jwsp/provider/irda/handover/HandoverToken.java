package io.jwsp.provider.irda.handover;

import io.jwsp.spi.catalog.ProviderReserved;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * The IrDA provider's dwProviderReserved: a magic, the single-use random token the source process keeps the
 * connection under, the source's device and its carriage address (where the target claims it). Anything of
 * another length or magic is no IrDA token ({@link #of} answers {@code null}).
 *
 * @param token        16 random bytes, redeemable once
 * @param sourceDevice the device the connection lives on in the source process
 * @param source       the source process's carriage endpoint
 */
public record HandoverToken(byte[] token, int sourceDevice, InetSocketAddress source) {
    public static final int TOKEN_LENGTH = 16;
    private static final long MAGIC = 0x6A77_7370_2D69_7264L; // "jwsp-ird"

    public HandoverToken {
        token = token.clone();
        if (token.length != TOKEN_LENGTH) {
            throw new IllegalArgumentException("a token is " + TOKEN_LENGTH + " bytes");
        }
    }

    @Override
    public byte[] token() {
        return token.clone();
    }

    /** A token's bytes as a map key: the one spelling the exporting and the adopting side both file it under. */
    static String key(byte[] token) {
        return HexFormat.of().formatHex(token);
    }

    public ProviderReserved reserved() {
        byte[] addr = source.getAddress().getAddress();
        ByteBuffer b = ByteBuffer.allocate(8 + TOKEN_LENGTH + 4 + 1 + addr.length + 2);
        b.putLong(MAGIC).put(token).putInt(sourceDevice).put((byte) addr.length).put(addr)
                .putShort((short) source.getPort());
        return ProviderReserved.of(b.array());
    }

    /** The token in {@code reserved}, or {@code null} when it is not an IrDA token of this form. */
    public static HandoverToken of(ProviderReserved reserved) {
        if (reserved == null) {
            return null;
        }
        byte[] bytes = reserved.bytes();
        if (bytes.length != 8 + TOKEN_LENGTH + 4 + 1 + 4 + 2 && bytes.length != 8 + TOKEN_LENGTH + 4 + 1 + 16 + 2) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.getLong() != MAGIC) {
            return null;
        }
        byte[] token = new byte[TOKEN_LENGTH];
        b.get(token);
        int device = b.getInt();
        InetSocketAddress source = HandoverCodec.address(b);
        return source == null || b.hasRemaining() ? null : new HandoverToken(token, device, source);
    }

    static InetAddress inet(byte[] addr) {
        try {
            return InetAddress.getByAddress(addr);
        } catch (UnknownHostException e) {
            return null; // only a wrong length gets here, and the caller checked it
        }
    }
}
