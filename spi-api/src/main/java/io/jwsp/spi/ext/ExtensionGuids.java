package io.jwsp.spi.ext;

import java.util.Map;
import java.util.UUID;

/**
 * The WSAID_* GUIDs of mswsock.h, as {@link UUID}s (a GUID's text form is a UUID's). A catalog entry lists the ones
 * its provider answers ({@link io.jwsp.spi.catalog.ProtocolInfo#extensionFunctions()}).
 */
public final class ExtensionGuids {
    public static final UUID WSAID_TRANSMITFILE = UUID.fromString("b5367df0-cbac-11cf-95ca-00805f48a192");
    public static final UUID WSAID_ACCEPTEX = UUID.fromString("b5367df1-cbac-11cf-95ca-00805f48a192");
    public static final UUID WSAID_GETACCEPTEXSOCKADDRS = UUID.fromString("b5367df2-cbac-11cf-95ca-00805f48a192");
    public static final UUID WSAID_TRANSMITPACKETS = UUID.fromString("d9689da0-1f90-11d3-9971-00c04f68c876");
    public static final UUID WSAID_CONNECTEX = UUID.fromString("25a207b9-ddf3-4660-8ee9-76e58c74063e");
    public static final UUID WSAID_DISCONNECTEX = UUID.fromString("7fda2e11-8630-436f-a031-f536a6eec157");

    private static final Map<UUID, String> NAMES = Map.of(
            WSAID_TRANSMITFILE, "TransmitFile",
            WSAID_ACCEPTEX, "AcceptEx",
            WSAID_GETACCEPTEXSOCKADDRS, "GetAcceptExSockaddrs",
            WSAID_TRANSMITPACKETS, "TransmitPackets",
            WSAID_CONNECTEX, "ConnectEx",
            WSAID_DISCONNECTEX, "DisconnectEx");

    private ExtensionGuids() {
    }

    /** The function's name (AcceptEx, ...), or the GUID's text for one mswsock.h does not name. */
    public static String name(UUID guid) {
        return NAMES.getOrDefault(guid, String.valueOf(guid));
    }
}
