package io.jwsp.spi.ext.connect;

import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.ext.ExtensionFunction;
import io.jwsp.spi.ext.ExtensionGuids;
import io.jwsp.spi.ext.ExtensionId;
import io.jwsp.spi.ext.SocketSlot;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;

/**
 * ConnectEx (WSAID_CONNECTEX): connects {@code socket}, which must be bound and not connected (WSAEINVAL
 * otherwise, as ConnectEx's page says), then sends {@code sendBuffer}'s remaining bytes ({@code null}: none).
 * Always overlapped: completes with the bytes sent. The connected socket answers WSAENOTCONN to getsockname,
 * getpeername and shutdown until SO_UPDATE_CONNECT_CONTEXT is set on it.
 */
@FunctionalInterface
public interface ConnectEx extends ExtensionFunction {
    ExtensionId<ConnectEx> ID = new ExtensionId<>(ExtensionGuids.WSAID_CONNECTEX, ConnectEx.class);

    WspResult<Integer> connectEx(SocketSlot socket, SockAddr name, ByteBuffer sendBuffer, Overlapped overlapped);
}
