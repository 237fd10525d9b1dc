package io.jwsp.spi.kit.ext;

import io.jwsp.spi.WspProvider;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * For a family with no binary SOCKADDR codec in jwsp (IrDA, ATM, the sample's): the family (2 bytes, little-endian)
 * and the provider's own WSPAddressToString text in UTF-8, read back through WSPStringToAddress. Not Windows' bytes
 * for those families, but only GetAcceptExSockaddrs of the same provider ever reads them.
 */
public final class TextSockAddrLayout implements SockAddrLayout {
    private final WspProvider provider;
    private final int maxText;

    /** {@code maxText}: the longest address text the provider writes, in bytes. */
    public TextSockAddrLayout(WspProvider provider, int maxText) {
        this.provider = provider;
        this.maxText = maxText;
    }

    @Override
    public int maxLength(int addressFamily) {
        return 2 + maxText;
    }

    @Override
    public WspResult<byte[]> encode(SockAddr address) {
        WspResult<String> text = provider.addressToString(address, null);
        if (!text.isOk()) {
            return text.retype();
        }
        byte[] utf8 = text.value().getBytes(StandardCharsets.UTF_8);
        if (utf8.length > maxText) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        ByteBuffer b = ByteBuffer.allocate(2 + utf8.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) address.addressFamily()).put(utf8);
        return WspResult.ok(b.array());
    }

    @Override
    public WspResult<SockAddr> decode(ByteBuffer bytes) {
        ByteBuffer b = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 2 || b.remaining() > 2 + maxText) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        int family = b.getShort() & 0xFFFF;
        byte[] utf8 = new byte[b.remaining()];
        b.get(utf8);
        WspResult<SockAddr> a = provider.stringToAddress(new String(utf8, StandardCharsets.UTF_8), family, null);
        return a.isOk() ? a : WspResult.fail(WsaError.WSAEINVAL);
    }
}
