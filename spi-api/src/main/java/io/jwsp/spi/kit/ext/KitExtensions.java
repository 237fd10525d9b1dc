package io.jwsp.spi.kit.ext;

import io.jwsp.spi.WspProvider;
import io.jwsp.spi.ext.ExtensionGuids;
import io.jwsp.spi.ext.accept.AcceptEx;
import io.jwsp.spi.ext.accept.GetAcceptExSockaddrs;
import io.jwsp.spi.ext.connect.ConnectEx;
import io.jwsp.spi.ext.connect.DisconnectEx;
import java.util.Set;
import java.util.UUID;

/**
 * The kit's extension functions for a connection-oriented provider whose sockets are {@link io.jwsp.spi.kit.KitSocket}s:
 * AcceptEx, GetAcceptExSockaddrs, ConnectEx and DisconnectEx, offered in one call. Its catalog entries list
 * {@link #GUIDS}.
 */
public final class KitExtensions {
    /** The GUIDs {@link #offer} adds, for the catalog entries. */
    public static final Set<UUID> GUIDS = Set.of(ExtensionGuids.WSAID_ACCEPTEX,
            ExtensionGuids.WSAID_GETACCEPTEXSOCKADDRS, ExtensionGuids.WSAID_CONNECTEX,
            ExtensionGuids.WSAID_DISCONNECTEX);

    private KitExtensions() {
    }

    /** Adds the four to {@code table}, bound to {@code provider}. */
    public static ExtensionTable.Builder offer(ExtensionTable.Builder table, WspProvider provider,
                                               SockAddrLayout layout, KitDisconnectEx.Ending ending) {
        return table.offer(AcceptEx.ID, new KitAcceptEx(provider, layout))
                .offer(GetAcceptExSockaddrs.ID, new KitGetAcceptExSockaddrs(layout))
                .offer(ConnectEx.ID, new KitConnectEx(provider))
                .offer(DisconnectEx.ID, new KitDisconnectEx(provider, ending));
    }
}
