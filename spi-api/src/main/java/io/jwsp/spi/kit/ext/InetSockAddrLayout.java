package io.jwsp.spi.kit.ext;

import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Windows' SOCKADDR_IN (16 bytes) and SOCKADDR_IN6 (28 bytes): the family in host order (little-endian), the port in
 * network order, then the address (and for IPv6 the flow info before it and the scope id after it).
 */
public final class InetSockAddrLayout implements SockAddrLayout {
    private static final int IN4 = 16;
    private static final int IN6 = 28;

    @Override
    public int maxLength(int addressFamily) {
        return addressFamily == AddressFamily.AF_INET ? IN4 : IN6;
    }

    @Override
    public WspResult<byte[]> encode(SockAddr address) {
        if (!(address instanceof InetSockAddr a)) {
            return WspResult.fail(WsaError.WSAEAFNOSUPPORT);
        }
        boolean v4 = a.address() instanceof Inet4Address;
        ByteBuffer b = ByteBuffer.allocate(v4 ? IN4 : IN6);
        b.order(ByteOrder.LITTLE_ENDIAN).putShort((short) (v4 ? AddressFamily.AF_INET : AddressFamily.AF_INET6));
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) a.port());
        if (v4) {
            b.put(a.address().getAddress());
        } else {
            b.putInt(0).put(a.address().getAddress());
            b.order(ByteOrder.LITTLE_ENDIAN).putInt(((Inet6Address) a.address()).getScopeId());
        }
        return WspResult.ok(b.array());
    }

    @Override
    public WspResult<SockAddr> decode(ByteBuffer bytes) {
        ByteBuffer b = bytes.slice();
        if (b.remaining() < 2) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        int family = b.order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
        int size = family == AddressFamily.AF_INET ? IN4 : family == AddressFamily.AF_INET6 ? IN6 : -1;
        if (size < 0 || bytes.remaining() < size) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        int port = b.order(ByteOrder.BIG_ENDIAN).getShort() & 0xFFFF;
        try {
            if (family == AddressFamily.AF_INET) {
                byte[] addr = new byte[4];
                b.get(addr);
                return WspResult.ok(new InetSockAddr(InetAddress.getByAddress(addr), port));
            }
            b.getInt(); // flow info
            byte[] addr = new byte[16];
            b.get(addr);
            int scope = b.order(ByteOrder.LITTLE_ENDIAN).getInt();
            return WspResult.ok(new InetSockAddr(Inet6Address.getByAddress(null, addr, scope), port));
        } catch (UnknownHostException e) {
            return WspResult.fail(WsaError.WSAEINVAL); // a 4- or 16-byte address always is one
        }
    }
}
