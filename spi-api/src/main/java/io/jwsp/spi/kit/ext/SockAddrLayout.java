package io.jwsp.spi.kit.ext;

import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;

/**
 * How a provider's addresses are written into an AcceptEx buffer and read back by GetAcceptExSockaddrs: the bytes
 * of one SOCKADDR. {@link AcceptExBuffer} puts each in a slot behind a 4-byte length, so a slot needs
 * {@link #maxLength} + 4 bytes; AcceptEx asks, as Windows does, for 16 more than the largest address.
 */
public interface SockAddrLayout {
    /** The largest address of {@code addressFamily}, in bytes. */
    int maxLength(int addressFamily);

    /** The bytes of {@code address}; WSAEAFNOSUPPORT for an address this layout does not know. */
    WspResult<byte[]> encode(SockAddr address);

    /** The address in {@code bytes}' remaining bytes; WSAEINVAL when they hold none. */
    WspResult<SockAddr> decode(ByteBuffer bytes);
}
