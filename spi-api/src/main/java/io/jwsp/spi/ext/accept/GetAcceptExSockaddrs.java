package io.jwsp.spi.ext.accept;

import io.jwsp.spi.ext.ExtensionFunction;
import io.jwsp.spi.ext.ExtensionGuids;
import io.jwsp.spi.ext.ExtensionId;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;

/**
 * GetAcceptExSockaddrs (WSAID_GETACCEPTEXSOCKADDRS): reads the two addresses a completed {@link AcceptEx} wrote into
 * {@code output}, given the same three lengths. Windows' function returns nothing; here a buffer too short, or
 * slots that hold no address of the provider's, answer WSAEFAULT / WSAEINVAL instead of reading garbage.
 */
@FunctionalInterface
public interface GetAcceptExSockaddrs extends ExtensionFunction {
    ExtensionId<GetAcceptExSockaddrs> ID =
            new ExtensionId<>(ExtensionGuids.WSAID_GETACCEPTEXSOCKADDRS, GetAcceptExSockaddrs.class);

    WspResult<AcceptExAddresses> getAcceptExSockaddrs(ByteBuffer output, int receiveDataLength,
                                                      int localAddressLength, int remoteAddressLength);
}
