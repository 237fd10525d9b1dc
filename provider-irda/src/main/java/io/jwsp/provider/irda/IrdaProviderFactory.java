package io.jwsp.provider.irda;

import io.jwsp.spi.kit.transmit.TransmitExtensions;
import java.util.Set;
import io.jwsp.spi.ext.ExtensionGuids;
import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ProviderFlags;
import io.jwsp.spi.catalog.ServiceFlags;
import io.jwsp.spi.option.SockOpt;
import java.util.List;
import java.util.UUID;

/**
 * IrDA over a simulated infrared space. One entry: (AF_IRDA 26, SOCK_STREAM, IRDA_PROTO_SOCK_STREAM 1), also
 * chosen by protocol 0; guaranteed delivery and order, no graceful close (XP1_GRACEFUL_CLOSE is absent, as
 * Windows' IrDA helper reports).
 */
public final class IrdaProviderFactory implements WspProviderFactory {
    public static final String NAME = "irda";
    public static final UUID PROVIDER_ID = UUID.fromString("3c1d2a6e-7f4b-4e1a-9a26-1da000000026");
    public static final int IRDA_PROTO_SOCK_STREAM = 1;
    public static final int SERVICE_FLAGS = ServiceFlags.XP1_GUARANTEED_DELIVERY | ServiceFlags.XP1_GUARANTEED_ORDER;

    private static final ProtocolInfo ENTRY = ProtocolInfo.base("MSAFD Irda [IrDA]", PROVIDER_ID,
            AddressFamily.AF_IRDA, SocketType.SOCK_STREAM, IRDA_PROTO_SOCK_STREAM, SERVICE_FLAGS,
            ProviderFlags.PFL_MATCHES_PROTOCOL_ZERO, 0).withExtensionFunctions(TransmitExtensions.plus(Set.of(
                    ExtensionGuids.WSAID_ACCEPTEX, ExtensionGuids.WSAID_GETACCEPTEXSOCKADDRS,
                    ExtensionGuids.WSAID_DISCONNECTEX))); // see IrdaProvider

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public UUID providerId() {
        return PROVIDER_ID;
    }

    @Override
    public List<ProtocolInfo> protocolEntries() {
        return List.of(ENTRY);
    }

    @Override
    public List<SockOpt<?>> socketOptions() {
        return IrdaOptions.ALL;
    }

    @Override
    public WspProvider create(ProviderContext context) {
        return new IrdaProvider(context);
    }
}
