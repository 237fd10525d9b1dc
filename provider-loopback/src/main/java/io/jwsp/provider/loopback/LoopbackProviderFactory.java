package io.jwsp.provider.loopback;

import io.jwsp.spi.kit.ext.KitExtensions;
import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.IpProtocol;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ProviderFlags;
import io.jwsp.spi.catalog.ServiceFlags;
import io.jwsp.spi.kit.transmit.TransmitExtensions;
import io.jwsp.spi.option.SockOpt;
import java.util.List;
import java.util.UUID;

/**
 * The loopback provider's ServiceLoader entry. Its priority (200) puts it after a real TCP in catalog order, so
 * {@code socket(AF_INET, SOCK_STREAM, 0)} picks TCP when both are installed.
 */
public final class LoopbackProviderFactory implements WspProviderFactory {
    public static final String NAME = "loopback";
    public static final UUID PROVIDER_ID = UUID.fromString("6a1f3c2e-7b4d-4e0a-9c58-1f0b2d3e4a5c");
    public static final int PRIORITY = 200;
    /** The largest datagram (65535 - 20 IP - 8 UDP), as for UDP over IPv4. */
    public static final int MAX_DATAGRAM = 65507;

    static final int STREAM_FLAGS = ServiceFlags.XP1_GUARANTEED_DELIVERY | ServiceFlags.XP1_GUARANTEED_ORDER
            | ServiceFlags.XP1_GRACEFUL_CLOSE;
    static final int DATAGRAM_FLAGS = ServiceFlags.XP1_CONNECTIONLESS | ServiceFlags.XP1_MESSAGE_ORIENTED;

    private static final List<ProtocolInfo> ENTRIES = List.of(
            ProtocolInfo.base("jwsp loopback TCP/IP", PROVIDER_ID, AddressFamily.AF_INET, SocketType.SOCK_STREAM,
                    IpProtocol.IPPROTO_TCP, STREAM_FLAGS, ProviderFlags.PFL_MATCHES_PROTOCOL_ZERO, 0)
                    .withExtensionFunctions(TransmitExtensions.plus(KitExtensions.GUIDS)),
            ProtocolInfo.base("jwsp loopback UDP/IP", PROVIDER_ID, AddressFamily.AF_INET, SocketType.SOCK_DGRAM,
                    IpProtocol.IPPROTO_UDP, DATAGRAM_FLAGS, ProviderFlags.PFL_MATCHES_PROTOCOL_ZERO, MAX_DATAGRAM)
                    .withExtensionFunctions(TransmitExtensions.GUIDS), // TransmitFile: WSAEOPNOTSUPP
            ProtocolInfo.base("jwsp loopback TCP/IPv6", PROVIDER_ID, AddressFamily.AF_INET6, SocketType.SOCK_STREAM,
                    IpProtocol.IPPROTO_TCP, STREAM_FLAGS, ProviderFlags.PFL_MATCHES_PROTOCOL_ZERO, 0)
                    .withExtensionFunctions(TransmitExtensions.plus(KitExtensions.GUIDS)),
            ProtocolInfo.base("jwsp loopback UDP/IPv6", PROVIDER_ID, AddressFamily.AF_INET6, SocketType.SOCK_DGRAM,
                    IpProtocol.IPPROTO_UDP, DATAGRAM_FLAGS, ProviderFlags.PFL_MATCHES_PROTOCOL_ZERO, MAX_DATAGRAM)
                    .withExtensionFunctions(TransmitExtensions.GUIDS));

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
        return ENTRIES;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public List<SockOpt<?>> socketOptions() {
        return List.of(LoopbackOptions.SO_CONDITIONAL_ACCEPT);
    }

    @Override
    public WspProvider create(ProviderContext context) {
        return new LoopbackProvider(NAME, context);
    }
}
