package io.jwsp.spi.ext.connect;

import io.jwsp.spi.ext.ExtensionFunction;
import io.jwsp.spi.ext.ExtensionGuids;
import io.jwsp.spi.ext.ExtensionId;
import io.jwsp.spi.ext.SocketSlot;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WspResult;

/**
 * DisconnectEx (WSAID_DISCONNECTEX): closes the connection of {@code socket} (the graceful close a provider has;
 * flags other than {@link TransmitFlags#TF_REUSE_SOCKET} are WSAEINVAL) without closing the handle. With
 * TF_REUSE_SOCKET the handle can then be given to AcceptEx or ConnectEx again; without, it can only be closed.
 * {@code overlapped} {@code null}: the call blocks until the connection is closed.
 */
@FunctionalInterface
public interface DisconnectEx extends ExtensionFunction {
    ExtensionId<DisconnectEx> ID = new ExtensionId<>(ExtensionGuids.WSAID_DISCONNECTEX, DisconnectEx.class);

    WspResult<Void> disconnectEx(SocketSlot socket, Overlapped overlapped, int flags);
}
