package io.jwsp.spi.kit.ext;

import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.ext.accept.AcceptExAddresses;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The layout of an AcceptEx output buffer, from its position: the received bytes ({@code receiveDataLength}), then
 * the local address slot ({@code localAddressLength} bytes), then the remote one. A slot holds a 4-byte little-endian
 * length and that many bytes of SOCKADDR, as Windows' buffer does, so GetAcceptExSockaddrs finds both with the same
 * three lengths. Nothing moves the buffer's position.
 */
public final class AcceptExBuffer {
    /** What a slot needs beyond the largest address: AcceptEx's documented 16 bytes (the length takes 4). */
    public static final int SLOT_OVERHEAD = 16;

    private AcceptExBuffer() {
    }

    /** Whether the three lengths fit in {@code output} from its position. */
    public static boolean fits(ByteBuffer output, int receiveDataLength, int localAddressLength,
                               int remoteAddressLength) {
        return output != null && receiveDataLength >= 0 && localAddressLength >= 0 && remoteAddressLength >= 0
                && (long) receiveDataLength + localAddressLength + remoteAddressLength <= output.remaining();
    }

    /** Writes both addresses; WSAEFAULT when one does not fit its slot. */
    public static WsaError write(ByteBuffer output, int receiveDataLength, int localAddressLength,
                                 int remoteAddressLength, SockAddr local, SockAddr remote, SockAddrLayout layout) {
        int at = output.position() + receiveDataLength;
        WsaError e = writeSlot(output, at, localAddressLength, local, layout);
        return e != null ? e : writeSlot(output, at + localAddressLength, remoteAddressLength, remote, layout);
    }

    private static WsaError writeSlot(ByteBuffer output, int at, int slot, SockAddr address, SockAddrLayout layout) {
        WspResult<byte[]> bytes = layout.encode(address);
        if (!bytes.isOk()) {
            return bytes.error();
        }
        byte[] b = bytes.value();
        if (4 + b.length > slot) {
            return WsaError.WSAEFAULT;
        }
        output.duplicate().order(ByteOrder.LITTLE_ENDIAN).putInt(at, b.length).put(at + 4, b);
        return null;
    }

    /** GetAcceptExSockaddrs: both addresses back. */
    public static WspResult<AcceptExAddresses> read(ByteBuffer output, int receiveDataLength, int localAddressLength,
                                                    int remoteAddressLength, SockAddrLayout layout) {
        if (!fits(output, receiveDataLength, localAddressLength, remoteAddressLength)) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        int at = output.position() + receiveDataLength;
        WspResult<SockAddr> local = readSlot(output, at, localAddressLength, layout);
        if (!local.isOk()) {
            return local.retype();
        }
        WspResult<SockAddr> remote = readSlot(output, at + localAddressLength, remoteAddressLength, layout);
        if (!remote.isOk()) {
            return remote.retype();
        }
        return WspResult.ok(new AcceptExAddresses(local.value(), remote.value()));
    }

    private static WspResult<SockAddr> readSlot(ByteBuffer output, int at, int slot, SockAddrLayout layout) {
        if (slot < 4) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        int length = output.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(at);
        if (length <= 0 || length > slot - 4) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        return layout.decode(output.slice(at + 4, length));
    }
}
