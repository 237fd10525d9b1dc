package io.jwsp.runtime.ext;

import io.jwsp.spi.ext.ExtensionGuids;
import io.jwsp.spi.ext.accept.GetAcceptExSockaddrs;

/** The extension functions the facade hands out, by GUID. */
public final class WinsockExtensions {
    public static final WinsockExtension<WinsockAcceptEx> ACCEPT_EX =
            new WinsockExtension<>(ExtensionGuids.WSAID_ACCEPTEX, WinsockAcceptEx.class);
    /** Takes no socket, so the application holds the provider's own function object. */
    public static final WinsockExtension<GetAcceptExSockaddrs> GET_ACCEPT_EX_SOCKADDRS =
            new WinsockExtension<>(ExtensionGuids.WSAID_GETACCEPTEXSOCKADDRS, GetAcceptExSockaddrs.class);
    public static final WinsockExtension<WinsockConnectEx> CONNECT_EX =
            new WinsockExtension<>(ExtensionGuids.WSAID_CONNECTEX, WinsockConnectEx.class);
    public static final WinsockExtension<WinsockDisconnectEx> DISCONNECT_EX =
            new WinsockExtension<>(ExtensionGuids.WSAID_DISCONNECTEX, WinsockDisconnectEx.class);
    public static final WinsockExtension<WinsockTransmitFile> TRANSMIT_FILE =
            new WinsockExtension<>(ExtensionGuids.WSAID_TRANSMITFILE, WinsockTransmitFile.class);
    public static final WinsockExtension<WinsockTransmitPackets> TRANSMIT_PACKETS =
            new WinsockExtension<>(ExtensionGuids.WSAID_TRANSMITPACKETS, WinsockTransmitPackets.class);

    private WinsockExtensions() {
    }
}
