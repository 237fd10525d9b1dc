package io.jwsp.spi.kit.ext;

import io.jwsp.spi.ext.accept.AcceptExAddresses;
import io.jwsp.spi.ext.accept.GetAcceptExSockaddrs;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;

/** GetAcceptExSockaddrs over a provider's {@link SockAddrLayout} ({@link AcceptExBuffer#read}). */
public record KitGetAcceptExSockaddrs(SockAddrLayout layout) implements GetAcceptExSockaddrs {
    @Override
    public WspResult<AcceptExAddresses> getAcceptExSockaddrs(ByteBuffer output, int receiveDataLength,
                                                             int localAddressLength, int remoteAddressLength) {
        return AcceptExBuffer.read(output, receiveDataLength, localAddressLength, remoteAddressLength, layout);
    }
}
