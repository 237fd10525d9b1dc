package io.jwsp.provider.atm;

import io.jwsp.spi.kit.ext.KitExtensions;
import io.jwsp.provider.atm.aal5.Aal5;
import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ProviderFlags;
import io.jwsp.spi.catalog.ServiceFlags;
import io.jwsp.spi.kit.transmit.TransmitExtensions;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The ATM provider's ServiceLoader entry: AF_ATM, SOCK_RAW, with AAL5 (the recommended entry) and AALUSER.
 *
 * <p>Service flags: guaranteed order, message oriented, disconnect data (the Cause IE through
 * sendDisconnect/recvDisconnect). Not set: graceful close (there is no two-phase close, only RELEASE), guaranteed
 * delivery (AAL5 drops damaged PDUs silently), connect data. The research notes infer 0x3D0C for Windows' ATM
 * provider; the multipoint and QoS bits are left out here because this provider implements neither joinLeaf nor
 * QoS negotiation, and a flag should not promise what the provider does not do.
 */
public final class AtmProviderFactory implements WspProviderFactory {
    public static final UUID PROVIDER_ID = UUID.fromString("6b3c1a52-7d0e-4e2b-9a41-2931a5a15a05");
    public static final int ATMPROTO_AALUSER = 0x00;
    public static final int ATMPROTO_AAL1 = 0x01;
    public static final int ATMPROTO_AAL2 = 0x02;
    public static final int ATMPROTO_AAL34 = 0x03;
    public static final int ATMPROTO_AAL5 = 0x05;
    public static final int SERVICE_FLAGS = ServiceFlags.XP1_GUARANTEED_ORDER | ServiceFlags.XP1_MESSAGE_ORIENTED
            | ServiceFlags.XP1_DISCONNECT_DATA;

    /**
     * AcceptEx, ConnectEx, DisconnectEx and TransmitPackets: each element (or each run up to TP_ELEMENT_EOP) is one
     * AAL5 PDU, and TF_DISCONNECT is DisconnectEx's RELEASE, which may overtake the last PDUs as closesocket's does.
     * No TransmitFile: its sockets are SOCK_STREAM, SOCK_SEQPACKET or SOCK_RDM, an AAL5 VC is SOCK_RAW, and a file is
     * a byte stream a VC would cut into PDUs at arbitrary points.
     */
    private static final Set<UUID> EXTENSIONS = TransmitExtensions.plusPackets(KitExtensions.GUIDS);

    private static final List<ProtocolInfo> ENTRIES = List.of(
            ProtocolInfo.base("ATM AAL5 [jwsp simulated switch]", PROVIDER_ID, AddressFamily.AF_ATM,
                    SocketType.SOCK_RAW, ATMPROTO_AAL5, SERVICE_FLAGS,
                    ProviderFlags.PFL_MULTIPLE_PROTO_ENTRIES | ProviderFlags.PFL_RECOMMENDED_PROTO_ENTRY,
                    Aal5.MAX_SDU).withExtensionFunctions(EXTENSIONS),
            ProtocolInfo.base("ATM AALUSER [jwsp simulated switch]", PROVIDER_ID, AddressFamily.AF_ATM,
                    SocketType.SOCK_RAW, ATMPROTO_AALUSER, SERVICE_FLAGS, ProviderFlags.PFL_MULTIPLE_PROTO_ENTRIES,
                    Aal5.MAX_SDU).withExtensionFunctions(EXTENSIONS));

    static List<ProtocolInfo> entries() {
        return ENTRIES;
    }

    @Override
    public String name() {
        return "atm";
    }

    @Override
    public UUID providerId() {
        return PROVIDER_ID;
    }

    @Override
    public List<ProtocolInfo> protocolEntries() {
        return ENTRIES;
    }

    @Override
    public int priority() {
        return 300;
    }

    @Override
    public WspProvider create(ProviderContext context) {
        return new AtmProvider(context);
    }
}
