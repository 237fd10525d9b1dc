package io.jwsp.runtime.duplicate;

import io.jwsp.spi.catalog.DuplicateInfo;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ProviderReserved;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * The bytes of a {@link DuplicateInfo}, for an application that carries it to the target process by its own means
 * (a pipe, a file, a command line), as a Windows program copies its WSAPROTOCOL_INFOW. Only what names the catalog
 * entry travels (provider id, family, type, protocol, id, name): the target's runtime takes its own entry for it.
 *
 * <p>Whatever arrives from outside is checked before use: magic and version, every length against its bound and
 * against the bytes left, no trailing byte, valid UTF-8. Anything else is WSAEINVAL, never an exception.
 */
public final class DuplicateInfoCodec {
    private static final long MAGIC = 0x4A57_5350_4455_5001L; // "JWSPDUP" and version 1
    private static final int MAX_NAME = 255;
    private static final int FIXED = 8 + 8 + 16 + 4 * 4 + 1 + 1;
    /** The longest encoding: the fixed part, the longest name and the longest reserved value. */
    public static final int MAX_LENGTH = FIXED + MAX_NAME + ProviderReserved.MAX_LENGTH;

    private DuplicateInfoCodec() {
    }

    /** The bytes of {@code d}; a name longer than 255 UTF-8 bytes is cut at a character boundary. */
    public static byte[] encode(DuplicateInfo d) {
        ProtocolInfo i = d.info();
        byte[] name = nameBytes(i.name());
        byte[] reserved = d.reserved().bytes();
        ByteBuffer b = ByteBuffer.allocate(FIXED + name.length + reserved.length);
        b.putLong(MAGIC).putLong(d.processId())
                .putLong(i.providerId().getMostSignificantBits()).putLong(i.providerId().getLeastSignificantBits())
                .putInt(i.catalogEntryId()).putInt(i.addressFamily()).putInt(i.socketType()).putInt(i.protocol())
                .put((byte) name.length).put(name).put((byte) reserved.length).put(reserved);
        return b.array();
    }

    /** {@link #encode} as URL-safe base64 text (no padding). */
    public static String encodeText(DuplicateInfo d) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(encode(d));
    }

    /** The info in {@code bytes}; WSAEFAULT for {@code null}, WSAEINVAL for anything malformed. */
    public static WspResult<DuplicateInfo> decode(byte[] bytes) {
        if (bytes == null) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        if (bytes.length < FIXED || bytes.length > MAX_LENGTH) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if (b.getLong() != MAGIC) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            long pid = b.getLong();
            UUID provider = new UUID(b.getLong(), b.getLong());
            int id = b.getInt();
            int af = b.getInt();
            int type = b.getInt();
            int protocol = b.getInt();
            byte[] name = new byte[Byte.toUnsignedInt(b.get())];
            b.get(name);
            byte[] reserved = new byte[Byte.toUnsignedInt(b.get())];
            if (reserved.length > ProviderReserved.MAX_LENGTH || b.remaining() != reserved.length) {
                return WspResult.fail(WsaError.WSAEINVAL);
            }
            b.get(reserved);
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(name)).toString();
            ProtocolInfo info = ProtocolInfo.base(text, provider, af, type, protocol, 0, 0, 0)
                    .withCatalogEntryId(id);
            return WspResult.ok(new DuplicateInfo(info, pid, ProviderReserved.of(reserved)));
        } catch (BufferUnderflowException | CharacterCodingException e) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
    }

    /** {@link #decode} of {@link #encodeText}'s text; WSAEINVAL when it is not base64. */
    public static WspResult<DuplicateInfo> decodeText(String text) {
        if (text == null) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        if (text.length() > MAX_LENGTH * 2) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        try {
            return decode(Base64.getUrlDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
    }

    private static byte[] nameBytes(String name) {
        byte[] all = name.getBytes(StandardCharsets.UTF_8);
        if (all.length <= MAX_NAME) {
            return all;
        }
        int end = MAX_NAME;
        while (end > 0 && (all[end] & 0xC0) == 0x80) {
            end--; // never split a character: the decoder rejects malformed UTF-8
        }
        byte[] cut = new byte[end];
        System.arraycopy(all, 0, cut, 0, end);
        return cut;
    }
}
